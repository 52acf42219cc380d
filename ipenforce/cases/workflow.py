"""The administrative case procedure (simple and ordinary) declared on the workflow engine: states, actors,
actions with their guards, approval chains, fields and clocks.

The guards are plain functions of `Facts` (no database): given the facts of a case and an action's payload, they
answer why it may not happen. `workflow.services.perform` runs every action. Sources: legal-rules.md §1.2
(stages), §1.3 (time limits), §1.4 (simple procedure), §1.5 (hearing, legal review, collective discussion), §1.6
(approvers), §2.2 L1–L3 and L13 (transfer to the police and back).
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.cases import penalty
from ipenforce.cases.choices import AppealKind, AppealOutcome, Discretion, Outcome, Procedure, Retention, ServiceMethod
from ipenforce.cases.choices import State as S
from ipenforce.orgs.choices import Role
from ipenforce.workflow import definitions as wf
from ipenforce.workflow.definitions import Action, Actor, Field, Refusal, extend, pause, resume, standing, start, stop

OFFICERS = Actor("officers", Role.CASE_OFFICER, assigned=True)
UNIT_HEAD = Actor("unit_head", Role.UNIT_HEAD)
AGENCY_HEAD = Actor("agency_head", Role.AGENCY_HEAD)
LEGAL = Actor("legal_reviewer", Role.LEGAL_REVIEWER, independent=True)

T1, T2, T3, T4 = "admin.lead_verification", "admin.decision_ordinary", "admin.review", "admin.statement_period"
T6, T7, T15 = "admin.decision_service", "admin.fine_payment", "admin.publicity"
T10, T11 = "admin.evidence_preservation", "admin.seizure"
ALL = "*"


@dataclass
class Facts:
    """What the guards may look at, gathered by the service from the database before `check`."""

    state: str
    procedure: str
    today: date
    valid_officers: int = 0
    parties: int = 0
    rights: int = 0
    has_computed_amounts: bool = False  # 违法经营额 or 违法所得 recorded
    excludes_computed_from_simple: bool = True  # the agency adopted the local rule simple_procedure.local_exclusions
    actor_is_investigator: bool = False
    verification_extensions: int = 0
    verification_extensions_allowed: int = 0
    decision_extensions: int = 0
    decision_extensions_allowed: int = 0
    decision_due: date | None = None
    legal_review_required: bool = False
    legal_review_done: bool = False
    collective_required: bool = False
    collective_done: bool = False
    notice_served: bool = False
    notified_fine: Decimal | None = None
    hearing_right: bool = False
    hearing_scheduled: bool = False
    hearing_on: date | None = None
    statement_due: date | None = None
    appeal_open: bool = False
    appeal_started_on: date | None = None
    outstanding: Decimal = Decimal(0)
    amount_due: Decimal = Decimal(0)
    decided_on: date | None = None
    confiscated_items: bool = False  # the decision confiscates goods or tools (to be destroyed)
    destroyed: bool = False
    open_measures: frozenset[str] = frozenset()  # kinds of Measure running now
    seizure_extensions: int = 0
    seizure_extensions_allowed: int = 0
    publicity_required: bool = False
    published: bool = False
    simple_fine_limit: Decimal | None = None
    fine_range: tuple[Decimal, Decimal] | None = None
    earliest_hearing_notice: Callable[[date], date] | None = None  # hearing date → last day to notify
    candidate_officers: list[tuple[str, bool]] = field(default_factory=list)  # (name, qualified)
    state_before_transfer: str = ""
    time_barred: str = ""  # why the violation may no longer be penalised (T16), empty when it may
    innocent_seller: str = ""  # the rule's text where a bona fide seller may not be fined (F1a), empty otherwise


# ---- guards -----------------------------------------------------------------------------------------------


def officers_assigned(facts, payload):
    if facts.valid_officers < 2:
        return Refusal("officers_required",
                       str(_("须指定至少两名持有效执法证的办案人员（《行政处罚法》第四十二条）。")),
                       needs=UNIT_HEAD)


def officers_qualify(facts, payload):
    if len(facts.candidate_officers) < 2:
        return Refusal("officers_required",
                       str(_("须指定至少两名持有效执法证的办案人员（《行政处罚法》第四十二条）。")),
                       "officers")
    unqualified = [name for name, ok in facts.candidate_officers if not ok]
    if unqualified:
        return Refusal("officer_not_qualified", str(_("%(names)s 不是本单位持有效执法证的办案人员。"))
                       % {"names": "、".join(unqualified)}, "officers")


def has_party(facts, payload):
    if facts.parties < 1:
        return Refusal("party_required", str(_("请先登记当事人。")), "parties")


def has_right(facts, payload):
    if facts.rights < 1:
        return Refusal("right_required", str(_("请先登记涉案知识产权。")), "rights")


def within_limitation(facts, payload):
    """T16, 《行政处罚法》第三十六条: a violation not discovered within the period is not penalised."""
    if facts.time_barred:
        return Refusal("limitation_expired", facts.time_barred, "conduct_on")


def ordinary_procedure(facts, payload):
    if facts.procedure != Procedure.ORDINARY:
        return Refusal("triage_required", str(_("立案前须完成繁简分流并适用普通程序。")), "procedure")


def simple_allowed(facts, payload):
    if (payload.get("procedure") == Procedure.SIMPLE and facts.has_computed_amounts
            and facts.excludes_computed_from_simple):
        return Refusal("simple_procedure_not_allowed",
                       str(_("已登记违法经营额或违法所得；按本单位采用的简易程序适用规则，应当据此计算罚款的不适用简易程序。")),
                       "procedure")


@standing
def verification_extension_left(facts, payload):
    if facts.verification_extensions >= facts.verification_extensions_allowed:
        return Refusal("verification_extension_used", str(_("核查期限已延长过，不能再次延长（程序规定第十八条）。")))


@standing
def decision_extension_left(facts, payload):
    if facts.decision_extensions >= facts.decision_extensions_allowed:
        return Refusal("decision_extension_used",
                       str(_("办案期限已延长三十日；继续延长须经负责人集体讨论（《行政处罚法》第六十条）。")))


@standing
def decision_extension_first(facts, payload):
    if facts.decision_extensions < facts.decision_extensions_allowed:
        return Refusal("decision_extension_first", str(_("须先经批准延长三十日，仍不能作出决定的才由集体讨论延长。")))


def due_later(facts, payload):
    if facts.decision_due and payload.get("due_on") and payload["due_on"] <= facts.decision_due:
        return Refusal("due_not_later",
                       str(_("集体讨论确定的期限应晚于当前期限 %(due)s。")) % {"due": facts.decision_due},
                       "due_on")


def simple_fine_within_limit(facts, payload):
    if facts.has_computed_amounts and facts.excludes_computed_from_simple:
        return Refusal("simple_procedure_not_allowed",
                       str(_("已登记违法经营额或违法所得；按本单位采用的简易程序适用规则，应当据此计算罚款的不适用简易程序。")),
                       "fine")
    fine = payload.get("fine") or Decimal(0)
    refusal = _innocent_seller_refusal(facts, fine, "fine")
    if refusal:
        return refusal
    if payload.get("penalty") == "fine" and fine <= 0:
        return Refusal("fine_required", str(_("请填写罚款金额。")), "fine")
    if facts.simple_fine_limit is not None and fine > facts.simple_fine_limit:
        return Refusal("simple_procedure_fine_limit",
                       str(_("简易程序罚款不得超过 %(limit)s 元（《行政处罚法》第五十一条）。"))
                       % {"limit": facts.simple_fine_limit},
                       "fine")


def _innocent_seller_refusal(facts, amount, field_name):
    """商标法第六十条第二款 (F1a): a seller who did not know, proves lawful acquisition and names the supplier is
    only ordered to stop selling — no fine."""
    if facts.innocent_seller and amount:
        return Refusal("innocent_seller_no_fine",
                       str(_("当事人能证明合法取得并说明提供者，只责令停止销售，不得罚款：%(rule)s"))
                       % {"rule": facts.innocent_seller}, field_name)


def _range_refusal(facts, amount, field_name):
    refusal = _innocent_seller_refusal(facts, amount, field_name)
    if refusal:
        return refusal
    if amount is None or facts.fine_range is None:
        return None
    low, high = facts.fine_range
    if amount < low or amount > high:
        return Refusal("fine_out_of_range",
                       str(_("罚款 %(amount)s 元超出法定幅度 %(low)s–%(high)s 元。"))
                       % {"amount": amount, "low": low, "high": high},
                       field_name)


def proposed_fine_in_range(facts, payload):
    return _range_refusal(facts, payload.get("proposed_fine"), "proposed_fine")


def reviewer_independent(facts, payload):
    if facts.actor_is_investigator:
        return Refusal("reviewer_is_investigator", str(_("办案人员不得审核本案（《行政处罚法》第五十八条）。")))


@standing
def hearing_right_exists(facts, payload):
    if not facts.hearing_right:
        return Refusal("no_hearing_right", str(_("拟作出的处罚未达到听证标准，当事人无听证权利（§1.5）。")))


def hearing_requested_in_time(facts, payload):
    if facts.statement_due and payload.get("requested_on") and payload["requested_on"] > facts.statement_due:
        return Refusal("hearing_request_late",
                       str(_("听证申请应在告知后五个工作日内（%(due)s 前）提出。")) % {"due": facts.statement_due},
                       "requested_on")


def hearing_notice_long_enough(facts, payload):
    notified, hearing = payload.get("notified_on"), payload.get("hearing_on")
    if notified and hearing and facts.earliest_hearing_notice and notified > facts.earliest_hearing_notice(hearing):
        return Refusal("hearing_notice_too_short",
                       str(_("应当在举行听证七个工作日前通知当事人（《行政处罚法》第六十四条），最迟 %(day)s。"))
                       % {"day": facts.earliest_hearing_notice(hearing)}, "notified_on")


@standing
def hearing_was_scheduled(facts, payload):
    if not facts.hearing_scheduled:
        return Refusal("hearing_not_scheduled", str(_("请先通知听证的时间、地点。")))


def held_after_notice(facts, payload):
    if payload.get("held_on") and facts.hearing_on and payload["held_on"] < facts.hearing_on:
        return Refusal("hearing_before_notice", str(_("听证日期早于已通知的 %(day)s。")) % {"day": facts.hearing_on},
                       "held_on")


def statement_period_over(facts, payload):
    if not payload.get("waived") and facts.statement_due and facts.today <= facts.statement_due:
        return Refusal("statement_period_running",
                       str(_("陈述申辩期至 %(due)s 届满；当事人明确放弃的请勾选“当事人放弃”。"))
                       % {"due": facts.statement_due},
                       "waived")


def decision_allowed(facts, payload):
    outcome = payload.get("outcome")
    if facts.legal_review_required and not facts.legal_review_done:
        return Refusal("legal_review_required", str(_("本案须经法制审核后方可作出决定（《行政处罚法》第五十八条）。")),
                       needs=LEGAL)
    if facts.collective_required and not facts.collective_done:
        return Refusal("collective_discussion_required",
                       str(_("本案须经负责人集体讨论决定（《行政处罚法》第五十七条）。")),
                       needs=AGENCY_HEAD)
    if outcome != Outcome.PENALTY:
        return None
    fine = payload.get("fine") or Decimal(0)
    if facts.notified_fine is not None and fine > facts.notified_fine:
        return Refusal("fine_above_notice",
                       str(_("罚款不得高于告知的 %(fine)s 元；加重须重新告知（《行政处罚法》第四十五条）。"))
                       % {"fine": facts.notified_fine},
                       "fine")
    refusal = _range_refusal(facts, fine, "fine")
    if refusal:
        return refusal
    if facts.fine_range and fine in facts.fine_range and not (payload.get("reason") or "").strip():
        return Refusal("reason_required", str(_("罚款处于法定幅度的上限或下限，请填写裁量说明。")), "reason")


def plan_matches_amount(facts, payload):
    schedule = payload.get("schedule") or []
    total = sum((item["amount"] for item in schedule), Decimal(0))
    if total != facts.outstanding:
        return Refusal("plan_total_mismatch",
                       str(_("各期金额合计 %(total)s 元，应等于未缴金额 %(due)s 元。"))
                       % {"total": total, "due": facts.outstanding},
                       "schedule")
    if any(item["due_on"] <= facts.today for item in schedule):
        return Refusal("plan_date_past", str(_("各期缴款日期应晚于今天。")), "schedule")


@standing
def no_open_appeal(facts, payload):
    if facts.appeal_open:
        return Refusal("appeal_open", str(_("已有未终结的复议或诉讼。")))


@standing
def open_appeal(facts, payload):
    if not facts.appeal_open:
        return Refusal("no_open_appeal", str(_("没有未终结的复议或诉讼。")))


def payment_not_above_outstanding(facts, payload):
    if payload.get("amount") and payload["amount"] > facts.outstanding:
        return Refusal("payment_above_outstanding",
                       str(_("缴款金额超过应缴金额 %(due)s 元（含加处罚款）。")) % {"due": facts.outstanding}, "amount")


@standing
def publicity_applies(facts, payload):
    if not facts.publicity_required:
        return Refusal("publicity_not_applicable", str(_("只有普通程序作出的行政处罚决定需要公示。")))
    if facts.published:
        return Refusal("already_published", str(_("本案处罚信息已公示。")))


def closable(facts, payload):
    if facts.publicity_required and not facts.published:
        return Refusal("publicity_required", str(_("结案前须公示行政处罚信息（公示规定第九条）。")))
    if facts.confiscated_items and not facts.destroyed:
        return Refusal("destruction_required", str(_("决定没收的侵权商品和工具尚未登记销毁记录。")))


@standing
def destruction_applies(facts, payload):
    if not facts.confiscated_items:
        return Refusal("nothing_confiscated", str(_("处理决定没有没收侵权商品或工具。")))
    if facts.destroyed:
        return Refusal("already_destroyed", str(_("已登记销毁记录。")))


def served_after_decision(facts, payload):
    if facts.decided_on and payload.get("served_on") and payload["served_on"] < facts.decided_on:
        return Refusal("served_before_decision",
                       str(_("送达日期不能早于决定日期 %(day)s。")) % {"day": facts.decided_on},
                       "served_on")


def measure_open(kind: str, code: str, message: str):
    @standing
    def guard(facts, payload):
        if kind not in facts.open_measures:
            return Refusal(code, message)
    return guard


def measure_not_open(kind: str, code: str, message: str):
    @standing
    def guard(facts, payload):
        if kind in facts.open_measures:
            return Refusal(code, message)
    return guard


@standing
def seizure_extension_left(facts, payload):
    if facts.seizure_extensions >= facts.seizure_extensions_allowed:
        return Refusal("seizure_extension_used", str(_("查封、扣押期限已延长过（《行政强制法》第二十五条）。")))


def appeal_end_after_start(facts, payload):
    if facts.appeal_started_on and payload.get("ended_on") and payload["ended_on"] < facts.appeal_started_on:
        return Refusal("before_appeal",
                       str(_("终结日不能早于申请复议或起诉日 %(day)s。")) % {"day": facts.appeal_started_on},
                       "ended_on")


@standing
def decided(facts, payload):
    if facts.decided_on is None:
        return Refusal("not_decided", str(_("案件尚未作出处理决定。")))


def not_before_decision(name):
    def guard(facts, payload):
        if facts.decided_on and payload.get(name) and payload[name] < facts.decided_on:
            return Refusal("before_decision", str(_("日期不能早于决定日期 %(day)s。")) % {"day": facts.decided_on},
                           name)
    return guard


def not_in_future(*names):
    def guard(facts, payload):
        for name in names:
            if payload.get(name) and payload[name] > facts.today:
                return Refusal("date_in_future", str(_("日期不能晚于今天。")), name)
    return guard


# ---- targets ----------------------------------------------------------------------------------------------


def _after_triage(facts, payload):
    return S.SIMPLE if payload["procedure"] == Procedure.SIMPLE else S.VERIFYING


def _after_simple_decision(facts, payload):
    return S.EXECUTING if payload.get("penalty") == "fine" else S.CLOSING


def _after_review(facts, payload):
    return S.DECIDING if facts.notice_served else S.NOTIFYING


def _after_decision(facts, payload):
    if payload["outcome"] == Outcome.TRANSFER_POLICE:
        return facts.state  # held by the police once the transfer is sent (hand_over)
    return S.SERVING if payload["outcome"] in (Outcome.PENALTY, Outcome.NO_PENALTY) else S.CLOSING


def _after_service(facts, payload):
    return S.EXECUTING if facts.amount_due > 0 else S.CLOSING


def _after_payment(facts, payload):
    return S.CLOSING if payload["amount"] >= facts.outstanding else S.EXECUTING


def _before_transfer(facts, payload):
    return facts.state_before_transfer or S.INVESTIGATING


def _served(outcome) -> bool:
    return outcome in (Outcome.PENALTY, Outcome.NO_PENALTY)


# ---- the actions ------------------------------------------------------------------------------------------

REASON = Field("reason", "text", _("理由"))
COMMENT = Field("comment", "text", _("意见"), required=False)
OPEN_CASE_STATES = frozenset({S.INVESTIGATING, S.SUSPENDED, S.REVIEWING, S.NOTIFYING, S.STATEMENT, S.HEARING,
                              S.DECIDING})

MEASURE_STATES = frozenset({S.INVESTIGATING, S.SUSPENDED})
# A party may seek review within 60 days or sue within 6 months (T19, T20), often after the case is closed.
APPEAL_STATES = frozenset({S.EXECUTING, S.CLOSING, S.CLOSED})
ITEMS = Field("items", "text", _("物品清单（每行一项）"))
# A suspected crime may be transferred whenever it is found (D310 art.5: "立即"), up to the decision.
TRANSFERABLE_STATES = frozenset({S.VERIFYING, S.INVESTIGATING, S.SUSPENDED, S.REVIEWING, S.NOTIFYING, S.STATEMENT,
                                 S.HEARING, S.DECIDING})
PRESERVATION_OUTCOMES = (("testing", _("送检测、鉴定")), ("seize", _("依法查封、扣押")),
                         ("release", _("解除先行登记保存并退还")),
                         ("keep", _("记录、复制、拍照后解除")))

def _schedule_end(payload) -> date:
    return payload["schedule"][-1]["due_on"]


def _publicised(facts, payload) -> bool:
    return penalty.decision_is_publicised(facts.procedure, payload["outcome"])


TESTING_PAUSES = tuple(pause(rule, "testing", at="started_on") for rule in (T1, T2, T11))
TESTING_RESUMES = tuple(resume(rule, "testing", at="ended_on") for rule in (T1, T2, T11))
OFFICER_FIELD = Field("officers", "users", _("办案人员（至少两名）"))
PROCEDURES = ((Procedure.SIMPLE, Procedure.SIMPLE.label), (Procedure.ORDINARY, Procedure.ORDINARY.label))
BY_OFFICERS = (OFFICERS,)

ACTIONS = [
    Action("assign_officers", _("指定办案人员"), frozenset({S.VERIFYING, S.SIMPLE, S.INVESTIGATING, S.SUSPENDED}),
           (UNIT_HEAD,), guards=(officers_qualify,), fields=(OFFICER_FIELD,)),
    Action("triage", _("繁简分流"), frozenset({S.VERIFYING}), (OFFICERS, UNIT_HEAD), _after_triage,
           guards=(simple_allowed,),
           fields=(Field("procedure", "choice", _("适用程序"), choices=PROCEDURES),
                   Field("reason", "text", _("分流理由")))),
    Action("extend_verification", _("延长核查期限"), frozenset({S.VERIFYING}), BY_OFFICERS,
           approval=(AGENCY_HEAD,), guards=(verification_extension_left,), fields=(REASON,), clocks=(extend(T1),)),
    Action("file", _("立案"), frozenset({S.VERIFYING}), BY_OFFICERS, S.INVESTIGATING,
           approval=(UNIT_HEAD, AGENCY_HEAD),
           guards=(within_limitation, ordinary_procedure, officers_assigned, has_party, has_right),
           fields=(COMMENT,), clocks=(stop(T1), start(T2, OFFICERS))),
    Action("not_file", _("不予立案"), frozenset({S.VERIFYING}), BY_OFFICERS, S.NOT_FILED,
           approval=(UNIT_HEAD, AGENCY_HEAD), fields=(REASON,), clocks=(stop(T1),)),
    Action("simple_decide", _("当场作出处罚决定"), frozenset({S.SIMPLE}), BY_OFFICERS, _after_simple_decision,
           guards=(within_limitation, officers_assigned, has_party, simple_fine_within_limit,
                   not_in_future("decided_on")),
           fields=(Field("penalty", "choice", _("处罚种类"), choices=(("warning", _("警告")), ("fine", _("罚款")))),
                   Field("fine", "money", _("罚款（元）"), required=False),
                   Field("decided_on", "date", _("决定日期")), Field("facts", "text", _("违法事实和依据"))),
           clocks=(stop(T1, at="decided_on"),
                   start(T7, OFFICERS, at="decided_on", when=lambda f, p: p["penalty"] == "fine" and bool(p["fine"])))),
    Action("suspend", _("中止调查"), frozenset({S.INVESTIGATING}), BY_OFFICERS, S.SUSPENDED,
           approval=(AGENCY_HEAD,), fields=(REASON,), clocks=(pause(T2, "suspension"),)),
    Action("resume", _("恢复调查"), frozenset({S.SUSPENDED}), BY_OFFICERS, S.INVESTIGATING,
           approval=(AGENCY_HEAD,), fields=(REASON,), clocks=(resume(T2, "suspension"),)),
    Action("extend_decision", _("延长办案期限三十日"), OPEN_CASE_STATES, BY_OFFICERS, approval=(AGENCY_HEAD,),
           guards=(decision_extension_left,), fields=(REASON,), clocks=(extend(T2),)),
    Action("extend_decision_further", _("集体讨论继续延长办案期限"), OPEN_CASE_STATES, (AGENCY_HEAD,),
           guards=(decision_extension_first, due_later),
           fields=(Field("due_on", "date", _("集体讨论确定的期限")), Field("record", "text", _("集体讨论记录"))),
           clocks=(extend(T2, at="due_on"),)),
    Action("preserve", _("先行登记保存证据"), MEASURE_STATES, BY_OFFICERS, approval=(AGENCY_HEAD,),
           guards=(measure_not_open("preservation", "preservation_open", str(_("已有未处理的先行登记保存。"))),),
           fields=(ITEMS, Field("place", "text", _("保存地点"))), clocks=(start(T10, OFFICERS),)),
    Action("preservation_decide", _("先行登记保存处理决定"), MEASURE_STATES, BY_OFFICERS,
           guards=(measure_open("preservation", "no_preservation", str(_("没有未处理的先行登记保存。"))),),
           fields=(Field("outcome", "choice", _("处理决定"), choices=PRESERVATION_OUTCOMES),
                   Field("note", "text", _("说明"), required=False)), clocks=(stop(T10),)),
    Action("seize", _("查封、扣押"), MEASURE_STATES, BY_OFFICERS, approval=(AGENCY_HEAD,),
           guards=(measure_not_open("seizure", "seizure_open", str(_("已有未解除的查封、扣押。"))),),
           fields=(ITEMS, Field("place", "text", _("查封、扣押地点"))), clocks=(start(T11, OFFICERS),)),
    Action("extend_seizure", _("延长查封、扣押期限"), MEASURE_STATES, BY_OFFICERS, approval=(AGENCY_HEAD,),
           guards=(measure_open("seizure", "no_seizure", str(_("没有未解除的查封、扣押。"))), seizure_extension_left),
           fields=(REASON,), clocks=(extend(T11),)),
    Action("release_seizure", _("解除查封、扣押"), MEASURE_STATES, BY_OFFICERS,
           guards=(measure_open("seizure", "no_seizure", str(_("没有未解除的查封、扣押。"))),),
           fields=(Field("outcome", "text", _("处理结果")),), clocks=(stop(T11),)),
    Action("testing_start", _("送检测、鉴定"), MEASURE_STATES | {S.VERIFYING}, BY_OFFICERS,
           guards=(measure_not_open("testing", "testing_open", str(_("已有进行中的检测、鉴定。"))),
                   not_in_future("started_on")),
           fields=(Field("started_on", "date", _("送检日期")), Field("place", "text", _("检测、鉴定机构")), ITEMS),
           clocks=TESTING_PAUSES),
    Action("testing_end", _("检测、鉴定完成"), MEASURE_STATES | {S.VERIFYING}, BY_OFFICERS,
           guards=(measure_open("testing", "no_testing", str(_("没有进行中的检测、鉴定。"))),
                   not_in_future("ended_on")),
           fields=(Field("ended_on", "date", _("结果送达日期")), Field("outcome", "text", _("检测、鉴定结论"))),
           clocks=TESTING_RESUMES),
    Action("submit_report", _("调查终结报告"), frozenset({S.INVESTIGATING}), BY_OFFICERS, S.REVIEWING,
           guards=(officers_assigned, has_party, proposed_fine_in_range),
           fields=(Field("findings", "text", _("调查终结意见")), Field("proposed_fine", "money", _("拟罚款（元）")),
                   Field("proposed_confiscation", "money", _("拟没收违法所得（元）"), required=False)),
           clocks=(start(T3, LEGAL),)),
    Action("review_pass", _("审核通过"), frozenset({S.REVIEWING}), (LEGAL,), _after_review,
           guards=(reviewer_independent,), fields=(Field("opinion", "text", _("审核意见")),), clocks=(stop(T3),)),
    Action("review_return", _("审核退回补充调查"), frozenset({S.REVIEWING}), (LEGAL,), S.INVESTIGATING,
           guards=(reviewer_independent,), fields=(Field("opinion", "text", _("审核意见")),), clocks=(stop(T3),)),
    Action("serve_notice", _("送达行政处罚告知书"), frozenset({S.NOTIFYING}), BY_OFFICERS, S.STATEMENT,
           guards=(not_in_future("served_on"),), fields=(Field("served_on", "date", _("送达日期")),),
           clocks=(start(T4, OFFICERS, at="served_on"),)),
    Action("record_statement", _("记录陈述申辩"), frozenset({S.STATEMENT, S.HEARING, S.DECIDING}), BY_OFFICERS,
           fields=(Field("content", "text", _("陈述申辩内容及复核意见")),)),
    Action("request_hearing", _("当事人申请听证"), frozenset({S.STATEMENT}), BY_OFFICERS, S.HEARING,
           guards=(hearing_right_exists, hearing_requested_in_time, not_in_future("requested_on")),
           fields=(Field("requested_on", "date", _("申请日期")),),
           clocks=(stop(T4, at="requested_on"), pause(T2, "hearing", at="requested_on"))),
    Action("schedule_hearing", _("通知听证"), frozenset({S.HEARING}), BY_OFFICERS,
           guards=(hearing_notice_long_enough, not_in_future("notified_on")),
           fields=(Field("notified_on", "date", _("通知送达日期")), Field("hearing_on", "date", _("听证日期")))),
    Action("hold_hearing", _("举行听证"), frozenset({S.HEARING}), BY_OFFICERS, S.REVIEWING,
           guards=(hearing_was_scheduled, held_after_notice, not_in_future("held_on")),
           fields=(Field("held_on", "date", _("举行日期")), Field("report", "text", _("听证报告"))),
           clocks=(resume(T2, "hearing", at="held_on"), start(T3, LEGAL))),
    Action("end_statement", _("陈述申辩期结束"), frozenset({S.STATEMENT}), BY_OFFICERS, S.DECIDING,
           guards=(statement_period_over,), fields=(Field("waived", "bool", _("当事人放弃陈述申辩和听证"),
                                                          required=False),),
           clocks=(stop(T4),)),
    Action("collective_discussion", _("负责人集体讨论"), frozenset({S.DECIDING}), (AGENCY_HEAD,),
           fields=(Field("record", "text", _("集体讨论记录（出席人员、讨论意见、结论）")),)),
    Action("decide", _("作出处理决定"), frozenset({S.DECIDING}), BY_OFFICERS, _after_decision,
           approval=(UNIT_HEAD, AGENCY_HEAD), guards=(decision_allowed,),
           fields=(Field("outcome", "choice", _("处理结果"), choices=tuple(Outcome.choices)),
                   Field("fine", "money", _("罚款（元）"), required=False),
                   Field("confiscation", "money", _("没收违法所得（元）"), required=False),
                   Field("order_to_stop", "bool", _("责令立即停止侵权行为"), required=False),
                   Field("confiscated_goods", "text", _("没收、销毁的侵权商品（每行一项：名称、数量）"),
                         required=False),
                   Field("confiscated_tools", "text", _("没收、销毁的主要用于制造侵权商品的工具（每行一项）"),
                         required=False),
                   Field("discretion", "choice", _("裁量档次"), required=False, choices=tuple(Discretion.choices)),
                   Field("review_body", "text", _("行政复议机关（写入决定书）"), required=False),
                   Field("court", "text", _("管辖法院（写入决定书）"), required=False),
                   Field("reason", "text", _("裁量说明"), required=False)),
           clocks=(stop(T2, when=lambda f, p: p["outcome"] != Outcome.TRANSFER_POLICE),
                   start(T6, OFFICERS, when=lambda f, p: _served(p["outcome"])),
                   start(T15, OFFICERS, when=_publicised))),
    Action("serve_decision", _("送达处理决定书"), frozenset({S.SERVING}), BY_OFFICERS, _after_service,
           guards=(served_after_decision, not_in_future("served_on")),
           fields=(Field("served_on", "date", _("送达日期")),
                   Field("method", "choice", _("送达方式"), choices=tuple(ServiceMethod.choices))),
           clocks=(stop(T6, at="served_on"), start(T7, OFFICERS, at="served_on", when=lambda f, p: f.amount_due > 0))),
    Action("payment_plan", _("批准延期或分期缴纳"), frozenset({S.EXECUTING}), BY_OFFICERS,
           approval=(AGENCY_HEAD,), guards=(plan_matches_amount,),
           fields=(Field("schedule", "schedule", _("缴款计划（每行：日期 金额）")), REASON),
           clocks=(extend(T7, at=_schedule_end),)),
    Action("appeal_start", _("登记复议或诉讼"), APPEAL_STATES, BY_OFFICERS,
           guards=(no_open_appeal, decided, not_in_future("started_on"), not_before_decision("started_on")),
           fields=(Field("kind", "choice", _("类型"), choices=tuple(AppealKind.choices)),
                   Field("body", "text", _("复议机关或法院")), Field("started_on", "date", _("申请复议或起诉日")))),
    Action("appeal_end", _("登记复议或诉讼结果"), APPEAL_STATES, BY_OFFICERS,
           guards=(open_appeal, not_in_future("ended_on"), appeal_end_after_start),
           fields=(Field("ended_on", "date", _("终结日")),
                   Field("outcome", "choice", _("结果"), choices=tuple(AppealOutcome.choices)))),
    Action("record_destruction", _("登记没收物品销毁"), frozenset({S.EXECUTING, S.CLOSING}), BY_OFFICERS,
           guards=(destruction_applies, decided, not_in_future("destroyed_on"), not_before_decision("destroyed_on")),
           fields=(Field("destroyed_on", "date", _("销毁日期")),
                   Field("record", "text", _("销毁记录（方式、地点、监销人员）")))),
    Action("record_payment", _("登记缴款"), frozenset({S.EXECUTING}), BY_OFFICERS, _after_payment,
           guards=(payment_not_above_outstanding, not_in_future("paid_on")),
           fields=(Field("amount", "money", _("金额（元）")), Field("paid_on", "date", _("缴款日期")),
                   Field("receipt_no", "text", _("票据号"), required=False)),
           clocks=(stop(T7, at="paid_on", when=lambda f, p: p["amount"] >= f.outstanding),)),
    Action("publish", _("公示处罚信息"), frozenset({S.SERVING, S.EXECUTING, S.CLOSING, S.CLOSED}), BY_OFFICERS,
           guards=(publicity_applies, not_in_future("published_on")),
           fields=(Field("published_on", "date", _("公示日期")),), clocks=(stop(T15, at="published_on"),)),
    Action("close", _("结案"), frozenset({S.CLOSING}), BY_OFFICERS, S.CLOSED, approval=(AGENCY_HEAD,),
           guards=(closable,), fields=(COMMENT,)),
    Action("archive", _("归档"), frozenset({S.CLOSED, S.NOT_FILED}), BY_OFFICERS, S.ARCHIVED,
           fields=(Field("archive_number", "text", _("档案号")),
                   Field("retention", "choice", _("保管期限"), choices=tuple(Retention.choices)), COMMENT)),
    # Two-law linkage (legal-rules.md §2.2) adds `propose_transfer` to this procedure and opens a transfer on
    # `decide` with the outcome 移送公安机关 (linkage/extensions.py). Taken by the transfer procedure: the police
    # hold the case from the sending (its clocks stop running) until they send it back (反向衔接, D310 arts.10, 13)
    # or the criminal judgment takes effect.
    Action("hand_over", _("移交公安机关"), TRANSFERABLE_STATES, (), S.TRANSFERRED, clocks=(pause(ALL, "transfer"),)),
    Action("return_from_police", _("公安机关退回，恢复办理"), frozenset({S.TRANSFERRED}), (), _before_transfer,
           clocks=(resume(ALL, "transfer"),)),
    Action("criminal_concluded", _("刑事判决生效，行政案件待结案"), frozenset({S.TRANSFERRED}), (), S.CLOSING,
           clocks=(stop(ALL),)),
]

# Actions of the ordinary procedure that never apply to a simple-procedure case (publicity: 公示规定 art.2).
ORDINARY_ONLY = {"file", "not_file", "publish", "extend_verification"}

CASE = wf.Procedure(
    key="case", model="cases.Case", label=_("案件"), states=dict(S.choices), actions=ACTIONS,
    agencies={"subject": lambda case: case.agency},
    officers=lambda case: list(case.officers.all()),
    url=lambda case: reverse("cases:detail", args=[case.pk]),
    facts="ipenforce.cases.selectors.case_facts",
    effects="ipenforce.cases.services.effects.EFFECTS",
    subjects="ipenforce.cases.selectors.case_detail",
    tasks="ipenforce.cases.selectors.case_tasks",
    offers=lambda case, key: not (case.procedure == Procedure.SIMPLE and key in ORDINARY_ONLY),
)
