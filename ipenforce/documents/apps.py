from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "ipenforce.documents"
    label = "documents"
    verbose_name = "文书"

    def ready(self) -> None:
        import ipenforce.documents.exports  # noqa: F401 - registers the list exports
