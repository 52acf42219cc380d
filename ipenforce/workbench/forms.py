"""Forms of the workbench: how a person wants to be told of new and due work."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.core.forms import BootstrapForm


class PreferenceForm(BootstrapForm):
    email_new = forms.BooleanField(label=_("新待办发邮件"), required=False)
    email_due_soon = forms.BooleanField(label=_("即将到期发邮件"), required=False)
    email_overdue = forms.BooleanField(label=_("已逾期发邮件"), required=False)
