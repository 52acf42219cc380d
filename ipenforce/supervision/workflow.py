"""Case supervision (挂牌督办, wave2-rules A-36…A-38) and enforcement supervision orders (执法监督通知书 → 决定书,
A-28…A-30) declared on the workflow engine: who acts (the handling bureau's officers, the supervising agency's
supervisors and head, the lower bureau's head), what they enter, which time limits of rules/time_limits.yaml
start and stop, and the guards."""
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.workflow import OFFICERS, UNIT_HEAD
from ipenforce.orgs.choices import Role
from ipenforce.supervision.models import Stage
from ipenforce.workflow import definitions as wf
from ipenforce.workflow.definitions import Action, Actor, Field, Refusal, Task, start, stop

SUPERVISOR = Actor("supervisor", Role.SUPERVISOR, at="supervisor")
SUPERVISING_HEAD = Actor("supervising_head", Role.AGENCY_HEAD, at="supervisor")
SUPERVISORS = (SUPERVISOR, SUPERVISING_HEAD)
HANDLERS = (OFFICERS, UNIT_HEAD)

REPORT = "supervision.progress_report"


def _s(*names):
    return frozenset(names)


# ---- case supervision (挂牌督办) ------------------------------------------------------------------------------

CASE_STATES = {"supervising": _("督办中"), "closing": _("办结待销号"), "closed": _("已销号")}


@dataclass
class CaseFacts:
    state: str
    case_finished: bool = False
    today: date | None = None


def case_finished(facts, payload):
    if not facts.case_finished:
        return Refusal("case_not_closed", str(_("案件尚未办结（结案、归档或不予立案），不能报请销号。")))


REPORT_FIELDS = (
    Field("progress", "text", _("进展情况")),
    Field("stage", "choice", _("所处阶段"), choices=tuple(Stage.choices)),
    Field("publicised", "bool", _("已宣传报道"), required=False),
    Field("sites_closed", "text", _("关闭网站（网店）数"), required=False),
)

CASE_ACTIONS = [
    Action("open", _("挂牌督办"), _s(""), (), "supervising", clocks=(start(REPORT, OFFICERS),)),
    Action("report", _("报送督办进展"), _s("supervising"), HANDLERS, fields=REPORT_FIELDS,
           clocks=(stop(REPORT), start(REPORT, OFFICERS))),
    Action("request_close", _("报送办结报告（申请销号）"), _s("supervising"), HANDLERS, "closing",
           fields=(Field("summary", "text", _("办结情况")),), guards=(case_finished,), clocks=(stop(REPORT),)),
    Action("accept", _("审核销号"), _s("closing"), SUPERVISORS, "closed",
           fields=(Field("comment", "text", _("审核意见"), required=False),)),
    Action("send_back", _("退回继续督办"), _s("closing"), SUPERVISORS, "supervising",
           fields=(Field("reason", "text", _("退回理由")),), clocks=(start(REPORT, OFFICERS),)),
]


def supervised_case_tasks(item) -> list[Task]:
    if item.state == "closing":
        return [Task("supervised_case.accept", _("待审核销号"), SUPERVISOR)]
    return []


SUPERVISED_CASE = wf.Procedure(
    key="supervised_case", model="supervision.SupervisedCase", label=_("督办案件"), states=CASE_STATES,
    actions=CASE_ACTIONS,
    agencies={"subject": lambda s: s.case.agency, "supervisor": lambda s: s.supervisor_agency},
    officers=lambda s: list(s.case.officers.all()),
    url=lambda s: reverse("supervision:case_detail", args=[s.pk]),
    facts="ipenforce.supervision.selectors.supervised_case_facts",
    effects="ipenforce.supervision.effects.CASE_EFFECTS",
    subjects="ipenforce.supervision.selectors.supervised_case_detail",
    tasks="ipenforce.supervision.workflow.supervised_case_tasks",
)


# ---- enforcement supervision orders (执法监督通知书 → 执法监督决定书) ----------------------------------------

ISSUER = Actor("issuer", Role.SUPERVISOR, at="issuer")
ISSUER_HEAD = Actor("issuer_head", Role.AGENCY_HEAD, at="issuer")
TARGET_HEAD = Actor("target_head", Role.AGENCY_HEAD)

CORRECTION, CORRECTION_REPORT = "supervision.correction", "supervision.correction_report"
REVIEW_REQUEST, REVIEW_ANSWER = "supervision.review_request", "supervision.review_answer"

ORDER_STATES = {
    "noticed": _("已发执法监督通知书，待说明情况"), "explained": _("已说明情况，待核查决定"),
    "ordered": _("已作出执法监督决定，限期纠正"), "review": _("复查中"), "corrected": _("已纠正，待报告"),
    "reported": _("已报告纠正情况，待审核"), "closed": _("已办结"), "dismissed": _("经核查无需纠正"),
    "revoked": _("经复查撤销决定"),
}
AWAITING = {"noticed": TARGET_HEAD, "explained": ISSUER, "ordered": TARGET_HEAD, "review": ISSUER,
            "corrected": TARGET_HEAD, "reported": ISSUER}
REVIEW_OUTCOMES = (("upheld", _("维持")), ("changed", _("变更纠正期限")), ("revoked", _("撤销")))


@dataclass
class OrderFacts:
    state: str
    today: date
    review_window_open: bool = False


def correct_by_ahead(facts, payload):
    if payload.get("correct_by") and payload["correct_by"] <= facts.today:
        return Refusal("deadline_in_past", str(_("纠正期限应晚于今天。")), "correct_by")


def review_in_time(facts, payload):
    if not facts.review_window_open:
        return Refusal("review_period_over",
                       str(_("申请复查的期限（收到决定书之日起五个工作日）已过（《市场监督管理执法监督暂行规定》第二十条）。")))


def corrected_not_in_future(facts, payload):
    if payload.get("corrected_on") and payload["corrected_on"] > facts.today:
        return Refusal("date_in_future", str(_("纠正完毕日不能晚于今天。")), "corrected_on")


def changed_has_deadline(facts, payload):
    if payload.get("outcome") == "changed" and not payload.get("correct_by"):
        return Refusal("required", str(_("变更纠正期限时请填写新的纠正期限。")), "correct_by")


def _review_target(facts, payload) -> str:
    return "revoked" if payload.get("outcome") == "revoked" else "ordered"


ORDER_ACTIONS = [
    Action("issue", _("发出执法监督通知书"), _s(""), (), "noticed"),
    Action("explain", _("说明情况"), _s("noticed"), (TARGET_HEAD,), "explained",
           fields=(Field("explanation", "text", _("情况说明")),)),
    Action("decide", _("作出执法监督决定书（限期纠正）"), _s("noticed", "explained"), (ISSUER,), "ordered",
           approval=(ISSUER_HEAD,),
           fields=(Field("decision", "text", _("监督决定（须纠正的问题及要求）")),
                   Field("correct_by", "date", _("纠正期限"))),
           guards=(correct_by_ahead,),
           clocks=(start(CORRECTION, TARGET_HEAD), wf.extend(CORRECTION, at="correct_by"),
                   start(REVIEW_REQUEST, TARGET_HEAD))),
    Action("dismiss", _("核查无需纠正，办结"), _s("noticed", "explained"), (ISSUER,), "dismissed",
           fields=(Field("reason", "text", _("核查结论")),)),
    Action("request_review", _("申请复查"), _s("ordered"), (TARGET_HEAD,), "review",
           fields=(Field("reason", "text", _("复查理由")),), guards=(review_in_time,),
           clocks=(stop(REVIEW_REQUEST), start(REVIEW_ANSWER, ISSUER))),
    Action("answer_review", _("答复复查申请"), _s("review"), (ISSUER,), _review_target, approval=(ISSUER_HEAD,),
           fields=(Field("outcome", "choice", _("复查结论"), choices=REVIEW_OUTCOMES),
                   Field("answer", "text", _("复查意见")),
                   Field("correct_by", "date", _("新的纠正期限"), required=False)),
           guards=(changed_has_deadline, correct_by_ahead),
           clocks=(stop(REVIEW_ANSWER), wf.Clock("extend", CORRECTION, at="correct_by",
                                                 when=lambda f, p: p.get("outcome") == "changed"),
                   stop(CORRECTION, when=lambda f, p: p.get("outcome") == "revoked"))),
    Action("record_correction", _("纠正完毕"), _s("ordered"), (TARGET_HEAD,), "corrected",
           fields=(Field("corrected_on", "date", _("纠正完毕日")), Field("measures", "text", _("纠正措施"))),
           guards=(corrected_not_in_future,),
           clocks=(stop(CORRECTION, at="corrected_on"), stop(REVIEW_REQUEST),
                   start(CORRECTION_REPORT, TARGET_HEAD, at="corrected_on"))),
    Action("report", _("报告纠正情况"), _s("corrected"), (TARGET_HEAD,), "reported",
           fields=(Field("report", "text", _("纠正情况报告")),), clocks=(stop(CORRECTION_REPORT),)),
    Action("accept", _("审核通过，办结"), _s("reported"), (ISSUER,), "closed",
           fields=(Field("comment", "text", _("审核意见"), required=False),)),
    Action("redo", _("退回重新纠正"), _s("reported"), (ISSUER,), "ordered",
           fields=(Field("reason", "text", _("退回理由")),)),
]


def order_tasks(order) -> list[Task]:
    """Whoever must move next has a work item even where no time limit of theirs runs."""
    actor = AWAITING.get(order.state)
    if actor is None or any(d.owner == actor.key and d.status == "running" for d in order.deadlines.all()):
        return []
    return [Task("supervision_order.next_step", _("待办理：%(state)s") % {"state": ORDER_STATES[order.state]},
                 actor)]


ORDER = wf.Procedure(
    key="supervision_order", model="supervision.SupervisionOrder", label=_("执法监督"), states=ORDER_STATES,
    actions=ORDER_ACTIONS,
    agencies={"subject": lambda o: o.target, "issuer": lambda o: o.issuer},
    officers=lambda o: [],
    url=lambda o: reverse("supervision:order_detail", args=[o.pk]),
    facts="ipenforce.supervision.selectors.order_facts",
    effects="ipenforce.supervision.effects.ORDER_EFFECTS",
    subjects="ipenforce.supervision.selectors.order_detail",
    tasks="ipenforce.supervision.workflow.order_tasks",
)
