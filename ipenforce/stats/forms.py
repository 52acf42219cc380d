"""Forms of the statistics pages: the report and dashboard period, the assessment period, a year's weights."""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.forms import BootstrapForm
from ipenforce.orgs.selectors import assesses_others
from ipenforce.stats.indicators import INDICATORS
from ipenforce.stats.selectors import figure_agencies

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(BootstrapForm):
    agency = forms.ModelChoiceField(queryset=None, label=gettext_lazy("单位"))
    start = forms.DateField(label=gettext_lazy("开始日期"), widget=DATE)
    end = forms.DateField(label=gettext_lazy("结束日期"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = figure_agencies(user)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        return data


class AssessmentForm(BootstrapForm):
    agency = forms.ModelChoiceField(queryset=None, label=gettext_lazy("单位"), required=False)
    start = forms.DateField(label=gettext_lazy("开始日期"), widget=DATE)
    end = forms.DateField(label=gettext_lazy("结束日期"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if assesses_others(user):
            self.fields["agency"].queryset = figure_agencies(user)
        else:
            del self.fields["agency"]


class SchemeForm(BootstrapForm):
    stale_approval_days = forms.IntegerField(label=gettext_lazy("审批超时天数"), min_value=1, max_value=365)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in INDICATORS:
            for name, label in (("weight", _("权重")), ("unit_target", _("单位目标")), ("officer_target",
                                                                                        _("个人目标"))):
                self.fields[f"{name}_{indicator.code}"] = forms.DecimalField(
                    label=f"{indicator.label} {label}", min_value=0, max_digits=14, decimal_places=2,
                    widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.01"}))

    def rows(self):
        return [(i, [self[f"{n}_{i.code}"] for n in ("weight", "unit_target", "officer_target")]) for i in INDICATORS]

    def weights(self) -> list[dict]:
        return [{"indicator": i.code, **{n: self.cleaned_data[f"{n}_{i.code}"]
                                         for n in ("weight", "unit_target", "officer_target")}} for i in INDICATORS]
