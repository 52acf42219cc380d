"""Forms of the campaign pages: a new campaign, tagging a case, a report's own text and entered figures, the
campaign report's period, and the report steps (the engine's action forms)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.campaigns.choices import WEEKDAYS, Cadence, Stage
from ipenforce.campaigns.workflow import UNIT_REPORT
from ipenforce.cases.forms import case_reference_field
from ipenforce.core.forms import BootstrapForm
from ipenforce.workflow.forms import action_form_class

DATE = forms.DateInput(attrs={"type": "date"})


class CampaignForm(BootstrapForm):
    name = forms.CharField(label=_("名称"), max_length=60)
    description = forms.CharField(label=_("行动方案（任务概述）"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    cadence = forms.ChoiceField(label=_("报送周期"), choices=Cadence.choices)
    report_weekday = forms.TypedChoiceField(label=_("周报报送日"), choices=WEEKDAYS, coerce=int, initial=0,
                                            help_text=_("默认星期一（外地做法，可配置）"))
    report_day = forms.IntegerField(label=_("月报报送日（每月几日前）"), min_value=1, max_value=28, initial=4,
                                    help_text=_("默认4日（外地做法，可配置）"))
    late_counts_as_zero = forms.BooleanField(label=_("逾期不报视同无执法数据"), required=False, initial=True)
    units = forms.MultipleChoiceField(label=_("参与单位"), widget=forms.CheckboxSelectMultiple)
    target_cases = forms.IntegerField(label=_("各单位目标查处案件数"), required=False, min_value=0)
    tasks = forms.CharField(label=_("各单位任务"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(str(a.pk), a.name) for a in agencies]
        for stage in Stage:
            self.fields[f"{stage.value}_start"] = forms.DateField(
                label=_("%(stage)s阶段开始") % {"stage": stage.label}, required=False, widget=DATE)
            self.fields[f"{stage.value}_end"] = forms.DateField(
                label=_("%(stage)s阶段结束") % {"stage": stage.label}, required=False, widget=DATE)
            for name in (f"{stage.value}_start", f"{stage.value}_end"):
                self.fields[name].widget.attrs["class"] = "form-control"

    def stages(self) -> list[dict]:
        data = self.cleaned_data
        return [{"stage": s.value, "starts_on": data[f"{s.value}_start"], "ends_on": data[f"{s.value}_end"]}
                for s in Stage if data.get(f"{s.value}_start") and data.get(f"{s.value}_end")]


class TagForm(BootstrapForm):
    case_id = case_reference_field(_("案件或线索"))


class ReportForm(BootstrapForm):
    text = forms.CharField(label=_("工作情况"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))
    typical_cases = forms.CharField(label=_("典型案例"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    goods_seized = forms.DecimalField(label=_("查扣物品货值（元，填报）"), required=False, min_value=0,
                                      max_digits=14, decimal_places=2)
    shops_closed = forms.IntegerField(label=_("关闭网店数（家，填报）"), required=False, min_value=0)


class SummaryForm(BootstrapForm):
    start = forms.DateField(label=_("期间起"), widget=DATE)
    end = forms.DateField(label=_("期间止"), widget=DATE)


def step_form(key: str, data=None):
    return action_form_class(UNIT_REPORT.actions[key])(data, prefix=key)
