from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldConfig(AppConfig):
    name = "ipenforce.field"
    label = "field"
    verbose_name = _("移动执法办案")

    def ready(self) -> None:
        from ipenforce.evidence.integrity import register_check
        from ipenforce.field.services import records_check

        register_check("sealed records", records_check)
