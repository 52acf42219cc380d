"""The workflow engine: every procedure declared as data and run by one `perform`."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "ipenforce.workflow"
    label = "workflow"
    verbose_name = _("流程")
