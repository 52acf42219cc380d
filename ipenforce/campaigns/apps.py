from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "ipenforce.campaigns"
    label = "campaigns"
    verbose_name = _("专项行动")

    def ready(self) -> None:
        import ipenforce.campaigns.exports  # noqa: F401 - registers the list export
        from ipenforce.campaigns.workflow import UNIT_REPORT
        from ipenforce.workflow.registry import register

        register(UNIT_REPORT)
