from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ipenforce.cases"
    label = "cases"
    verbose_name = _("案件")

    def ready(self) -> None:
        import ipenforce.cases.exports  # noqa: F401 - registers the list exports
        import ipenforce.cases.imports  # noqa: F401 - registers the legacy-case import
        from ipenforce.cases import rule_uses
        from ipenforce.cases.workflow import CASE
        from ipenforce.workflow.registry import register

        register(CASE)
        rule_uses.register()
