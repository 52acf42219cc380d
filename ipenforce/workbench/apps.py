"""The workbench (我的待办): each user's queue of open work items, and the periodic refresh of due dates."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    name = "ipenforce.workbench"
    label = "workbench"
    verbose_name = _("工作台")

    def ready(self) -> None:
        import ipenforce.workbench.exports  # noqa: F401 - registers the list exports
        import ipenforce.workbench.services  # noqa: F401 - the inbox listens for work arriving
