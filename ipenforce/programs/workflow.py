"""The funding application (资助, wave2-rules.md §F.2) and the policy task (政策任务台账) as procedures on the
workflow engine: states, who acts, the guards of F-05…F-08 and F-11, and the publicity clock (F-06)."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.orgs.choices import Role
from ipenforce.workflow import definitions as wf
from ipenforce.workflow.definitions import Action, Actor, Field, Refusal, Task, start, stop

CLERK = Actor("clerk", Role.CASE_OFFICER)  # the bureau's fund staff (受理、审核、公示、拨付)
STATISTICIAN = Actor("statistician", Role.STATISTICIAN)  # keeps the ledger's tables where no clerk does
UNIT_HEAD = Actor("unit_head", Role.UNIT_HEAD)
HEAD = Actor("head", Role.AGENCY_HEAD)  # 集体决策 is recorded by the bureau's head; owns a ledger's tasks

OBJECTION_WINDOW, CREDIT_BAR = "programs.funding_objection_window", "programs.funding_credit_bar"

FUNDING_STATES = {
    "submitted": _("已申报（待受理）"), "not_accepted": _("不予受理"), "accepted": _("已受理（待审核）"),
    "expert_review": _("专家评审中"), "verified": _("已核准金额"), "reviewed": _("已评审"),
    "publicity": _("公示中"), "objection": _("异议处理中"), "publicised": _("公示期满"),
    "decided": _("已集体决策（待领款）"), "contracted": _("已签订资助合同（待领款）"),
    "payment_requested": _("已确认领款"), "paid": _("已拨付"),
    "evaluated": _("已绩效自评"), "waived": _("逾期未领款（视为放弃）"), "rejected": _("不予资助"),
    "recovered": _("已追回资金"),
}
FUNDING_ENDED = frozenset({"not_accepted", "waived", "rejected", "recovered", "evaluated"})


@dataclass
class FundingFacts:
    state: str
    track: str
    today: date
    applicant_name: str = ""
    cap: Decimal = Decimal("0")
    computed: Decimal | None = None
    remaining_budget: Decimal = Decimal("0")
    payment_opens_on: date | None = None
    payment_closes_on: date | None = None
    publicity_over: bool = False
    granted: Decimal | None = None
    paid: Decimal | None = None
    platform_credit: dict = field(default_factory=dict)  # the credit module's answer (selectors.platform_credit)
    contract_required: bool = False
    sheet_scores: list = field(default_factory=list)  # the submitted experts' scores
    sheets_pending: int = 0  # sheets handed out and not yet submitted


def _s(*names):
    return frozenset(names)


REASON = Field("reason", "text", _("理由"))
CREDIT_CHOICES = (("clear", _("未发现严重失信记录")), ("listed", _("有严重知识产权失信记录")))


def credit_bar(facts, payload):
    """F-08 / D-35: no fiscal subsidy within three years of a serious IP-dishonesty finding, nor while the applicant
    is on the serious-violation list. The credit module is asked first (facts.platform_credit); the hand-recorded
    result covers what the platform does not know."""
    from ipenforce.core.rules import due_for

    known = facts.platform_credit or {}
    if known.get("bars"):
        message = str(_("本平台信用记录：申请人%(until)s前不得申报政府资金项目和奖项（%(cite)s）。"))
        values = {"until": known["barred_until"].isoformat(), "cite": known["citation"]}
        return Refusal("credit_barred", message % values, "credit_result")
    if known.get("listed"):
        message = str(_("本平台信用记录：申请人列入严重违法失信名单，不得享受财政资助（%(cite)s）。"))
        return Refusal("credit_listed", message % {"cite": known["listed_citation"]}, "credit_result")
    if payload.get("credit_result") != "listed":
        return None
    found_on = payload.get("credit_found_on")
    if found_on is None:
        return Refusal("credit_date_required", str(_("有失信记录时请填写认定日期。")), "credit_found_on")
    due, version = due_for(CREDIT_BAR, found_on)
    if facts.today <= due.due:
        message = str(_("申请人有严重知识产权失信记录，%(until)s前不得享受财政资助（%(cite)s）。"))
        values = {"until": due.due.isoformat(), "cite": version.citation}
        return Refusal("credit_barred", message % values, "credit_result")
    return None


def materials_checked(facts, payload):
    if not payload.get("materials_complete"):
        return Refusal("materials_incomplete", str(_("形式审查：申报材料须齐全。")), "materials_complete")
    return None


def sheets_complete(facts, payload):
    """Every expert given a sheet has scored and submitted it, and at least one has."""
    if facts.sheets_pending:
        return Refusal("sheets_pending", str(_("尚有 %(n)s 位专家未提交评分表。")) % {"n": facts.sheets_pending})
    if not facts.sheet_scores:
        return Refusal("no_sheets", str(_("请先分配评审专家并收齐评分表。")))
    return None


def contract_if_required(facts, payload):
    """F.2 资助合同 (where the call requires one): the contract is signed before the payment is confirmed."""
    if facts.contract_required and facts.state != "contracted":
        return Refusal("contract_required", str(_("本项目须先签订资助合同，再确认领款。")))
    return None


def milestones_dated(facts, payload):
    """Each line of the contract's milestones is "YYYY-MM-DD what is due"."""
    for number, line in enumerate((payload.get("milestones") or "").splitlines(), start=1):
        if not line.strip():
            continue
        head = line.strip().split(maxsplit=1)[0]
        try:
            date.fromisoformat(head)
        except ValueError:
            return Refusal("bad_milestone", str(_("合同节点第%(n)s行应以日期开头（如 2027-06-30 中期检查）。"))
                           % {"n": number}, "milestones")
    return None


def within_cap(name: str):
    def guard(facts, payload):
        amount = payload.get(name)
        if amount is not None and amount > facts.cap:
            return Refusal("over_cap", str(_("金额超过单项资助上限 %(cap)s 元。")) % {"cap": facts.cap}, name)
        if name == "granted" and amount is not None and amount > facts.remaining_budget:
            return Refusal("over_budget", str(_("金额超过本项目剩余预算 %(left)s 元。"))
                           % {"left": facts.remaining_budget}, name)
        if name == "granted" and facts.track == "approval" and facts.computed is not None \
                and amount is not None and amount > facts.computed:
            return Refusal("over_computed", str(_("核准制项目的资助金额不得超过核定金额 %(v)s 元。"))
                           % {"v": facts.computed}, name)
        return None
    return guard


def objection_admissible(facts, payload):
    """F-06: an objection is written, with identity proof and evidence, else it is not accepted."""
    if not payload.get("identity_proof") or not payload.get("evidence"):
        return Refusal("objection_inadmissible", str(_("异议须书面提出并附身份证明和证据，否则不予受理。")),
                       "identity_proof" if not payload.get("identity_proof") else "evidence")
    return None


def publicity_over(facts, payload):
    if not facts.publicity_over:
        return Refusal("publicity_running", str(_("公示异议期尚未届满。")))
    return None


def account_matches(facts, payload):
    """F-05: the receiving account's name must be the applicant's."""
    if (payload.get("account_name") or "").strip() != facts.applicant_name:
        return Refusal("account_name_mismatch", str(_("收款账户名称须与申请单位名称一致。")), "account_name")
    return None


def payment_window_open(facts, payload):
    if facts.payment_opens_on and facts.today < facts.payment_opens_on:
        return Refusal("payment_window_not_open", str(_("领款确认尚未开始（%(d)s起）。"))
                       % {"d": facts.payment_opens_on.isoformat()})
    return None


def payment_window_closed(facts, payload):
    if facts.payment_closes_on is None or facts.today <= facts.payment_closes_on:
        return Refusal("payment_window_running", str(_("领款确认期尚未届满，不能视为放弃。")))
    return None


def payment_in_time(facts, payload) -> str:
    """F-05: a confirmation after the window is deemed a waiver."""
    if facts.payment_closes_on and facts.today > facts.payment_closes_on:
        return "waived"
    return "payment_requested"


def pays_granted(facts, payload):
    if payload.get("amount") != facts.granted:
        return Refusal("amount_mismatch", str(_("拨付金额应等于决定资助金额 %(v)s 元。")) % {"v": facts.granted},
                       "amount")
    return None


def recovers_at_most_paid(facts, payload):
    if payload.get("amount") is not None and payload["amount"] > (facts.paid or 0):
        return Refusal("over_paid", str(_("追回金额不得超过已拨付金额。")), "amount")
    return None


def after_review(facts, payload) -> str:
    return "expert_review" if facts.track == "competitive" else "verified"


FUNDING_ACTIONS = [
    Action("submit", _("申报"), _s(""), (), "submitted"),
    Action("accept", _("受理"), _s("submitted"), (CLERK,), "accepted"),
    Action("refuse_intake", _("不予受理"), _s("submitted"), (CLERK,), "not_accepted", fields=(REASON,)),
    Action("review", _("形式审查和信用核查"), _s("accepted"), (CLERK,), after_review,
           fields=(Field("materials_complete", "bool", _("申报材料齐全"), required=False),
                   Field("credit_result", "choice", _("信用核查结果"), choices=CREDIT_CHOICES),
                   Field("credit_found_on", "date", _("失信认定日期"), required=False),
                   Field("credit_source", "text", _("核查来源（信用中国、国家企业信用信息公示系统等）"))),
           guards=(materials_checked, credit_bar)),
    Action("expert_score", _("汇总专家评分"), _s("expert_review"), (CLERK,), "reviewed",
           fields=(Field("recommended", "money", _("建议资助金额（元）")),),
           guards=(sheets_complete, within_cap("recommended"))),
    Action("publicise", _("公示"), _s("verified", "reviewed"), (CLERK,), "publicity",
           fields=(Field("published_at", "text", _("公示网址或场所")),),
           clocks=(start(OBJECTION_WINDOW, CLERK),)),
    Action("record_objection", _("受理异议"), _s("publicity"), (CLERK,), "objection",
           fields=(Field("objector", "text", _("异议人")), Field("grounds", "text", _("异议理由")),
                   Field("identity_proof", "bool", _("附身份证明"), required=False),
                   Field("evidence", "bool", _("附证据"), required=False)),
           guards=(objection_admissible,)),
    Action("uphold_objection", _("异议成立（不予资助）"), _s("objection"), (CLERK,), "rejected",
           approval=(UNIT_HEAD,), fields=(REASON,), clocks=(stop(OBJECTION_WINDOW),)),
    Action("dismiss_objection", _("异议不成立"), _s("objection"), (CLERK,), "publicity", fields=(REASON,)),
    Action("close_publicity", _("公示期满无异议"), _s("publicity"), (CLERK,), "publicised",
           guards=(publicity_over,), clocks=(stop(OBJECTION_WINDOW),)),
    Action("decide", _("集体决策"), _s("publicised"), (HEAD,), "decided",
           fields=(Field("meeting", "text", _("会议（名称、日期）")), Field("granted", "money", _("资助金额（元）"))),
           guards=(within_cap("granted"),)),
    Action("sign_contract", _("签订资助合同"), _s("decided"), (CLERK,), "contracted", approval=(UNIT_HEAD,),
           fields=(Field("contract_number", "text", _("合同编号")), Field("signed_on", "date", _("签订日期")),
                   Field("terms", "text", _("主要条款（资金用途、绩效目标、违约责任）")),
                   Field("milestones", "text", _("合同节点（每行：日期 内容）"), required=False)),
           guards=(milestones_dated,)),
    Action("request_payment", _("领款确认"), _s("decided", "contracted"), (CLERK,), payment_in_time,
           fields=(Field("account_name", "text", _("收款账户名称")), Field("account_no", "text", _("收款账号"))),
           guards=(contract_if_required, payment_window_open, account_matches)),
    Action("deem_waived", _("逾期未领款，视为放弃"), _s("decided", "contracted"), (CLERK,), "waived",
           guards=(payment_window_closed,)),
    Action("pay", _("拨付"), _s("payment_requested"), (CLERK,), "paid", approval=(UNIT_HEAD,),
           fields=(Field("paid_on", "date", _("拨付日期")), Field("amount", "money", _("拨付金额（元）")),
                   Field("voucher", "text", _("凭证号"))),
           guards=(pays_granted,)),
    Action("self_evaluate", _("绩效自评"), _s("paid"), (CLERK,), "evaluated",
           fields=(Field("report", "text", _("绩效自评报告")),)),
    Action("decline", _("不予资助"), _s("accepted", "expert_review", "verified", "reviewed"), (CLERK,), "rejected",
           fields=(REASON,)),
    Action("recover", _("追回资金"), _s("paid", "evaluated"), (CLERK,), "recovered", approval=(HEAD,),
           fields=(REASON, Field("amount", "money", _("追回金额（元）"))), guards=(recovers_at_most_paid,)),
    # Timeline records of the services (never offered as actions: no one takes them, no state has them).
    Action("experts_assigned", _("分配评审专家"), _s(), ()),
    Action("score_sheet_submitted", _("专家提交评分表"), _s(), ()),
    Action("audit_sampled", _("抽中资金审计"), _s(), ()),
]

# Who must act next in each state (a work item, beside the publicity clock and approvals).
FUNDING_AWAITING = {"submitted": CLERK, "accepted": CLERK, "expert_review": CLERK, "verified": CLERK,
                    "reviewed": CLERK, "objection": CLERK, "publicised": HEAD, "decided": CLERK, "contracted": CLERK,
                    "payment_requested": CLERK, "paid": CLERK}


def funding_tasks(application) -> list[Task]:
    actor = FUNDING_AWAITING.get(application.state)
    if actor is None:
        return []
    return [Task("funding.next_step", _("待办理：%(state)s") % {"state": FUNDING_STATES[application.state]}, actor)]


FUNDING = wf.Procedure(
    key="funding", model="programs.FundingApplication", label=_("资助申请"), states=FUNDING_STATES,
    actions=FUNDING_ACTIONS, agencies={"subject": lambda a: a.agency}, officers=lambda a: [],
    url=lambda a: reverse("programs:application", args=[a.pk]),
    facts="ipenforce.programs.selectors.funding_facts",
    effects="ipenforce.programs.effects.FUNDING_EFFECTS",
    subjects="ipenforce.programs.selectors.application_detail",
    tasks="ipenforce.programs.workflow.funding_tasks",
)

# ---- policy tasks ---------------------------------------------------------------------------------------

TASK_STATES = {"not_started": _("未启动"), "in_progress": _("推进中"), "done": _("已落实")}


@dataclass
class TaskFacts:
    state: str


def reported_status(facts, payload) -> str:
    return payload.get("status") or facts.state


def evidence_given(facts, payload):
    if not (payload.get("evidence") or "").strip():
        return Refusal("evidence_required", str(_("状态变更须附佐证材料。")), "evidence")
    return None


TASK_ACTIONS = [
    Action("register", _("列入台账"), _s(""), (), "not_started"),
    Action("report", _("报送进展"), _s("not_started", "in_progress"), (CLERK, STATISTICIAN), reported_status,
           approval=(HEAD,),
           fields=(Field("progress", "text", _("进展情况")), Field("evidence", "text", _("佐证材料")),
                   Field("status", "choice", _("状态"),
                         choices=(("in_progress", _("推进中")), ("done", _("已落实"))))),
           guards=(evidence_given,)),
]

def task_tasks(task) -> list[Task]:
    """An overdue task, once escalated (services.tasks_escalate_overdue), waits on the ledger owner's head."""
    if task.escalated_at and task.state != "done":
        return [Task("policy_task.overdue", _("政策任务逾期未落实"), HEAD)]
    return []


POLICY_TASK = wf.Procedure(
    key="policy_task", model="programs.PolicyTask", label=_("政策任务"), states=TASK_STATES, actions=TASK_ACTIONS,
    agencies={"subject": lambda t: t.agency}, officers=lambda t: [],
    url=lambda t: reverse("programs:task", args=[t.pk]),
    facts="ipenforce.programs.selectors.task_facts",
    effects="ipenforce.programs.effects.TASK_EFFECTS",
    subjects="ipenforce.programs.selectors.task_detail",
    tasks="ipenforce.programs.workflow.task_tasks",
)


# ---- key enterprises (重点企业名录, G-01) ------------------------------------------------------------------

LISTING_STATES = {"nominated": _("已推荐（待审核）"), "listed": _("已列入名录"), "refused": _("不予列入"),
                  "delisted": _("已移出名录")}


@dataclass
class ListingFacts:
    state: str
    today: date


def valid_until_ahead(facts, payload):
    if payload.get("valid_until") is not None and payload["valid_until"] <= facts.today:
        return Refusal("validity_in_past", str(_("有效期应晚于今天。")), "valid_until")
    return None


LISTING_ACTIONS = [
    Action("nominate", _("推荐或申请列入"), _s(""), (), "nominated"),
    Action("approve_listing", _("审核列入名录"), _s("nominated"), (HEAD,), "listed",
           fields=(Field("valid_until", "date", _("有效期至")),), guards=(valid_until_ahead,)),
    Action("refuse_listing", _("不予列入"), _s("nominated"), (HEAD,), "refused", fields=(REASON,)),
    Action("delist", _("移出名录"), _s("listed"), (HEAD,), "delisted", fields=(REASON,)),
]


def listing_tasks(entry) -> list[Task]:
    if entry.state != "nominated":
        return []
    return [Task("key_enterprise.review", _("待审核：重点企业名录推荐"), HEAD)]


KEY_ENTERPRISE = wf.Procedure(
    key="key_enterprise", model="programs.KeyEnterprise", label=_("重点企业名录"), states=LISTING_STATES,
    actions=LISTING_ACTIONS, agencies={"subject": lambda e: e.agency}, officers=lambda e: [],
    url=lambda e: reverse("programs:key_enterprise", args=[e.pk]),
    facts="ipenforce.programs.selectors.listing_facts",
    effects="ipenforce.programs.effects.LISTING_EFFECTS",
    subjects="ipenforce.programs.selectors.key_enterprise_detail",
    tasks="ipenforce.programs.workflow.listing_tasks",
)
