"""The two procedures as data: states, actions, who may start them, approval chains, guards, payload fields.

Plain Python with no database: given the facts of a case, an action and the actor's roles, `check` answers
whether the action may happen and, if not, why (a stable code naming the rule). `services.perform` wraps it
with the row lock, the version check, persistence, deadlines and the audit log. Sources: legal-rules.md §1.2
(stages), §1.4 (simple procedure), §1.5 (hearing, legal review, collective discussion), §1.6 (approvers).
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ipenforce.cases.choices import AppealKind, AppealOutcome, Outcome, Procedure, ServiceMethod
from ipenforce.cases.choices import State as S
from ipenforce.orgs.choices import Role

OFFICER, UNIT_HEAD, AGENCY_HEAD, LEGAL = Role.CASE_OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.LEGAL_REVIEWER


@dataclass(frozen=True)
class Field:
    """One input of an action; the same definition validates API payloads and builds the page's form."""

    name: str
    kind: str  # text | date | money | choice | bool | users | schedule
    label: str
    required: bool = True
    choices: tuple = ()


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
    open_measures: frozenset[str] = frozenset()  # kinds of Measure running now
    seizure_extensions: int = 0
    seizure_extensions_allowed: int = 0
    publicity_required: bool = False
    published: bool = False
    simple_fine_limit: Decimal | None = None
    fine_range: tuple[Decimal, Decimal] | None = None
    earliest_hearing_notice: Callable[[date], date] | None = None  # hearing date → last day to notify
    candidate_officers: list[tuple[str, bool]] = field(default_factory=list)  # (name, qualified)


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    field: str | None = None


Guard = Callable[[Facts, dict], Refusal | None]


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    from_states: frozenset[str]
    roles: frozenset[str]
    to_state: str | Callable[[Facts, dict], str] | None = None  # None: the case stays where it is
    approval: tuple[str, ...] = ()
    guards: tuple[Guard, ...] = ()
    fields: tuple[Field, ...] = ()
    officer_only: bool = True  # case officers must be assigned to the case (once any are)

    def target(self, facts: Facts, payload: dict) -> str:
        if self.to_state is None:
            return facts.state
        return self.to_state(facts, payload) if callable(self.to_state) else self.to_state


# ---- guards -----------------------------------------------------------------------------------------------


def officers_assigned(facts, payload):
    if facts.valid_officers < 2:
        return Refusal("officers_required", str(_("须指定至少两名持有效执法证的办案人员（《行政处罚法》第四十二条）。")))


def officers_qualify(facts, payload):
    if len(facts.candidate_officers) < 2:
        return Refusal("officers_required", str(_("须指定至少两名持有效执法证的办案人员（《行政处罚法》第四十二条）。")),
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


def ordinary_procedure(facts, payload):
    if facts.procedure != Procedure.ORDINARY:
        return Refusal("triage_required", str(_("立案前须完成繁简分流并适用普通程序。")), "procedure")


def simple_allowed(facts, payload):
    if payload.get("procedure") == Procedure.SIMPLE and facts.has_computed_amounts:
        return Refusal("simple_procedure_not_allowed",
                       str(_("已登记违法经营额或违法所得，罚款须据此计算，应适用普通程序（§1.4）。")), "procedure")


def verification_extension_left(facts, payload):
    if facts.verification_extensions >= facts.verification_extensions_allowed:
        return Refusal("verification_extension_used", str(_("核查期限已延长过，不能再次延长（程序规定第十八条）。")))


def decision_extension_left(facts, payload):
    if facts.decision_extensions >= facts.decision_extensions_allowed:
        return Refusal("decision_extension_used",
                       str(_("办案期限已延长三十日；继续延长须经负责人集体讨论（《行政处罚法》第六十条）。")))


def decision_extension_first(facts, payload):
    if facts.decision_extensions < facts.decision_extensions_allowed:
        return Refusal("decision_extension_first", str(_("须先经批准延长三十日，仍不能作出决定的才由集体讨论延长。")))
    if facts.decision_due and payload.get("due_on") and payload["due_on"] <= facts.decision_due:
        return Refusal("due_not_later", str(_("集体讨论确定的期限应晚于当前期限 %(due)s。")) % {"due": facts.decision_due},
                       "due_on")


def simple_fine_within_limit(facts, payload):
    if facts.has_computed_amounts:
        return Refusal("simple_procedure_not_allowed",
                       str(_("已登记违法经营额或违法所得，罚款须据此计算，应适用普通程序（§1.4）。")), "fine")
    fine = payload.get("fine") or Decimal(0)
    if payload.get("penalty") == "fine" and fine <= 0:
        return Refusal("fine_required", str(_("请填写罚款金额。")), "fine")
    if facts.simple_fine_limit is not None and fine > facts.simple_fine_limit:
        return Refusal("simple_procedure_fine_limit",
                       str(_("简易程序罚款不得超过 %(limit)s 元（《行政处罚法》第五十一条）。")) % {"limit": facts.simple_fine_limit},
                       "fine")


def _range_refusal(facts, amount, field_name):
    if amount is None or facts.fine_range is None:
        return None
    low, high = facts.fine_range
    if amount < low or amount > high:
        return Refusal("fine_out_of_range",
                       str(_("罚款 %(amount)s 元超出法定幅度 %(low)s–%(high)s 元。")) % {"amount": amount, "low": low, "high": high},
                       field_name)


def proposed_fine_in_range(facts, payload):
    return _range_refusal(facts, payload.get("proposed_fine"), "proposed_fine")


def reviewer_independent(facts, payload):
    if facts.actor_is_investigator:
        return Refusal("reviewer_is_investigator", str(_("办案人员不得审核本案（《行政处罚法》第五十八条）。")))


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


def hearing_was_scheduled(facts, payload):
    if not facts.hearing_scheduled:
        return Refusal("hearing_not_scheduled", str(_("请先通知听证的时间、地点。")))
    if payload.get("held_on") and facts.hearing_on and payload["held_on"] < facts.hearing_on:
        return Refusal("hearing_before_notice", str(_("听证日期早于已通知的 %(day)s。")) % {"day": facts.hearing_on}, "held_on")


def statement_period_over(facts, payload):
    if not payload.get("waived") and facts.statement_due and facts.today <= facts.statement_due:
        return Refusal("statement_period_running",
                       str(_("陈述申辩期至 %(due)s 届满；当事人明确放弃的请勾选“当事人放弃”。")) % {"due": facts.statement_due},
                       "waived")


def decision_allowed(facts, payload):
    outcome = payload.get("outcome")
    if outcome in (Outcome.TRANSFER_POLICE, Outcome.TRANSFER_AGENCY):
        return None
    if facts.legal_review_required and not facts.legal_review_done:
        return Refusal("legal_review_required", str(_("本案须经法制审核后方可作出决定（《行政处罚法》第五十八条）。")))
    if facts.collective_required and not facts.collective_done:
        return Refusal("collective_discussion_required", str(_("本案须经负责人集体讨论决定（《行政处罚法》第五十七条）。")))
    if outcome != Outcome.PENALTY:
        return None
    fine = payload.get("fine") or Decimal(0)
    if facts.notified_fine is not None and fine > facts.notified_fine:
        return Refusal("fine_above_notice",
                       str(_("罚款不得高于告知的 %(fine)s 元；加重须重新告知（《行政处罚法》第四十五条）。")) % {"fine": facts.notified_fine},
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
                       str(_("各期金额合计 %(total)s 元，应等于未缴金额 %(due)s 元。")) % {"total": total, "due": facts.outstanding},
                       "schedule")
    if any(item["due_on"] <= facts.today for item in schedule):
        return Refusal("plan_date_past", str(_("各期缴款日期应晚于今天。")), "schedule")


def no_open_appeal(facts, payload):
    if facts.appeal_open:
        return Refusal("appeal_open", str(_("已有未终结的复议或诉讼。")))


def open_appeal(facts, payload):
    if not facts.appeal_open:
        return Refusal("no_open_appeal", str(_("没有未终结的复议或诉讼。")))


def payment_not_above_outstanding(facts, payload):
    if payload.get("amount") and payload["amount"] > facts.outstanding:
        return Refusal("payment_above_outstanding",
                       str(_("缴款金额超过应缴金额 %(due)s 元（含加处罚款）。")) % {"due": facts.outstanding}, "amount")


def publicity_applies(facts, payload):
    if not facts.publicity_required:
        return Refusal("publicity_not_applicable", str(_("只有普通程序作出的行政处罚决定需要公示。")))
    if facts.published:
        return Refusal("already_published", str(_("本案处罚信息已公示。")))


def closable(facts, payload):
    if facts.publicity_required and not facts.published:
        return Refusal("publicity_required", str(_("结案前须公示行政处罚信息（公示规定第九条）。")))


def served_after_decision(facts, payload):
    if facts.decided_on and payload.get("served_on") and payload["served_on"] < facts.decided_on:
        return Refusal("served_before_decision", str(_("送达日期不能早于决定日期 %(day)s。")) % {"day": facts.decided_on},
                       "served_on")


def measure_open(kind: str, code: str, message: str):
    def guard(facts, payload):
        if kind not in facts.open_measures:
            return Refusal(code, message)
    return guard


def measure_not_open(kind: str, code: str, message: str):
    def guard(facts, payload):
        if kind in facts.open_measures:
            return Refusal(code, message)
    return guard


def seizure_extension_left(facts, payload):
    if facts.seizure_extensions >= facts.seizure_extensions_allowed:
        return Refusal("seizure_extension_used", str(_("查封、扣押期限已延长过（《行政强制法》第二十五条）。")))


def appeal_end_after_start(facts, payload):
    if facts.appeal_started_on and payload.get("ended_on") and payload["ended_on"] < facts.appeal_started_on:
        return Refusal("before_appeal", str(_("终结日不能早于申请复议或起诉日 %(day)s。")) % {"day": facts.appeal_started_on},
                       "ended_on")


def not_before_decision(name):
    def guard(facts, payload):
        if facts.decided_on is None:
            return Refusal("not_decided", str(_("案件尚未作出处理决定。")))
        if payload.get(name) and payload[name] < facts.decided_on:
            return Refusal("before_decision", str(_("日期不能早于决定日期 %(day)s。")) % {"day": facts.decided_on}, name)
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
    return S.SERVING if payload["outcome"] in (Outcome.PENALTY, Outcome.NO_PENALTY) else S.CLOSING


def _after_service(facts, payload):
    return S.EXECUTING if facts.amount_due > 0 else S.CLOSING


def _after_payment(facts, payload):
    return S.CLOSING if payload["amount"] >= facts.outstanding else S.EXECUTING


# ---- the actions ------------------------------------------------------------------------------------------

REASON = Field("reason", "text", _("理由"))
COMMENT = Field("comment", "text", _("意见"), required=False)
OPEN_CASE_STATES = frozenset({S.INVESTIGATING, S.SUSPENDED, S.REVIEWING, S.NOTIFYING, S.STATEMENT, S.HEARING,
                              S.DECIDING})

MEASURE_STATES = frozenset({S.INVESTIGATING, S.SUSPENDED})
# A party may seek review within 60 days or sue within 6 months (T19, T20), often after the case is closed.
APPEAL_STATES = frozenset({S.EXECUTING, S.CLOSING, S.CLOSED})
ITEMS = Field("items", "text", _("物品清单（每行一项）"))
PRESERVATION_OUTCOMES = (("testing", _("送检测、鉴定")), ("seize", _("依法查封、扣押")), ("release", _("解除先行登记保存并退还")),
                         ("keep", _("记录、复制、拍照后解除")))

ACTIONS: dict[str, Action] = {a.key: a for a in [
    Action("assign_officers", _("指定办案人员"), frozenset({S.VERIFYING, S.SIMPLE, S.INVESTIGATING, S.SUSPENDED}),
           frozenset({UNIT_HEAD}), guards=(officers_qualify,), officer_only=False,
           fields=(Field("officers", "users", _("办案人员（至少两名）")),)),
    Action("triage", _("繁简分流"), frozenset({S.VERIFYING}), frozenset({OFFICER, UNIT_HEAD}), _after_triage,
           guards=(simple_allowed,),
           fields=(Field("procedure", "choice", _("适用程序"),
                         choices=((Procedure.SIMPLE, Procedure.SIMPLE.label), (Procedure.ORDINARY, Procedure.ORDINARY.label))),
                   Field("reason", "text", _("分流理由")))),
    Action("extend_verification", _("延长核查期限"), frozenset({S.VERIFYING}), frozenset({OFFICER}),
           approval=(AGENCY_HEAD,), guards=(verification_extension_left,), fields=(REASON,)),
    Action("file", _("立案"), frozenset({S.VERIFYING}), frozenset({OFFICER}), S.INVESTIGATING,
           approval=(UNIT_HEAD, AGENCY_HEAD), guards=(ordinary_procedure, officers_assigned, has_party, has_right),
           fields=(COMMENT,)),
    Action("not_file", _("不予立案"), frozenset({S.VERIFYING}), frozenset({OFFICER}), S.NOT_FILED,
           approval=(UNIT_HEAD, AGENCY_HEAD), fields=(REASON,)),
    Action("simple_decide", _("当场作出处罚决定"), frozenset({S.SIMPLE}), frozenset({OFFICER}), _after_simple_decision,
           guards=(officers_assigned, has_party, simple_fine_within_limit, not_in_future("decided_on")),
           fields=(Field("penalty", "choice", _("处罚种类"), choices=(("warning", _("警告")), ("fine", _("罚款")))),
                   Field("fine", "money", _("罚款（元）"), required=False),
                   Field("decided_on", "date", _("决定日期")), Field("facts", "text", _("违法事实和依据")))),
    Action("suspend", _("中止调查"), frozenset({S.INVESTIGATING}), frozenset({OFFICER}), S.SUSPENDED,
           approval=(AGENCY_HEAD,), fields=(REASON,)),
    Action("resume", _("恢复调查"), frozenset({S.SUSPENDED}), frozenset({OFFICER}), S.INVESTIGATING,
           approval=(AGENCY_HEAD,), fields=(REASON,)),
    Action("extend_decision", _("延长办案期限三十日"), OPEN_CASE_STATES, frozenset({OFFICER}), approval=(AGENCY_HEAD,),
           guards=(decision_extension_left,), fields=(REASON,)),
    Action("extend_decision_further", _("集体讨论继续延长办案期限"), OPEN_CASE_STATES, frozenset({AGENCY_HEAD}),
           guards=(decision_extension_first,), officer_only=False,
           fields=(Field("due_on", "date", _("集体讨论确定的期限")), Field("record", "text", _("集体讨论记录")))),
    Action("preserve", _("先行登记保存证据"), MEASURE_STATES, frozenset({OFFICER}), approval=(AGENCY_HEAD,),
           guards=(measure_not_open("preservation", "preservation_open", str(_("已有未处理的先行登记保存。"))),),
           fields=(ITEMS, Field("place", "text", _("保存地点")))),
    Action("preservation_decide", _("先行登记保存处理决定"), MEASURE_STATES, frozenset({OFFICER}),
           guards=(measure_open("preservation", "no_preservation", str(_("没有未处理的先行登记保存。"))),),
           fields=(Field("outcome", "choice", _("处理决定"), choices=PRESERVATION_OUTCOMES),
                   Field("note", "text", _("说明"), required=False))),
    Action("seize", _("查封、扣押"), MEASURE_STATES, frozenset({OFFICER}), approval=(AGENCY_HEAD,),
           guards=(measure_not_open("seizure", "seizure_open", str(_("已有未解除的查封、扣押。"))),),
           fields=(ITEMS, Field("place", "text", _("查封、扣押地点")))),
    Action("extend_seizure", _("延长查封、扣押期限"), MEASURE_STATES, frozenset({OFFICER}), approval=(AGENCY_HEAD,),
           guards=(measure_open("seizure", "no_seizure", str(_("没有未解除的查封、扣押。"))), seizure_extension_left),
           fields=(REASON,)),
    Action("release_seizure", _("解除查封、扣押"), MEASURE_STATES, frozenset({OFFICER}),
           guards=(measure_open("seizure", "no_seizure", str(_("没有未解除的查封、扣押。"))),),
           fields=(Field("outcome", "text", _("处理结果")),)),
    Action("testing_start", _("送检测、鉴定"), MEASURE_STATES | {S.VERIFYING}, frozenset({OFFICER}),
           guards=(measure_not_open("testing", "testing_open", str(_("已有进行中的检测、鉴定。"))),
                   not_in_future("started_on")),
           fields=(Field("started_on", "date", _("送检日期")), Field("place", "text", _("检测、鉴定机构")), ITEMS)),
    Action("testing_end", _("检测、鉴定完成"), MEASURE_STATES | {S.VERIFYING}, frozenset({OFFICER}),
           guards=(measure_open("testing", "no_testing", str(_("没有进行中的检测、鉴定。"))), not_in_future("ended_on")),
           fields=(Field("ended_on", "date", _("结果送达日期")), Field("outcome", "text", _("检测、鉴定结论")))),
    Action("submit_report", _("调查终结报告"), frozenset({S.INVESTIGATING}), frozenset({OFFICER}), S.REVIEWING,
           guards=(officers_assigned, has_party, proposed_fine_in_range),
           fields=(Field("findings", "text", _("调查终结意见")), Field("proposed_fine", "money", _("拟罚款（元）")),
                   Field("proposed_confiscation", "money", _("拟没收违法所得（元）"), required=False))),
    Action("review_pass", _("审核通过"), frozenset({S.REVIEWING}), frozenset({LEGAL}), _after_review,
           guards=(reviewer_independent,), officer_only=False, fields=(Field("opinion", "text", _("审核意见")),)),
    Action("review_return", _("审核退回补充调查"), frozenset({S.REVIEWING}), frozenset({LEGAL}), S.INVESTIGATING,
           guards=(reviewer_independent,), officer_only=False, fields=(Field("opinion", "text", _("审核意见")),)),
    Action("serve_notice", _("送达行政处罚告知书"), frozenset({S.NOTIFYING}), frozenset({OFFICER}), S.STATEMENT,
           guards=(not_in_future("served_on"),), fields=(Field("served_on", "date", _("送达日期")),)),
    Action("record_statement", _("记录陈述申辩"), frozenset({S.STATEMENT, S.HEARING, S.DECIDING}), frozenset({OFFICER}),
           fields=(Field("content", "text", _("陈述申辩内容及复核意见")),)),
    Action("request_hearing", _("当事人申请听证"), frozenset({S.STATEMENT}), frozenset({OFFICER}), S.HEARING,
           guards=(hearing_right_exists, hearing_requested_in_time, not_in_future("requested_on")),
           fields=(Field("requested_on", "date", _("申请日期")),)),
    Action("schedule_hearing", _("通知听证"), frozenset({S.HEARING}), frozenset({OFFICER}),
           guards=(hearing_notice_long_enough, not_in_future("notified_on")),
           fields=(Field("notified_on", "date", _("通知送达日期")), Field("hearing_on", "date", _("听证日期")))),
    Action("hold_hearing", _("举行听证"), frozenset({S.HEARING}), frozenset({OFFICER}), S.REVIEWING,
           guards=(hearing_was_scheduled, not_in_future("held_on")),
           fields=(Field("held_on", "date", _("举行日期")), Field("report", "text", _("听证报告")))),
    Action("end_statement", _("陈述申辩期结束"), frozenset({S.STATEMENT}), frozenset({OFFICER}), S.DECIDING,
           guards=(statement_period_over,), fields=(Field("waived", "bool", _("当事人放弃陈述申辩和听证"), required=False),)),
    Action("collective_discussion", _("负责人集体讨论"), frozenset({S.DECIDING}), frozenset({AGENCY_HEAD}),
           officer_only=False, fields=(Field("record", "text", _("集体讨论记录")),)),
    Action("decide", _("作出处理决定"), frozenset({S.DECIDING}), frozenset({OFFICER}), _after_decision,
           approval=(UNIT_HEAD, AGENCY_HEAD), guards=(decision_allowed,),
           fields=(Field("outcome", "choice", _("处理结果"), choices=tuple(Outcome.choices)),
                   Field("fine", "money", _("罚款（元）"), required=False),
                   Field("confiscation", "money", _("没收违法所得（元）"), required=False),
                   Field("reason", "text", _("裁量说明"), required=False))),
    Action("serve_decision", _("送达处理决定书"), frozenset({S.SERVING}), frozenset({OFFICER}), _after_service,
           guards=(served_after_decision, not_in_future("served_on")),
           fields=(Field("served_on", "date", _("送达日期")),
                   Field("method", "choice", _("送达方式"), choices=tuple(ServiceMethod.choices)))),
    Action("payment_plan", _("批准延期或分期缴纳"), frozenset({S.EXECUTING}), frozenset({OFFICER}),
           approval=(AGENCY_HEAD,), guards=(plan_matches_amount,),
           fields=(Field("schedule", "schedule", _("缴款计划（每行：日期 金额）")), REASON)),
    Action("appeal_start", _("登记复议或诉讼"), APPEAL_STATES, frozenset({OFFICER}),
           guards=(no_open_appeal, not_in_future("started_on"), not_before_decision("started_on")),
           fields=(Field("kind", "choice", _("类型"), choices=tuple(AppealKind.choices)),
                   Field("body", "text", _("复议机关或法院")), Field("started_on", "date", _("申请复议或起诉日")))),
    Action("appeal_end", _("登记复议或诉讼结果"), APPEAL_STATES, frozenset({OFFICER}),
           guards=(open_appeal, not_in_future("ended_on"), appeal_end_after_start),
           fields=(Field("ended_on", "date", _("终结日")),
                   Field("outcome", "choice", _("结果"), choices=tuple(AppealOutcome.choices)))),
    Action("record_payment", _("登记缴款"), frozenset({S.EXECUTING}), frozenset({OFFICER}), _after_payment,
           guards=(payment_not_above_outstanding, not_in_future("paid_on")),
           fields=(Field("amount", "money", _("金额（元）")), Field("paid_on", "date", _("缴款日期")),
                   Field("receipt_no", "text", _("票据号"), required=False))),
    Action("publish", _("公示处罚信息"), frozenset({S.SERVING, S.EXECUTING, S.CLOSING, S.CLOSED}), frozenset({OFFICER}),
           guards=(publicity_applies, not_in_future("published_on")),
           fields=(Field("published_on", "date", _("公示日期")),)),
    Action("close", _("结案"), frozenset({S.CLOSING}), frozenset({OFFICER}), S.CLOSED, approval=(AGENCY_HEAD,),
           guards=(closable,), fields=(COMMENT,)),
    Action("archive", _("归档"), frozenset({S.CLOSED, S.NOT_FILED}), frozenset({OFFICER}), S.ARCHIVED, fields=(COMMENT,)),
]}

# Answers to a pending approval; the approver is whoever holds the role the chain awaits.
APPROVAL_ANSWERS = {"approve": _("同意"), "reject": _("不同意"), "send_back": _("退回")}


def may_start(action: Action, roles: frozenset[str]) -> bool:
    return bool(action.roles & roles)


def check(action: Action, facts: Facts, payload: dict) -> Refusal | None:
    """The first guard that refuses, or None."""
    if facts.state not in action.from_states:
        return Refusal("wrong_state", str(_("案件当前状态下不能办理“%(action)s”。")) % {"action": action.label})
    for guard in action.guards:
        refusal = guard(facts, payload)
        if refusal:
            return refusal
    return None
