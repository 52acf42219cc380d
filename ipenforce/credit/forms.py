"""Forms: proposing a listing, recording a repair application or objection, the party search."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.core.forms import BootstrapForm
from ipenforce.credit.models import RepairRequest
from ipenforce.credit.workflow import GROUNDS, HEAVIER, OBJECTION_MATERIALS, REPAIR_MATERIALS


class ListingForm(BootstrapForm):
    party_id = forms.ChoiceField(label=_("当事人"))
    ground = forms.ChoiceField(label=_("列入事由（总局令第44号第九条）"), choices=GROUNDS)
    heavier_penalty = forms.ChoiceField(label=_("较重行政处罚（总局令第44号第二条）"), choices=HEAVIER)
    seriousness = forms.CharField(label=_("情节严重的考量（主观恶意、违法频次、持续时间、罚没款数额、社会影响等）"),
                                  widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_id"].choices = [(str(p.pk), f"{p.name}（{p.identifier or '—'}）") for p in parties]


class RepairForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("申请类型"), choices=RepairRequest.KINDS)
    applicant = forms.CharField(label=_("申请人"), max_length=200)
    applied_on = forms.DateField(label=_("申请日期"), widget=forms.DateInput(attrs={"type": "date"}))
    grounds = forms.CharField(label=_("申请理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    materials = forms.MultipleChoiceField(
        label=_("提交的材料"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=list(dict([*REPAIR_MATERIALS, *OBJECTION_MATERIALS]).items()))


class PartySearchForm(forms.Form):
    identifier = forms.CharField(label=_("统一社会信用代码或身份证号"), max_length=40)
