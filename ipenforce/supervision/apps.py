from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "ipenforce.supervision"
    label = "supervision"
    verbose_name = _("执法监督")

    def ready(self) -> None:
        import ipenforce.supervision.exports  # noqa: F401 - registers the list exports
        from ipenforce.supervision.workflow import ORDER, SUPERVISED_CASE
        from ipenforce.workflow.registry import register

        register(SUPERVISED_CASE)
        register(ORDER)
