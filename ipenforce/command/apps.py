from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommandConfig(AppConfig):
    name = "ipenforce.command"
    label = "command"
    verbose_name = _("指挥调度")

    def ready(self) -> None:
        import ipenforce.command.exports  # noqa: F401 - registers the list exports
        from ipenforce.command import extensions
        from ipenforce.command.workflow import ASSIGNMENT, ASSISTANCE, OPERATION
        from ipenforce.workflow.registry import register

        register(ASSIGNMENT)
        register(ASSISTANCE)
        register(OPERATION)
        extensions.register()
