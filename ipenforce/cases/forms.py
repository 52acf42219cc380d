"""Forms of the case pages: lead details, a party, an IP right, list filters (action forms: workflow.forms)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.cases import explanations
from ipenforce.cases.choices import MatterType, Procedure, Progress, Source, State
from ipenforce.cases.filters import SORTS
from ipenforce.cases.models import Campaign, Case, IpRight, Party
from ipenforce.core import rules
from ipenforce.core.forms import BootstrapForm, BootstrapModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _checked_by_the_service(form: forms.ModelForm, *names: str) -> None:
    """Identifiers are normalised and check-digit validated by the service, which names the problem; the form
    only limits their length (people type spaces and prefixes)."""
    for name in names:
        form.fields[name].max_length = 30
        form.fields[name].widget.attrs["maxlength"] = 30
        form.fields[name].validators = []


class CaseForm(BootstrapModelForm):
    campaigns = forms.ModelMultipleChoiceField(Campaign.objects.filter(is_active=True), required=False,
                                               widget=forms.CheckboxSelectMultiple, label=_("专项行动"))

    class Meta:
        model = Case
        fields = ["title", "source", "ip_type", "offence", "description", "discovered_on", "conduct_on",
                  "conduct_ended_on", "harms_safety", "campaigns",
                  "is_ecommerce", "is_cross_region", "is_major", "public_interest", "major_rights",
                  "illegal_turnover", "illegal_gains", "goods_value",
                  "sales_amount", "loss_amount", "label_count", "unsold_label_count", "copy_count", "works_count",
                  "click_count", "member_count", "innocent_seller", "serious_circumstances"]
        widgets = {"discovered_on": DATE, "conduct_on": DATE, "conduct_ended_on": DATE,
                   "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rules without a number that explain a field are shown where it is entered (F1b, F5a).
        for name, key, prefix in (("illegal_turnover", explanations.TURNOVER_FACTORS, _("商标案件")),
                                  ("offence", explanations.PATENT_ACTS, _("专利案件"))):
            version = rules.get_rule(key).versions[-1]
            self.fields[name].help_text = (f"{self.fields[name].help_text} {prefix}：{version.text}"
                                           f"（{version.citation}）").strip()


class PartyForm(BootstrapModelForm):
    class Meta:
        model = Party
        fields = ["kind", "name", "uscc", "id_number", "legal_representative", "address", "service_address",
                  "service_address_confirmed", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _checked_by_the_service(self, "uscc", "id_number")


class RightForm(BootstrapModelForm):
    class Meta:
        model = IpRight
        fields = ["ip_type", "patent_number", "trademark_number", "trademark_class", "copyright_number", "work_title",
                  "holder"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _checked_by_the_service(self, "patent_number", "trademark_number")


class CaseFilterForm(BootstrapForm):
    q = forms.CharField(required=False, max_length=100, label=_("关键词"),
                        widget=forms.TextInput(attrs={"placeholder": _("编号、当事人、案由")}))
    state = forms.ChoiceField(required=False, label=_("状态"), choices=[("", _("全部状态")), *State.choices])
    procedure = forms.ChoiceField(required=False, label=_("程序"),
                                  choices=[("", _("全部程序")), *[c for c in Procedure.choices if c[0]]])
    ip_type = forms.ChoiceField(required=False, label=_("类型"), choices=[("", _("全部类型")), *MatterType.choices])
    source = forms.ChoiceField(required=False, label=_("来源"), choices=[("", _("全部来源")), *Source.choices])
    campaign = forms.ModelChoiceField(Campaign.objects.all(), required=False, label=_("专项行动"),
                                      empty_label=_("全部专项行动"))
    discovered_from = forms.DateField(required=False, label=_("发现日期自"), widget=DATE)
    discovered_to = forms.DateField(required=False, label=_("至"), widget=DATE)
    decided_from = forms.DateField(required=False, label=_("决定日期自"), widget=DATE)
    decided_to = forms.DateField(required=False, label=_("至 "), widget=DATE)
    progress = forms.ChoiceField(required=False, label=_("办理进度"), choices=[("", _("全部进度")), *Progress.choices])
    agency = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the API's and dashboards' links
    within = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the command view's links
    sort = forms.ChoiceField(required=False, label=_("排序"), widget=forms.HiddenInput,  # the column headers
                             choices=[("", "")] + [(f"{d}{k}", k) for k in SORTS for d in ("", "-")])



def case_reference_field(label, *, required: bool = True) -> forms.CharField:
    """Where a page asks which case: the number people use (resolved by `selectors.case_by_reference`)."""
    return forms.CharField(label=label, required=required, max_length=60,
                           help_text=_("填写案件编号（如 深福市监罚〔2026〕1号），尚未立案的填写案源编号（如 12）。"))
