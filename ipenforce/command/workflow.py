"""The assignment (交办单) and the assistance request (协查函) declared on the workflow engine (wave2-rules.md §A.2
state model, A-01, A-04, A-08, A-09, A-14): who acts at each step (the assigning agency's officers and head, the
receiving agency's officers; the requesting and the assisted agency), what they enter, the time limits, and the
guards (a receiver under the assigner, a report naming its case, an extension or inability before expiry)."""
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.command.models import ReportOutcome
from ipenforce.core.clock import end_of
from ipenforce.orgs.choices import Role
from ipenforce.workflow import definitions as wf
from ipenforce.workflow.definitions import Action, Actor, Field, Refusal, Task, start, stop

# ---- assignments ------------------------------------------------------------------------------------------

ASSIGNER = Actor("assigner", Role.CASE_OFFICER, at="assigner")
ASSIGNER_HEAD = Actor("assigner_head", Role.AGENCY_HEAD, at="assigner")
RECEIVER = Actor("receiver", Role.CASE_OFFICER, at="receiver")

DESIGNATION = "command.jurisdiction_designation"

ASSIGNMENT_STATES = {
    "draft": _("草拟"), "issued": _("已下发（待签收）"), "received": _("办理中"), "reported": _("已反馈（待审核）"),
    "accepted": _("办结"), "declined": _("退回：不属管辖"), "reassigned": _("已改派"),
    "designated": _("已指定管辖"), "withdrawn": _("已撤回"),
}
ASSIGNMENT_OPEN = frozenset({"issued", "received", "reported", "declined"})
RECEIVER_OPEN = frozenset({"issued", "received", "reported"})  # still with the receiving unit or its report


@dataclass
class AssignmentFacts:
    state: str
    today: date
    due_on: date | None = None
    chosen: object = None  # the agency a reassignment or designation names, if it is under the assigner


def _s(*names):
    return frozenset(names)


REASON = Field("reason", "text", _("理由"))
RECEIVER_FIELD = Field("receiver_id", "agency", _("承办单位"))


def receiver_under_assigner(facts, payload):
    if facts.chosen is None:
        return Refusal("receiver_not_subordinate", str(_("只能交办给本单位的下级单位。")), "receiver_id")


def report_complete(facts, payload):
    if payload.get("outcome") == ReportOutcome.CASE_FILED and not (payload.get("case_number") or "").strip():
        return Refusal("case_number_required", str(_("已立案的，请填写案件编号。")), "case_number")


def later_due(facts, payload):
    new = payload.get("new_due")
    if new and facts.due_on and new <= facts.due_on:
        return Refusal("extension_not_later", str(_("延长后的期限应晚于原期限（%(due)s）。")) % {"due": facts.due_on},
                       "new_due")


ASSIGNMENT_ACTIONS = [
    Action("draft", _("草拟交办单"), _s(""), (), "draft"),
    Action("reissue", _("改派或指定管辖后下发"), _s(""), (), "issued"),
    Action("issue", _("签发下发"), _s("draft"), (ASSIGNER,), "issued", approval=(ASSIGNER_HEAD,)),
    Action("withdraw", _("撤回"), _s("draft"), (ASSIGNER,), "withdrawn", fields=(REASON,)),
    Action("receive", _("签收"), _s("issued"), (RECEIVER,), "received"),
    Action("request_extension", _("申请延期"), _s("received"), (RECEIVER,), approval=(ASSIGNER,),
           fields=(Field("new_due", "date", _("延长至")), REASON), guards=(later_due,)),
    Action("report", _("反馈办理结果"), _s("received"), (RECEIVER,), "reported",
           fields=(Field("outcome", "choice", _("办理结果"), choices=tuple(ReportOutcome.choices)),
                   Field("case_number", "text", _("立案案件编号"), required=False),
                   Field("report", "text", _("办结报告"))), guards=(report_complete,)),
    Action("accept", _("审核通过（办结）"), _s("reported"), (ASSIGNER,), "accepted"),
    Action("return_for_more", _("退回补充"), _s("reported"), (ASSIGNER,), "received", fields=(REASON,)),
    Action("decline", _("退回：不属本单位管辖"), _s("issued", "received"), (RECEIVER,), "declined", fields=(REASON,),
           clocks=(start(DESIGNATION, ASSIGNER),)),
    Action("reassign", _("改派"), _s("declined"), (ASSIGNER,), "reassigned", approval=(ASSIGNER_HEAD,),
           fields=(RECEIVER_FIELD, REASON), guards=(receiver_under_assigner,), clocks=(stop(DESIGNATION),)),
    Action("designate", _("指定管辖"), _s("declined"), (ASSIGNER,), "designated", approval=(ASSIGNER_HEAD,),
           fields=(Field("receiver_id", "agency", _("指定管辖单位")), REASON), guards=(receiver_under_assigner,),
           clocks=(stop(DESIGNATION),)),
]


def assignment_tasks(assignment) -> list[Task]:
    """The receiver signs and works it (due at the end of its period); the assigner reviews the report; an
    overdue assignment, once escalated, waits on the assigner's head too."""
    state = assignment.state
    if state == "issued":
        return [Task("assignment.receive", _("待签收交办单"), RECEIVER)]
    if state == "received":
        due = end_of(assignment.due_on) if assignment.due_on else None
        tasks = [Task("assignment.work", _("办理交办事项"), RECEIVER, due_at=due)]
        if assignment.escalated_at:
            tasks.append(Task("assignment.overdue", _("交办事项逾期未办结"), ASSIGNER_HEAD, due_at=due))
        return tasks
    if state == "reported":
        return [Task("assignment.review", _("审核交办事项反馈"), ASSIGNER)]
    return []


ASSIGNMENT = wf.Procedure(
    key="assignment", model="command.Assignment", label=_("交办单"), states=ASSIGNMENT_STATES,
    actions=ASSIGNMENT_ACTIONS,
    agencies={"assigner": lambda a: a.assigner, "receiver": lambda a: a.receiver, "subject": lambda a: a.assigner},
    officers=lambda a: [],
    url=lambda a: reverse("command:assignment", args=[a.pk]),
    facts="ipenforce.command.selectors.assignment_facts",
    effects="ipenforce.command.effects.ASSIGNMENT_EFFECTS",
    subjects="ipenforce.command.selectors.assignment_detail",
    tasks="ipenforce.command.workflow.assignment_tasks",
)

# ---- assistance requests ----------------------------------------------------------------------------------

REQUESTER = Actor("requester", Role.CASE_OFFICER, at="requester")
ASSISTED = Actor("assisted", Role.CASE_OFFICER, at="assisted")
ASSISTED_POLICE = Actor("assisted_police", Role.POLICE_LIAISON, at="assisted")
ASSISTED_ANY = (ASSISTED, ASSISTED_POLICE)
ASSIST = "command.assistance_reply"

ASSISTANCE_STATES = {
    "sent": _("已发函（待收函）"), "outside": _("已发函（平台外单位）"), "received": _("协查中"),
    "answered": _("已答复"), "unable": _("无法协助"), "closed": _("已办结"), "withdrawn": _("已撤回"),
}
ASSISTANCE_OPEN = frozenset({"sent", "outside", "received"})


@dataclass
class AssistanceFacts:
    state: str
    today: date
    to_police: bool = False
    due_on: date | None = None


def _to_police(facts, payload) -> bool:
    return facts.to_police


def _to_bureau(facts, payload) -> bool:
    return not facts.to_police


def before_expiry(facts, payload):
    if facts.due_on and facts.today > facts.due_on:
        return Refusal("assistance_expired", str(_("协查期限已于%(due)s届满：延期或无法协助应在期限届满前告知。"))
                       % {"due": facts.due_on})


def extension_later(facts, payload):
    new = payload.get("new_due")
    if new and facts.due_on and new <= facts.due_on:
        return Refusal("extension_not_later", str(_("延长后的期限应晚于原期限（%(due)s）。")) % {"due": facts.due_on},
                       "new_due")


ANSWER = Field("answer", "text", _("协查结果"))

ASSISTANCE_ACTIONS = [
    Action("send", _("发出协助调查函"), _s(""), (), "sent"),
    Action("send_outside", _("发出协助调查函（平台外单位）"), _s(""), (), "outside"),
    Action("receive", _("收函"), _s("sent"), ASSISTED_ANY, "received",
           clocks=(start(ASSIST, ASSISTED, when=_to_bureau), start(ASSIST, ASSISTED_POLICE, when=_to_police))),
    Action("extend", _("告知延期完成"), _s("received"), ASSISTED_ANY,
           fields=(Field("new_due", "date", _("延期至")), REASON), guards=(before_expiry, extension_later),
           clocks=(wf.extend(ASSIST, at="new_due"),)),
    Action("unable", _("告知无法协助"), _s("received"), ASSISTED_ANY, "unable", fields=(REASON,),
           guards=(before_expiry,), clocks=(stop(ASSIST),)),
    Action("answer", _("答复协查结果"), _s("received"), ASSISTED_ANY, "answered", fields=(ANSWER,),
           clocks=(stop(ASSIST),)),
    Action("record_answer", _("登记平台外单位的答复"), _s("outside"), (REQUESTER,), "answered",
           fields=(ANSWER, Field("answered_on", "date", _("答复日期")))),
    Action("close", _("办结"), _s("answered", "unable"), (REQUESTER,), "closed"),
    Action("withdraw", _("撤回"), _s("sent", "outside"), (REQUESTER,), "withdrawn", fields=(REASON,)),
]


def assistance_tasks(request) -> list[Task]:
    if request.state == "sent":
        return [Task("assistance.receive", _("待收协助调查函"), ASSISTED_POLICE if request.assisted.kind == "police"
                     else ASSISTED)]
    if request.state == "outside":
        return [Task("assistance.outside", _("待登记平台外单位的答复"), REQUESTER)]
    if request.state in ("answered", "unable"):
        return [Task("assistance.close", _("查看协查结果并办结"), REQUESTER)]
    return []


ASSISTANCE = wf.Procedure(
    key="assistance", model="command.AssistanceRequest", label=_("协查函"), states=ASSISTANCE_STATES,
    actions=ASSISTANCE_ACTIONS,
    agencies={"requester": lambda r: r.requester, "assisted": lambda r: r.assisted, "subject": lambda r: r.requester},
    officers=lambda r: [],
    url=lambda r: reverse("command:assistance", args=[r.pk]),
    facts="ipenforce.command.selectors.assistance_facts",
    effects="ipenforce.command.effects.ASSISTANCE_EFFECTS",
    subjects="ipenforce.command.selectors.assistance_detail",
    tasks="ipenforce.command.workflow.assistance_tasks",
    offers=lambda r, key: not (key == "record_answer" and r.assisted_id),
)


# ---- joint operations -------------------------------------------------------------------------------------

LEAD = Actor("lead", Role.CASE_OFFICER, at="lead")
OPERATION_STATES = {"planned": _("计划中"), "under_way": _("实施中"), "reported": _("已报告")}


@dataclass
class OperationFacts:
    state: str


OPERATION_ACTIONS = [
    Action("plan", _("制定行动方案"), _s(""), (), "planned"),
    Action("start", _("开始行动"), _s("planned"), (LEAD,), "under_way"),
    Action("record", _("登记检查场所和查扣物品"), _s("planned", "under_way"), (LEAD,), "under_way",
           fields=(Field("places", "text", _("检查场所（每行一处）"), required=False),
                   Field("seized_goods", "text", _("查扣物品（每行一项）"), required=False))),
    Action("report", _("提交行动报告"), _s("under_way"), (LEAD,), "reported",
           fields=(Field("report", "text", _("行动报告")),)),
]

OPERATION = wf.Procedure(
    key="operation", model="command.JointOperation", label=_("联合执法行动"), states=OPERATION_STATES,
    actions=OPERATION_ACTIONS, agencies={"lead": lambda o: o.lead, "subject": lambda o: o.lead},
    officers=lambda o: [],
    url=lambda o: reverse("command:operation", args=[o.pk]),
    facts="ipenforce.command.selectors.operation_facts",
    effects="ipenforce.command.effects.OPERATION_EFFECTS",
    subjects="ipenforce.command.selectors.operation_detail",
)
