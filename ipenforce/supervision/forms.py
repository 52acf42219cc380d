"""Forms of supervision pages; the engine's action forms are built from the procedures' declared fields."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.forms import case_reference_field
from ipenforce.core.forms import BootstrapForm
from ipenforce.supervision.workflow import ORDER, SUPERVISED_CASE
from ipenforce.workflow.forms import action_form_class


def step_form(procedure, key: str, data=None):
    return action_form_class(procedure.actions[key])(data, prefix=key)


def case_step_form(key: str, data=None):
    return step_form(SUPERVISED_CASE, key, data)


def order_step_form(key: str, data=None):
    return step_form(ORDER, key, data)


class SuperviseForm(BootstrapForm):
    case_id = case_reference_field(_("督办案件"))
    instructions = forms.CharField(label=_("督办要求"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    interval_days = forms.IntegerField(label=_("报告间隔（日）"), min_value=1, max_value=90, initial=7)
    deadline = forms.DateField(label=_("督办期限"), widget=forms.DateInput(attrs={"type": "date"}))


class OrderForm(BootstrapForm):
    target = forms.ChoiceField(label=_("被监督单位"))
    matter = forms.CharField(label=_("监督事项"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    case_id = case_reference_field(_("涉及案件（可不填）"), required=False)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—"), *[(str(a.pk), a.name) for a in targets]]
        self.fields["target"].widget.attrs["class"] = "form-select"


class DrawForm(BootstrapForm):
    unit = forms.ChoiceField(label=_("被评查单位"))
    period_start = forms.DateField(label=_("结案起始日"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("结案截止日"), widget=forms.DateInput(attrs={"type": "date"}))
    sample_size = forms.IntegerField(label=_("抽取件数"), min_value=1, max_value=500, initial=5)
    seed = forms.CharField(label=_("随机种子（不填则自动生成）"), max_length=64, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—"), *[(str(a.pk), a.name) for a in units]]
        self.fields["unit"].widget.attrs["class"] = "form-select"
