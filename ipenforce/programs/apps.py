from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "ipenforce.programs"
    label = "programs"
    verbose_name = _("资助、政策台账与名录")

    def ready(self) -> None:
        import ipenforce.programs.exports  # noqa: F401 - registers the list exports
        import ipenforce.programs.imports  # noqa: F401 - registers the .xlsx imports
        from ipenforce.programs.workflow import FUNDING, KEY_ENTERPRISE, POLICY_TASK
        from ipenforce.workflow.registry import register

        register(FUNDING)
        register(POLICY_TASK)
        register(KEY_ENTERPRISE)
