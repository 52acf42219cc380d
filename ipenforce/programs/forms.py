"""Forms of the programs pages; the services check what they submit."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.core.forms import BootstrapForm, BootstrapModelForm
from ipenforce.programs.models import Alliance, KeyEnterprise, RightsContact, Station, Track
from ipenforce.workflow.forms import action_form_class

DATE = forms.DateInput(attrs={"type": "date"})
MONEY = {"max_digits": 14, "decimal_places": 2}


def step_form(procedure, key: str, data=None):
    return action_form_class(procedure.actions[key])(data, prefix=key)


class CallForm(BootstrapForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("资助项目"), max_length=200)
    track = forms.ChoiceField(label=_("类别"), choices=Track.choices)
    budget = forms.DecimalField(label=_("预算（元）"), min_value=0, **MONEY)
    cap = forms.DecimalField(label=_("单项资助上限（元）"), min_value=0, **MONEY)
    unit_amount = forms.DecimalField(label=_("每件资助额（元，核准制）"), min_value=0, required=False, **MONEY)
    cost_share = forms.DecimalField(label=_("费用资助比例（0–1，核准制）"), min_value=0, max_value=1,
                                    max_digits=5, decimal_places=4, required=False)
    opens_on = forms.DateField(label=_("申报开始"), widget=DATE)
    closes_on = forms.DateField(label=_("申报截止"), widget=DATE)
    payment_opens_on = forms.DateField(label=_("领款开始"), widget=DATE, required=False)
    payment_closes_on = forms.DateField(label=_("领款截止"), widget=DATE, required=False)
    materials = forms.CharField(label=_("申报材料（每行一项）"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    indicators = forms.CharField(label=_("绩效指标"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    contract_required = forms.BooleanField(label=_("领款前须签订资助合同"), required=False)

    def clean_materials(self):
        return [line.strip() for line in self.cleaned_data["materials"].splitlines() if line.strip()]


class ApplicationForm(BootstrapForm):
    applicant_name = forms.CharField(label=_("申请单位"), max_length=200)
    applicant_uscc = forms.CharField(label=_("统一社会信用代码"), max_length=30)
    project_ref = forms.CharField(label=_("资助对象（专利号、项目编号等）"), max_length=100)
    district = forms.CharField(label=_("所在区"), max_length=40, required=False)
    industry = forms.CharField(label=_("所属行业"), max_length=60, required=False)
    quantity = forms.IntegerField(label=_("件数（核准制）"), min_value=1, max_value=100000, required=False)
    eligible_cost = forms.DecimalField(label=_("可资助费用（元）"), min_value=0, required=False, **MONEY)
    requested = forms.DecimalField(label=_("申请金额（元）"), min_value=0, **MONEY)
    materials = forms.MultipleChoiceField(label=_("已交材料"), required=False, widget=forms.CheckboxSelectMultiple)
    undertaking = forms.BooleanField(label=_("已提交不侵犯他人知识产权的书面承诺"), required=False)

    def __init__(self, *args, call=None, own_account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].choices = [(m, m) for m in (call.materials if call else [])]
        if own_account is not None:  # an enterprise applies in its own account's name
            self.fields["applicant_name"].initial = own_account.name
            self.fields["applicant_name"].disabled = True


class ExpertsForm(BootstrapForm):
    experts = forms.ModelMultipleChoiceField(label=_("评审专家"), queryset=None,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = people
        self.fields["experts"].label_from_instance = lambda u: f"{u.display_name}（{u.agency}）"


class ScoreSheetForm(BootstrapForm):
    no_conflict = forms.BooleanField(label=_("本人声明与申请人无利害关系"), required=False)
    score = forms.DecimalField(label=_("评分（0–100）"), min_value=0, max_value=100, max_digits=6, decimal_places=2)
    opinion = forms.CharField(label=_("评审意见"), widget=forms.Textarea(attrs={"rows": 4}))


class SampleForm(BootstrapForm):
    size = forms.IntegerField(label=_("抽查数量（由用户设定）"), min_value=1, max_value=10000)


class DocumentForm(BootstrapForm):
    title = forms.CharField(label=_("文件"), max_length=200)
    areas = forms.CharField(label=_("方面（每行一项）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_areas(self):
        return [line.strip() for line in self.cleaned_data["areas"].splitlines() if line.strip()]


class TaskForm(BootstrapForm):
    area = forms.CharField(label=_("方面"), max_length=100)
    title = forms.CharField(label=_("任务"), max_length=300)
    lead_unit = forms.CharField(label=_("牵头单位"), max_length=200)
    co_units = forms.CharField(label=_("配合单位"), max_length=300, required=False)
    due_on = forms.DateField(label=_("完成时限"), widget=DATE, required=False)
    indicators = forms.CharField(label=_("指标"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class KeyEnterpriseForm(BootstrapModelForm):
    class Meta:
        model = KeyEnterprise
        fields = ["name", "uscc", "industry", "key_ip_assets", "contact", "liaison", "service_level", "grounds"]
        widgets = {"key_ip_assets": forms.Textarea(attrs={"rows": 2}), "grounds": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, liaisons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["liaison"].queryset = liaisons
        self.fields["service_level"].help_text = _("内部服务目标由本单位设定（无法定时限）。")


class AllianceForm(BootstrapModelForm):
    class Meta:
        model = Alliance
        fields = ["kind", "name", "industry", "filed_on", "members", "member_count", "standards_published"]
        widgets = {"filed_on": DATE, "members": forms.Textarea(attrs={"rows": 2})}


class StationForm(BootstrapModelForm):
    class Meta:
        model = Station
        fields = ["kind", "name", "host", "region", "services", "staff", "year", "trainings", "guidance",
                  "aid_cases"]
        widgets = {"services": forms.Textarea(attrs={"rows": 2}), "staff": forms.Textarea(attrs={"rows": 2})}


class ContactForm(BootstrapModelForm):
    class Meta:
        model = RightsContact
        fields = ["kind", "right_holder", "mark_number", "classes", "products", "agents", "verification_contact",
                  "reason", "valid_until"]
        widgets = {"valid_until": DATE, "products": forms.Textarea(attrs={"rows": 2}),
                   "agents": forms.Textarea(attrs={"rows": 2}), "reason": forms.Textarea(attrs={"rows": 2})}
