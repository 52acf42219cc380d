"""Forms of command and dispatch: a new assignment, assistance request, supplier notification and joint operation,
the answer files and their entry into evidence, and the step forms built from the engine's actions."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.models import Case
from ipenforce.command.models import AssignmentKind
from ipenforce.command.selectors import subordinates
from ipenforce.command.services import MATTERS
from ipenforce.core.forms import BootstrapForm
from ipenforce.orgs.models import Agency, User
from ipenforce.workflow.forms import action_form_class

RECENT_CASES = 200


def _cases(user) -> list[tuple[str, str]]:
    if not user.agency_id:
        return [("", "—")]
    cases = Case.objects.filter(agency_id=user.agency_id).order_by("-registered_at", "-pk")[:RECENT_CASES]
    return [("", "—"), *((str(c.pk), f"{c.number or _('线索')} {c.title}") for c in cases)]


class AssignmentForm(BootstrapForm):
    receiver_ids = forms.MultipleChoiceField(label=_("承办单位"), widget=forms.CheckboxSelectMultiple)
    kind = forms.ChoiceField(label=_("交办事项类型"), choices=[("", "—"), *AssignmentKind.choices])
    case_id = forms.ChoiceField(label=_("交办的线索或案件"), required=False)
    title = forms.CharField(label=_("交办事项"), max_length=200)
    instructions = forms.CharField(label=_("交办要求"), widget=forms.Textarea(attrs={"rows": 3}))
    feedback_wanted = forms.CharField(label=_("反馈要求"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reply_within_days = forms.IntegerField(label=_("办理期限（签收后工作日）"), min_value=1, max_value=365,
                                           initial=15)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = subordinates(user.agency) if user.agency_id else Agency.objects.none()
        self.fields["receiver_ids"].choices = [(str(a.pk), a.name) for a in agencies]
        self.fields["case_id"].choices = _cases(user)


class AssistanceForm(BootstrapForm):
    assisted_id = forms.ChoiceField(label=_("被请求单位"), required=False)
    outside_name = forms.CharField(label=_("平台外被请求单位（名称）"), required=False, max_length=200)
    case_id = forms.ChoiceField(label=_("请求协查的案件"), required=False)
    matters = forms.MultipleChoiceField(label=_("协查事项"), choices=list(MATTERS.items()),
                                        widget=forms.CheckboxSelectMultiple)
    details = forms.CharField(label=_("协查内容"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True).exclude(pk=user.agency_id).order_by("path")
        self.fields["assisted_id"].choices = [("", "—"), *((str(a.pk), a.name) for a in agencies)]
        self.fields["case_id"].choices = _cases(user)


class SupplierNoticeForm(BootstrapForm):
    supplier = forms.CharField(label=_("供货者"), max_length=200)
    supplier_address = forms.CharField(label=_("供货者地址"), max_length=300)
    assisted_id = forms.ChoiceField(label=_("供货者所在地市场监管部门"), required=False)
    outside_name = forms.CharField(label=_("平台外单位（名称）"), required=False, max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True, kind="market_regulation").exclude(
            pk=user.agency_id).order_by("path")
        self.fields["assisted_id"].choices = [("", "—"), *((str(a.pk), a.name) for a in agencies)]


class EvidenceForm(BootstrapForm):
    collector_ids = forms.MultipleChoiceField(label=_("提取人（至少两名执法人员）"),
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        officers = User.objects.filter(agency_id=user.agency_id, is_active=True,
                                       role_grants__role="case_officer").order_by("username")
        self.fields["collector_ids"].choices = [(str(u.pk), u.display_name) for u in officers]


class OperationForm(BootstrapForm):
    title = forms.CharField(label=_("行动名称"), max_length=200)
    plan = forms.CharField(label=_("行动方案"), widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    participant_ids = forms.MultipleChoiceField(label=_("参与单位"), required=False,
                                                widget=forms.SelectMultiple(attrs={"size": 8}))
    outside_participants = forms.CharField(label=_("平台外参与单位"), required=False, max_length=300)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True).exclude(pk=user.agency_id).order_by("path")
        self.fields["participant_ids"].choices = [(str(a.pk), a.name) for a in agencies]


class OperationLinkForm(BootstrapForm):
    case_id = forms.IntegerField(label=_("由行动发现的线索或案件（ID）"), min_value=1)


def step_form(procedure, key: str, subject, data=None):
    """The form of a step, with the agencies an assignment may be handed on to."""
    action = procedure.actions[key]
    choices = {}
    for f in action.fields:
        if f.kind == "agency" and hasattr(subject, "assigner"):
            choices[f.name] = [("", "—"), *((str(a.pk), a.name) for a in subordinates(subject.assigner))]
    return action_form_class(action, choices)(data, prefix=key)
