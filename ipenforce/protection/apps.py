from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "ipenforce.protection"
    label = "protection"
    verbose_name = _("知识产权保护中心")

    def ready(self) -> None:
        from ipenforce.protection import extensions
        from ipenforce.protection.workflow import ADJUDICATION, COMPLAINT, MEDIATION, NOTICE, REGISTRATION
        from ipenforce.workflow.registry import register

        register(COMPLAINT)
        register(NOTICE)
        register(ADJUDICATION)
        register(MEDIATION)
        register(REGISTRATION)
        extensions.register()
