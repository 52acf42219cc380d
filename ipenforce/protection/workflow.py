"""The complaint desk (快速维权) and e-commerce notice-and-takedown (《电子商务法》第四十一条至第四十五条), declared on
the workflow engine (wave2-rules.md §C: C-09, C-12…C-24).

Complaint: registered → (补正) → accepted or refused → a lead to the competent bureau (its outcome flows back) or
a takedown notice to a platform → concluded.
Notice: sent → the platform's necessary measures and forwarding to the seller (C-14) → the seller's declaration
forwarded to the right holder starts 15 days (C-17; notarisation not counted, at most 20 working days, C-18) → a
complaint or suit notified in time keeps the measures, else the platform must end them (the daily sweep says
so); copyright notices end at once on the declaration (C-24)."""
import re
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.orgs.choices import Role
from ipenforce.workflow import definitions as wf
from ipenforce.workflow.definitions import Action, Actor, Field, Refusal, Task, pause, resume, start, stop

CENTRE = Actor("centre", Role.CENTRE_STAFF, at="centre")
COMPLAINANT = Actor("complainant", Role.RIGHTS_HOLDER_AGENT, at="complainant")
PLATFORM = Actor("platform", Role.PLATFORM_AGENT, at="platform")
HOLDER = Actor("right_holder", Role.RIGHTS_HOLDER_AGENT, at="right_holder")

ACCEPTANCE = "protection.complaint_acceptance"
WAIT, WAIT_CAP = "protection.declaration_wait", "protection.declaration_wait_cap"
NOTARISATION = "notarisation"
COMPLETION = "completion"


def _s(*names):
    return frozenset(names)


# ---- complaints -------------------------------------------------------------------------------------------

COMPLAINT_STATES = {
    "received": _("已登记，待审查"), "incomplete": _("待补正"), "accepted": _("已受理，待分流"),
    "refused": _("不予受理"), "referred": _("已转监管局查处"), "takedown": _("已向平台发出通知"),
    "adjudication": _("已转行政裁决"),
    "concluded": _("已办结"), "withdrawn": _("已撤回"),
}
COMPLAINT_ENDED = _s("refused", "concluded", "withdrawn")

# What a complete complaint holds; the completeness check lists every empty one in one notice.
REQUIRED_ITEMS = (
    ("identity", _("投诉人身份信息")), ("right_text", _("权利证明（证书号、权利人）")),
    ("accused_name", _("被投诉人或网店")), ("evidence", _("侵权证据")), ("request", _("请求事项")),
)


@dataclass
class ComplaintFacts:
    state: str
    missing: list[str] = field(default_factory=list)
    chosen: dict | None = None


def complete(facts, payload):
    if facts.missing:
        return Refusal("complaint_incomplete", str(_("材料不全：%(items)s。请先通知补正。"))
                       % {"items": "、".join(facts.missing)}, "missing")


def something_missing(facts, payload):
    if not facts.missing and not (payload.get("extra") or "").strip():
        return Refusal("nothing_missing", str(_("材料齐全，无需补正；如需其他材料请在“其他需补正的材料”中写明。")),
                       "extra")


def agency_named(field_name: str, kinds: tuple, message):
    def guard(facts, payload):
        agency = (facts.chosen or {}).get(field_name)
        if agency is None or agency.kind not in kinds:
            return Refusal("unknown_agency", str(message), field_name)
    return guard


REASON = Field("reason", "text", _("理由"))
SUPPLEMENT_FIELDS = tuple(Field(name, "text", label, required=False) for name, label in REQUIRED_ITEMS)
BUREAU_KINDS = ("market_regulation", "ip_office")
BUREAU_NAMED = agency_named("bureau_id", BUREAU_KINDS, _("请选择市场监管部门或知识产权管理部门。"))

COMPLAINT_ACTIONS = [
    Action("register", _("登记投诉"), _s(""), (), "received", fields=(Field("received_on", "date", _("登记日期")),),
           clocks=(start(ACCEPTANCE, CENTRE, at="received_on"),)),
    Action("request_completion", _("一次性告知补正"), _s("received"), (CENTRE,), "incomplete",
           fields=(Field("extra", "text", _("其他需补正的材料"), required=False),), guards=(something_missing,),
           clocks=(pause(ACCEPTANCE, COMPLETION),)),
    Action("supplement", _("补正材料"), _s("incomplete"), (COMPLAINANT, CENTRE), "received",
           fields=SUPPLEMENT_FIELDS, clocks=(resume(ACCEPTANCE, COMPLETION),)),
    Action("accept", _("受理"), _s("received"), (CENTRE,), "accepted", guards=(complete,), clocks=(stop(ACCEPTANCE),)),
    Action("refuse", _("不予受理"), _s("received", "incomplete"), (CENTRE,), "refused", fields=(REASON,),
           clocks=(stop(ACCEPTANCE),)),
    Action("refer_to_bureau", _("转有管辖权的监管局查处"), _s("accepted"), (CENTRE,), "referred",
           fields=(Field("bureau_id", "agency", _("有管辖权的监管局")),),
           guards=(BUREAU_NAMED,)),
    Action("send_takedown", _("向电商平台发出通知"), _s("accepted"), (CENTRE,), "takedown",
           fields=(Field("platform_id", "agency", _("电子商务平台")),
                   Field("listings", "text", _("涉嫌侵权的商品或服务链接（每行一个）")),
                   Field("seller", "text", _("平台内经营者"), required=False)),
           guards=(agency_named("platform_id", ("ecommerce_platform",), _("请选择电子商务平台。")),)),
    Action("refer_to_adjudication", _("转专利侵权纠纷行政裁决"), _s("accepted"), (CENTRE,), "adjudication",
           fields=(Field("bureau_id", "agency", _("管理专利工作的部门")),
                   Field("patent", "text", _("专利（专利号、类型）"))),
           guards=(BUREAU_NAMED,)),
    Action("conclude", _("办结并告知投诉人"), _s("referred", "takedown", "adjudication"), (CENTRE,), "concluded",
           fields=(Field("outcome", "text", _("处理结果")),)),
    Action("case_concluded", _("监管局办结案源"), _s("referred"), (), "concluded"),
    Action("withdraw", _("撤回投诉"), _s("received", "incomplete", "accepted"), (COMPLAINANT,), "withdrawn",
           fields=(REASON,), clocks=(stop(ACCEPTANCE),)),
]


def complaint_tasks(complaint) -> list[Task]:
    if complaint.state == "incomplete":
        return [Task("complaint.supplement", _("待补正投诉材料"), COMPLAINANT if complaint.complainant_id else CENTRE)]
    if complaint.state == "accepted":
        return [Task("complaint.route", _("待分流：转监管局或通知平台"), CENTRE)]
    return []


COMPLAINT = wf.Procedure(
    key="complaint", model="protection.Complaint", label=_("投诉"), states=COMPLAINT_STATES,
    actions=COMPLAINT_ACTIONS,
    agencies={"subject": lambda c: c.centre, "centre": lambda c: c.centre, "complainant": lambda c: c.complainant},
    officers=lambda c: [], url=lambda c: reverse("protection:complaint", args=[c.pk]),
    facts="ipenforce.protection.selectors.complaint_facts",
    effects="ipenforce.protection.effects.COMPLAINT_EFFECTS",
    subjects="ipenforce.protection.selectors.complaint_detail",
    tasks="ipenforce.protection.workflow.complaint_tasks",
)


# ---- takedown notices -------------------------------------------------------------------------------------

NOTICE_STATES = {
    "sent": _("已送达平台，待采取必要措施"), "measures_taken": _("已采取必要措施并转送经营者"),
    "declined": _("平台未采取必要措施"), "declared": _("已收到不侵权声明，等待权利人投诉或起诉"),
    "kept": _("权利人已投诉或起诉，措施维持"), "must_end": _("期满未收到投诉或起诉通知，平台应终止措施"),
    "ended": _("已终止措施"), "withdrawn": _("权利人已撤回通知"),
}
NOTICE_ENDED = _s("ended", "kept", "withdrawn")
PUBLISHED = _s("measures_taken", "declined", "declared", "kept", "must_end", "ended")  # C-20


@dataclass
class NoticeFacts:
    state: str
    copyright: bool = False
    has_holder: bool = True  # a rights holder with an account (else the centre follows the notice for them)
    identity_requested: bool = False
    has_case: bool = False
    chosen: dict | None = None
    wait_ends_on: date | None = None  # the last day a complaint or suit may be notified
    today: date | None = None

    @property
    def wait_over(self) -> bool:
        return self.state == "declared" and self.wait_ends_on is not None and self.today > self.wait_ends_on


def wait_over(facts, payload):
    if facts.state == "declared" and not facts.wait_over:
        return Refusal("wait_running", str(_("等待权利人投诉或起诉通知的期限（至%(day)s）尚未届满，不能终止措施。"))
                       % {"day": facts.wait_ends_on or "—"})


def identity_not_requested(facts, payload):
    if facts.identity_requested:
        return Refusal("identity_already_requested", str(_("已请平台提供经营者线下身份信息。")))


def identity_open(facts, payload):
    if not facts.identity_requested or facts.has_case:
        return Refusal("identity_not_requested", str(_("保护中心未请求经营者身份信息，或已移交案源。")))


def notified_in_time(facts, payload):
    notified = payload.get("notified_on")
    if facts.wait_ends_on and notified and notified > facts.wait_ends_on:
        return Refusal("wait_over", str(_("投诉或起诉通知晚于等待期限（%(day)s）届满，不能维持措施"
                                          "（《电子商务法》第四十三条第二款）。")) % {"day": facts.wait_ends_on},
                       "notified_on")


def _holder_waits(facts, payload) -> bool:
    return not facts.copyright and facts.has_holder


def _centre_waits(facts, payload) -> bool:
    return not facts.copyright and not facts.has_holder


def waiting_owner(notice) -> Actor:
    return HOLDER if notice.right_holder_id else CENTRE


def _declared_state(facts, payload) -> str:
    return "must_end" if facts.copyright else "declared"  # C-24: restored at once, no 15-day wait


ACTION_KINDS = (("complaint", _("已向有关主管部门投诉")), ("lawsuit", _("已向人民法院起诉")))
NOTICE_ACTIONS = [
    Action("send", _("发出通知"), _s(""), (), "sent"),
    Action("take_measures", _("采取必要措施并转送经营者"), _s("sent"), (PLATFORM,), "measures_taken",
           fields=(Field("measures", "choice", _("必要措施"),
                         choices=(("delete", _("删除")), ("block", _("屏蔽")), ("disconnect", _("断开链接")),
                                  ("terminate", _("终止交易和服务")))),
                   Field("measures_on", "date", _("采取措施日期")),
                   Field("forwarded_on", "date", _("转送平台内经营者日期")),
                   Field("seller", "text", _("平台内经营者"), required=False))),
    Action("decline", _("不采取措施"), _s("sent"), (PLATFORM,), "declined", fields=(REASON,)),
    Action("record_declaration", _("登记不侵权声明并转送权利人"), _s("measures_taken"), (PLATFORM,),
           _declared_state,
           fields=(Field("declaration", "text", _("不侵权声明（含初步证据）")),
                   Field("arrived_on", "date", _("声明到达权利人日期"))),
           clocks=(start(WAIT, HOLDER, at="arrived_on", when=_holder_waits),
                   start(WAIT, CENTRE, at="arrived_on", when=_centre_waits))),
    Action("notarisation_start", _("公证、认证手续开始（不计入等待期间）"), _s("declared"), (HOLDER, CENTRE),
           fields=(Field("from_date", "date", _("开始日期")),), clocks=(pause(WAIT, NOTARISATION, at="from_date"),)),
    Action("notarisation_end", _("公证、认证手续完成"), _s("declared"), (HOLDER, CENTRE),
           fields=(Field("until_date", "date", _("完成日期")),),
           clocks=(resume(WAIT, NOTARISATION, at="until_date"),)),
    Action("notify_action", _("通知已投诉或起诉"), _s("declared"), (HOLDER, CENTRE, PLATFORM), "kept",
           fields=(Field("kind", "choice", _("方式"), choices=ACTION_KINDS),
                   Field("authority", "text", _("受理的主管部门或人民法院")),
                   Field("notified_on", "date", _("通知到达平台日期"))),
           guards=(notified_in_time,), clocks=(stop(WAIT, at="notified_on"), stop(WAIT_CAP, at="notified_on"))),
    Action("end_measures", _("终止所采取的措施"), _s("declared", "must_end"), (PLATFORM,), "ended",
           fields=(Field("ended_on", "date", _("终止日期")),), guards=(wait_over,),
           clocks=(stop(WAIT, at="ended_on"), stop(WAIT_CAP, at="ended_on"))),
    # 全国电商领域专利执法维权协作机制 (C-27): the platform supplies the seller's offline identity, which becomes a
    # lead for the competent local bureau (源头打击).
    Action("request_identity", _("请平台提供经营者线下身份信息"), frozenset(NOTICE_STATES), (CENTRE,),
           guards=(identity_not_requested,)),
    Action("provide_identity", _("提供经营者线下身份信息（转有管辖权的监管局）"), frozenset(NOTICE_STATES), (PLATFORM,),
           fields=(Field("seller_identity", "text", _("经营者名称、统一社会信用代码或身份证号、地址")),
                   Field("bureau_id", "agency", _("经营地有管辖权的监管局"))),
           guards=(identity_open, BUREAU_NAMED)),
    Action("withdraw", _("撤回通知"), _s("sent", "measures_taken", "declared"), (HOLDER, CENTRE), "withdrawn",
           fields=(REASON,), clocks=(stop(WAIT), stop(WAIT_CAP))),
]


def notice_tasks(notice) -> list[Task]:
    from ipenforce.protection.selectors import wait_is_over

    if notice.identity_requested and notice.case_id is None:
        return [Task("takedown_notice.identity", _("提供经营者线下身份信息（电商专利执法协作）"), PLATFORM),
                *_measure_tasks(notice, wait_is_over)]
    return _measure_tasks(notice, wait_is_over)


def _measure_tasks(notice, wait_is_over) -> list[Task]:
    if notice.state == "sent":
        return [Task("takedown_notice.measures", _("待采取必要措施并转送经营者（《电子商务法》第四十二条）"), PLATFORM)]
    if notice.state == "must_end" or wait_is_over(notice):
        return [Task("takedown_notice.end", _("应及时终止所采取的措施（《电子商务法》第四十三条第二款）"), PLATFORM)]
    return []


NOTICE = wf.Procedure(
    key="takedown_notice", model="protection.TakedownNotice", label=_("删除通知"), states=NOTICE_STATES,
    actions=NOTICE_ACTIONS,
    agencies={"subject": lambda n: n.platform, "platform": lambda n: n.platform,
              "right_holder": lambda n: n.right_holder, "centre": lambda n: n.centre},
    officers=lambda n: [], url=lambda n: reverse("protection:notice", args=[n.pk]),
    facts="ipenforce.protection.selectors.notice_facts",
    effects="ipenforce.protection.effects.NOTICE_EFFECTS",
    subjects="ipenforce.protection.selectors.notice_detail",
    tasks="ipenforce.protection.workflow.notice_tasks",
)


# ---- patent-infringement dispute adjudication (C-32…C-42) ---------------------------------------------------

OFFICERS = Actor("officers", Role.CASE_OFFICER)
HEAD = Actor("agency_head", Role.AGENCY_HEAD)
CLOSING, DEFENCE, SUIT = ("protection.adjudication_closing", "protection.adjudication_defence",
                          "protection.adjudication_suit_window")
INVALIDATION = "invalidation"

ADJUDICATION_STATES = {
    "requested": _("已请求，待受理"), "refused": _("不予受理"), "accepted": _("已受理，待送达请求书副本"),
    "defence": _("答辩期"), "hearing": _("口头审理或调查"), "suspended": _("中止（无效宣告请求已受理）"),
    "mediated": _("已调解结案"), "decided": _("已裁决，待送达"), "served": _("已送达，起诉期间"),
    "sued": _("当事人已起诉"), "effective": _("决定已生效"), "enforcement": _("已申请法院强制执行"),
    "withdrawn": _("请求已撤回"),
}


@dataclass
class AdjudicationFacts:
    state: str
    suit_window_running: bool = False
    today: date | None = None


def suit_window_over(facts, payload):
    if facts.suit_window_running:
        return Refusal("suit_window_running", str(_("当事人自收到处理决定之日起十五日内可以起诉，期间尚未届满"
                                                    "（《专利法》第六十五条）。")))


OUTCOMES = (("infringement", _("侵权成立，责令立即停止侵权行为")), ("dismissed", _("侵权不成立，驳回请求")))
ADJUDICATION_ACTIONS = [
    Action("request", _("提出请求"), _s(""), (), "requested"),
    Action("accept", _("受理"), _s("requested"), (OFFICERS,), "accepted", clocks=(start(CLOSING, OFFICERS),)),
    Action("refuse", _("不予受理"), _s("requested"), (OFFICERS,), "refused", fields=(REASON,)),
    Action("serve_copy", _("向被请求人送达请求书副本"), _s("accepted"), (OFFICERS,), "defence",
           fields=(Field("served_on", "date", _("送达日期")),), clocks=(start(DEFENCE, OFFICERS, at="served_on"),)),
    Action("hear", _("进入口头审理或调查（已答辩或答辩期满）"), _s("defence"), (OFFICERS,), "hearing",
           fields=(Field("defence", "text", _("答辩要点（未答辩的写明）")),
                   Field("hearing", "text", _("口头审理或调查的时间、地点（写入口头审理通知书）"), required=False)),
           clocks=(stop(DEFENCE),)),
    Action("suspend", _("中止处理（无效宣告请求已受理）"), _s("defence", "hearing"), (OFFICERS,), "suspended",
           fields=(Field("invalidation", "text", _("无效宣告请求受理通知（编号、日期）")),
                   Field("from_date", "date", _("中止日期"))),
           approval=(HEAD,), clocks=(stop(DEFENCE), pause(CLOSING, INVALIDATION, at="from_date"))),
    Action("resume", _("恢复处理"), _s("suspended"), (OFFICERS,), "hearing",
           fields=(Field("until_date", "date", _("中止的最后一日")), REASON),
           clocks=(resume(CLOSING, INVALIDATION, at="until_date"),)),
    Action("extend", _("延长结案期限"), _s("accepted", "defence", "hearing"), (OFFICERS,), fields=(REASON,),
           approval=(HEAD,), clocks=(wf.extend(CLOSING),)),
    Action("mediate", _("调解结案（制作调解书）"), _s("hearing"), (OFFICERS,), "mediated",
           fields=(Field("decision", "text", _("调解书内容")),), clocks=(stop(CLOSING),)),
    Action("decide", _("作出处理决定"), _s("hearing"), (OFFICERS,), "decided",
           fields=(Field("outcome", "choice", _("裁决结果"), choices=OUTCOMES),
                   Field("decision", "text", _("处理决定"))),
           approval=(HEAD,), clocks=(stop(CLOSING),)),
    Action("serve_decision", _("送达处理决定"), _s("decided"), (OFFICERS,), "served",
           fields=(Field("served_on", "date", _("当事人收到日期")),), clocks=(start(SUIT, OFFICERS, at="served_on"),)),
    Action("record_suit", _("当事人已起诉"), _s("served"), (OFFICERS,), "sued",
           fields=(Field("court", "text", _("受理的人民法院")),), clocks=(stop(SUIT),)),
    Action("take_effect", _("起诉期满，决定生效"), _s("served"), (OFFICERS,), "effective", guards=(suit_window_over,),
           clocks=(stop(SUIT),)),
    Action("apply_enforcement", _("申请人民法院强制执行（不起诉又不停止侵权）"), _s("effective"), (OFFICERS,),
           "enforcement", fields=(Field("court", "text", _("人民法院")),), approval=(HEAD,)),
    Action("withdraw", _("撤回请求"), _s("requested", "accepted", "defence", "hearing", "suspended"), (OFFICERS,),
           "withdrawn", fields=(REASON,), clocks=(stop(CLOSING), stop(DEFENCE))),
]


ADJUDICATION = wf.Procedure(
    key="adjudication", model="protection.Adjudication", label=_("行政裁决"), states=ADJUDICATION_STATES,
    actions=ADJUDICATION_ACTIONS, agencies={"subject": lambda a: a.bureau},
    officers=lambda a: [], url=lambda a: reverse("protection:adjudication", args=[a.pk]),
    facts="ipenforce.protection.selectors.adjudication_facts",
    effects="ipenforce.protection.effects.ADJUDICATION_EFFECTS",
    subjects="ipenforce.protection.selectors.adjudication_detail",
)


# ---- mediation (行政调解 and 诉调对接, §E) -----------------------------------------------------------------

MEDIATOR = Actor("mediator", Role.CENTRE_STAFF, at="organisation")
COURT = Actor("court", Role.COURT_LIAISON, at="court")
MEDIATION_PERIOD = {"administrative": "protection.mediation_administrative",
                    "assigned": "protection.mediation_assigned",
                    "entrusted_ordinary": "protection.mediation_entrusted_ordinary",
                    "entrusted_simple": "protection.mediation_entrusted_simple"}
CONFIRMATION = "protection.judicial_confirmation"
ONLINE_DESIGNATION, ONLINE_ACCEPTANCE = "protection.online_designation", "protection.online_acceptance"
PERIODS = tuple(MEDIATION_PERIOD.values())

MEDIATION_STATES = {
    "designated": _("法院已在线指定，待确认接受"), "declined": _("已说明理由不接受指定，待法院另行指定"),
    "received": _("已签收材料，待指定调解员"), "mediating": _("调解中"), "agreed": _("已达成调解协议"),
    "failed": _("调解不成，已终止"), "reported": _("已向法院报告"), "confirmed": _("已司法确认"),
    "closed": _("已结案"),
}


@dataclass
class MediationFacts:
    state: str
    kind: str = "administrative"
    has_court: bool = False
    roster: list[str] = field(default_factory=list)  # the organisation's active mediators (E-01, E-03)


def roster_names(text: str) -> list[str]:
    """The mediators named in a designation: names separated by 、，, ; or spaces."""
    return [n.strip() for n in re.split(r"[、，,;；\s]+", text or "") if n.strip()]


def on_roster(facts, payload):
    """With a roster on file, the mediators are chosen from it (E-03)."""
    if not facts.roster:
        return None
    names = roster_names(payload.get("mediators"))
    unknown = [n for n in names if n not in facts.roster]
    if not names or unknown:
        return Refusal("mediator_not_on_roster", str(_("调解员应从本组织的调解员名册中选定：%(names)s不在册。"))
                       % {"names": "、".join(unknown) or "—"}, "mediators")


def court_docked(facts, payload):
    if not facts.has_court:
        return Refusal("no_court", str(_("本调解不是法院委派或委托的，无需向法院报告。")))


def _period(kind: str):
    return lambda facts, payload: facts.kind == kind


def _assigned_or_administrative(facts, payload) -> bool:
    return facts.kind in ("assigned", "administrative")  # a 委托 agreement goes to the court for a 调解书 instead


PERIOD_STARTS = tuple(start(rule, MEDIATOR, at="received_on", when=_period(kind))
                      for kind, rule in MEDIATION_PERIOD.items())
MEDIATION_ACTIONS = [
    Action("receive", _("签收材料（调解期限起算）"), _s(""), (), "received",
           fields=(Field("received_on", "date", _("签收日期")),), clocks=PERIOD_STARTS),
    # 人民法院在线调解 (E-09): the court designates within 3 working days of the application; the organisation
    # confirms within 3 working days of the designation, or declines with reasons; the period runs from the
    # confirmation (E-12).
    Action("designated_online", _("法院在线指定（登记）"), _s(""), (), "designated",
           fields=(Field("applied_on", "date", _("当事人申请指定日期")),
                   Field("designated_on", "date", _("法院在线指定日期"))),
           clocks=(start(ONLINE_DESIGNATION, COURT, at="applied_on"), stop(ONLINE_DESIGNATION, at="designated_on"),
                   start(ONLINE_ACCEPTANCE, MEDIATOR, at="designated_on"))),
    Action("accept_designation", _("确认接受指定并签收材料（调解期限起算）"), _s("designated"), (MEDIATOR,), "received",
           fields=(Field("received_on", "date", _("确认接受日期")),),
           clocks=(stop(ONLINE_ACCEPTANCE, at="received_on"), *PERIOD_STARTS)),
    Action("decline_designation", _("不接受指定（说明理由）"), _s("designated"), (MEDIATOR,), "declined",
           fields=(REASON,), clocks=(stop(ONLINE_ACCEPTANCE),)),
    Action("designate", _("选定或指定调解员"), _s("received"), (MEDIATOR,), "mediating",
           fields=(Field("mediators", "text", _("调解员（从调解员名册中选定，多名以顿号分隔）")),),
           guards=(on_roster,)),
    Action("session", _("记录调解过程"), _s("mediating"), (MEDIATOR,),
           fields=(Field("notes", "text", _("调解笔录要点")),)),
    Action("extend", _("经双方同意延长调解期限"), _s("received", "mediating"), (MEDIATOR,),
           fields=(Field("until", "date", _("延长至")), Field("consent", "text", _("双方当事人同意的记录"))),
           clocks=tuple(wf.extend(rule, at="until") for rule in PERIODS)),
    Action("agree", _("达成调解协议"), _s("mediating"), (MEDIATOR,), "agreed",
           fields=(Field("agreement", "text", _("调解协议内容")), Field("agreement_on", "date", _("协议生效日期"))),
           clocks=(*(stop(rule, at="agreement_on") for rule in PERIODS),
                   start(CONFIRMATION, MEDIATOR, at="agreement_on", when=_assigned_or_administrative))),
    Action("fail", _("终止调解"), _s("received", "mediating"), (MEDIATOR,), "failed", fields=(REASON,),
           clocks=tuple(stop(rule) for rule in PERIODS)),
    Action("report_to_court", _("向法院提交协议或书面报告"), _s("agreed", "failed"), (MEDIATOR,), "reported",
           guards=(court_docked,), fields=(Field("report", "text", _("报告内容")),)),
    Action("confirm", _("司法确认（人民法院）"), _s("agreed", "reported"), (COURT,), "confirmed",
           fields=(Field("ruling", "text", _("确认裁定书文号")),), clocks=(stop(CONFIRMATION),)),
    Action("close", _("结案"), _s("agreed", "failed", "reported"), (MEDIATOR,), "closed",
           clocks=(stop(CONFIRMATION),)),
]


def mediation_tasks(mediation) -> list[Task]:
    if mediation.state == "designated":
        return [Task("mediation.accept", _("法院在线指定，待确认是否接受（三个工作日内）"), MEDIATOR)]
    if mediation.state == "declined":
        return [Task("mediation.reassign", _("调解组织不接受指定，待另行指定"), COURT)]
    if mediation.state == "reported" and mediation.court_id:
        return [Task("mediation.court", _("调解结果已报告，待人民法院处理"), COURT)]
    return []


MEDIATION = wf.Procedure(
    key="mediation", model="protection.Mediation", label=_("调解"), states=MEDIATION_STATES,
    actions=MEDIATION_ACTIONS,
    agencies={"subject": lambda m: m.organisation, "organisation": lambda m: m.organisation,
              "court": lambda m: m.court},
    officers=lambda m: [], url=lambda m: reverse("protection:mediation", args=[m.pk]),
    facts="ipenforce.protection.selectors.mediation_facts",
    effects="ipenforce.protection.effects.MEDIATION_EFFECTS",
    subjects="ipenforce.protection.selectors.mediation_detail",
    tasks="ipenforce.protection.workflow.mediation_tasks",
)


# ---- self-registration of outside organisations -----------------------------------------------------------
# A rights holder or a platform applies on a public page; the centre checks its identity and approves (the
# organisation and its active account are created) or refuses with a reason. No account exists before approval.

REGISTRATION_STATES = {"pending": _("待保护中心核验身份"), "approved": _("已核验通过，账号已开通"),
                       "refused": _("未通过核验")}

REGISTRATION = wf.Procedure(
    key="registration", model="protection.Registration", label=_("单位注册申请"), states=REGISTRATION_STATES,
    actions=[
        Action("approve", _("核验通过并开通账号"), _s("pending"), (CENTRE,), "approved"),
        Action("refuse", _("不予通过"), _s("pending"), (CENTRE,), "refused", fields=(REASON,)),
    ],
    agencies={"subject": lambda r: r.centre, "centre": lambda r: r.centre},
    officers=lambda r: [], url=lambda r: reverse("protection:registration", args=[r.pk]),
    facts="ipenforce.protection.selectors.registration_facts",
    effects="ipenforce.protection.effects.REGISTRATION_EFFECTS",
    subjects="ipenforce.protection.selectors.registration_detail",
    tasks="ipenforce.protection.workflow.registration_tasks",
)


def registration_tasks(registration) -> list[Task]:
    if registration.state == "pending":
        return [Task("registration.check", _("待核验单位注册申请"), CENTRE)]
    return []
