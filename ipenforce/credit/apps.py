from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "ipenforce.credit"
    label = "credit"
    verbose_name = _("信用监管")

    def ready(self) -> None:
        import ipenforce.credit.exports  # noqa: F401 - registers the list exports
        from ipenforce.credit import extensions
        from ipenforce.credit.workflow import LISTING, PUBLICATION, REPAIR
        from ipenforce.workflow.registry import register

        for procedure in (PUBLICATION, LISTING, REPAIR):
            register(procedure)
        extensions.register()
