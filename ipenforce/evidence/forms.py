"""Forms of the evidence page: an evidence item with its files, a custody event."""
from django import forms
from django.utils.translation import gettext_lazy

from ipenforce.cases.selectors import assignable_officers
from ipenforce.core.forms import BootstrapForm
from ipenforce.evidence.choices import CustodyKind, EvidenceKind

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class EvidenceForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("证据种类"), choices=EvidenceKind.choices)
    description = forms.CharField(label=gettext_lazy("证据描述"), widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(label=gettext_lazy("来源"), max_length=200)
    proves = forms.CharField(label=gettext_lazy("证明对象"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label=gettext_lazy("提取地点"), max_length=200)
    collected_at = forms.DateTimeField(label=gettext_lazy("提取时间"), widget=DATETIME)
    collector_ids = forms.MultipleChoiceField(label=gettext_lazy("提取人（至少两名）"),
                                              widget=forms.CheckboxSelectMultiple)
    captured_url = forms.CharField(label=gettext_lazy("提取网址或系统（电子数据）"), required=False, max_length=500)
    captured_at = forms.DateTimeField(label=gettext_lazy("电子数据提取时间"), required=False, widget=DATETIME)
    files = MultipleFileField(label=gettext_lazy("文件"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        officers = assignable_officers(case)
        self.fields["collector_ids"].choices = [(str(u.pk), u.display_name) for u in officers]


class CustodyForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("事项"),
                             choices=[c for c in CustodyKind.choices if c[0] != "collected"])
    at = forms.DateTimeField(label=gettext_lazy("时间"), widget=DATETIME)
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=500)


class ProvesForm(BootstrapForm):
    proves = forms.CharField(label=gettext_lazy("证明对象"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))
