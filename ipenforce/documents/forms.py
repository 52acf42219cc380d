"""Forms of the document pages: a new template version."""
from django import forms
from django.utils.translation import gettext_lazy

from ipenforce.core.forms import BootstrapForm
from ipenforce.documents.kinds import KINDS


class TemplateForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("文书种类"), choices=[(k.key, k.title) for k in KINDS.values()])
    file = forms.FileField(label=gettext_lazy("模板文件（.docx）"))
