from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkageConfig(AppConfig):
    name = "ipenforce.linkage"
    label = "linkage"
    verbose_name = _("两法衔接")

    def ready(self) -> None:
        import ipenforce.linkage.exports  # noqa: F401 - registers the list exports
        from ipenforce.linkage import extensions, rule_uses
        from ipenforce.linkage.workflow import TRANSFER
        from ipenforce.workflow.registry import register

        register(TRANSFER)
        extensions.register()
        rule_uses.register()
