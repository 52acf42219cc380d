from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ipenforce.documents"
    label = "documents"
    verbose_name = _("文书")

    def ready(self) -> None:
        import ipenforce.documents.exports  # noqa: F401 - registers the list exports
