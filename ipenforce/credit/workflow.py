"""The credit procedures on the workflow engine (wave2-rules.md §D, §H rows 1, 2 and 10): the published penalty
information (publication → withdrawal on change, early stop on repair), the serious-violation listing (proposal →
notice with the penalty notice → statement → decision with the superior's consent → publicity → removal) and the
credit-repair / objection request (received → accepted → granted or refused). Guards are plain functions of the
facts; the clocks come from rules/credit_time_limits.yaml and rules/time_limits.yaml."""
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.workflow import AGENCY_HEAD, OFFICERS
from ipenforce.orgs.choices import Role
from ipenforce.workflow import definitions as wf
from ipenforce.workflow.definitions import Action, Actor, Field, Refusal, extend, start, stop

# The next higher bureau's head: [SL44] as read in D-06 requires its consent to a county/city bureau's listing.
SUPERIOR_HEAD = Actor("superior_head", Role.AGENCY_HEAD, at="superior")

WITHDRAW = "admin.publicity_withdraw"  # T14, 3 working days
PUSH_OTHER_PROVINCE = "admin.publicity_other_province"  # T15a, 10 working days from the decision
LISTING_STATEMENT, LISTING_PUBLICITY = "credit.listing_statement", "credit.listing_publicity"
REPAIR_DECISION, OBJECTION_DECISION = "credit.repair_decision", "credit.objection_decision"

REASON = Field("reason", "text", _("理由"))


def _s(*names):
    return frozenset(names)


def not_in_future(name):
    def guard(facts, payload):
        if payload.get(name) and payload[name] > facts.today:
            return Refusal("date_in_future", str(_("日期不能晚于今天。")), name)
    return guard


# ---- publication --------------------------------------------------------------------------------------------

PUBLICATION_STATES = {"published": _("公示中"), "withdrawal_due": _("决定已变更，待撤下"), "withdrawn": _("已撤下"),
                      "stopped": _("已提前停止公示")}
PERIODS = (("long", _("三年（一般）")), ("short", _("三个月（仅通报批评或较低数额罚款）")))


@dataclass
class PublicationFacts:
    state: str
    today: date
    published_on: date | None = None
    other_province: bool = False  # the party is registered in another province (T15a)
    pushed: bool = False
    decided_on: date | None = None


def after_publication_or_decision(name):
    def guard(facts, payload):
        if payload.get(name) and facts.decided_on and payload[name] < facts.decided_on:
            return Refusal("before_decision", str(_("日期不能早于作出决定日期。")), name)
    return guard


def after_publication(name):
    def guard(facts, payload):
        if payload.get(name) and facts.published_on and payload[name] < facts.published_on:
            return Refusal("before_publication", str(_("日期不能早于公示日期。")), name)
    return guard


def pushable(facts, payload):
    if not facts.other_province:
        return Refusal("not_other_province", str(_("当事人不是外省登记的企业，无需推送登记地市场监管部门。")))
    if facts.pushed:
        return Refusal("already_pushed", str(_("已推送登记地市场监管部门。")))


def _other_province(facts, payload) -> bool:
    return facts.other_province


PUBLICATION_ACTIONS = [
    Action("open", _("公示处罚信息"), _s(""), (), "published",
           fields=(Field("decided_on", "date", _("作出决定日期")),),
           clocks=(start(PUSH_OTHER_PROVINCE, OFFICERS, at="decided_on", when=_other_province),)),
    Action("push_other_province", _("推送当事人登记地市场监管部门（外省登记）"), _s("published"), (OFFICERS,),
           fields=(Field("pushed_on", "date", _("推送日期")),
                   Field("receiver", "text", _("接收推送的登记地市场监管部门"))),
           guards=(pushable, not_in_future("pushed_on"), after_publication_or_decision("pushed_on")),
           clocks=(stop(PUSH_OTHER_PROVINCE, at="pushed_on"),)),
    Action("set_period", _("确定公示期"), _s("published"), (OFFICERS,),
           fields=(Field("period", "choice", _("公示期"), choices=PERIODS), REASON)),
    Action("decision_changed", _("处罚决定被变更、撤销或确认无效"), _s("published"), (OFFICERS,), "withdrawal_due",
           fields=(Field("changed_on", "date", _("变更、撤销或确认无效之日")), REASON),
           guards=(not_in_future("changed_on"), after_publication("changed_on")),
           clocks=(start(WITHDRAW, OFFICERS, at="changed_on"),)),
    Action("withdraw", _("撤下公示信息"), _s("withdrawal_due"), (OFFICERS,), "withdrawn",
           fields=(Field("withdrawn_on", "date", _("撤下日期")),), guards=(not_in_future("withdrawn_on"),),
           clocks=(stop(WITHDRAW, at="withdrawn_on"),)),
    Action("stop_early", _("信用修复：提前停止公示"), _s("published"), (), "stopped"),
]

def publication_offers(publication, key: str) -> bool:
    return key != "push_other_province" or (publication.other_province and publication.pushed_on is None)


PUBLICATION = wf.Procedure(
    key="publication", model="credit.Publication", label=_("行政处罚信息公示"), states=PUBLICATION_STATES,
    actions=PUBLICATION_ACTIONS, agencies={"subject": lambda p: p.case.agency},
    officers=lambda p: list(p.case.officers.all()), url=lambda p: reverse("credit:publication", args=[p.pk]),
    facts="ipenforce.credit.selectors.publication_facts", effects="ipenforce.credit.effects.PUBLICATION_EFFECTS",
    subjects="ipenforce.credit.selectors.publication_detail", offers=publication_offers,
)

# ---- listing ------------------------------------------------------------------------------------------------

LISTING_STATES = {
    "proposed": _("拟列入（待告知）"), "notified": _("已告知（陈述申辩期）"), "deciding": _("待决定"),
    "listed": _("已列入"), "not_listed": _("决定不予列入"), "removed": _("已移出"),
}
LISTING_ENDED = frozenset({"not_listed", "removed"})
# D-03: the IP grounds of [SL44] art 9 read so far; D-02: what counts as a heavier penalty ([SL44] art 2 ¶2).
GROUNDS = (
    ("intentional_ip", _("故意侵犯知识产权")),
    ("abnormal_patent", _("提交非正常专利申请，损害社会公共利益")),
    ("malicious_trademark", _("恶意商标注册申请，损害社会公共利益")),
    ("ip_agency", _("从事严重违法专利、商标代理行为")),
    ("unfair_competition", _("侵犯商业秘密、商业诋毁、组织虚假交易等严重破坏公平竞争秩序")),
)
HEAVIER = (
    ("fine_heavier", _("依照裁量基准按照从重处罚原则处以罚款")),
    ("licence", _("降低资质等级，吊销许可证件、营业执照")),
    ("restriction", _("限制开展生产经营活动、责令停产停业、责令关闭、限制从业")),
    ("other", _("法律、行政法规和部门规章规定的其他较重行政处罚")),
)
EARLY_REMOVAL_CONDITIONS = (
    Field("fulfilled", "bool", _("已经自觉履行行政处罚决定中规定的义务"), required=False),
    Field("harm_removed", "bool", _("已经主动消除危害后果和不良影响"), required=False),
    Field("no_heavier_penalty", "bool", _("未再受到市场监督管理部门较重行政处罚"), required=False),
)


@dataclass
class ListingFacts:
    state: str
    today: date
    penalty_decided_on: date | None = None
    notice_served_on: date | None = None
    listed_on: date | None = None
    ends_on: date | None = None
    published: bool = False
    earliest_removal: date | None = None


def penalty_decided(facts, payload):
    """[SL44] art 13: the listing is decided together with the penalty decision, on a heavier penalty (art 2)."""
    if facts.penalty_decided_on is None:
        return Refusal("penalty_not_decided",
                       str(_("列入决定应与行政处罚决定一并作出：本案尚未作出行政处罚决定（总局令第44号第十三条）。")))
    listed_on = payload.get("listed_on")
    if listed_on and listed_on < facts.penalty_decided_on:
        return Refusal("listed_before_penalty", str(_("列入日期不能早于行政处罚决定日期。")), "listed_on")


def no_intent_excludes(facts, payload):
    if payload.get("no_intent_evidence"):
        return Refusal("no_intent", str(_("当事人有证据足以证明没有主观故意的，不列入严重违法失信名单"
                                          "（总局令第44号第十二条）。")), "no_intent_evidence")


def notice_with_penalty(facts, payload):
    if facts.notice_served_on is None:
        return Refusal("penalty_notice_missing", str(_("列入告知应与行政处罚告知一并进行：本案尚未送达行政处罚告知书"
                                                       "（总局令第44号第十三条）。")))


def not_published(facts, payload):
    if facts.published:
        return Refusal("already_published", str(_("列入信息已公示。")))


def early_removal_allowed(facts, payload):
    """D-09: listed at least a year (and not yet at its end), and all three conditions met."""
    on = payload.get("removed_on") or facts.today
    if facts.earliest_removal and on < facts.earliest_removal:
        return Refusal("listed_less_than_a_year",
                       str(_("列入未满一年，不能提前移出（最早 %(day)s，《市场监督管理信用修复管理办法》第七条）。"))
                       % {"day": facts.earliest_removal.isoformat()}, "removed_on")
    missing = [str(f.label) for f in EARLY_REMOVAL_CONDITIONS if not payload.get(f.name)]
    if missing:
        return Refusal("removal_conditions_unmet",
                       str(_("提前移出的条件未满足：%(items)s。")) % {"items": "；".join(missing)})


def period_over(facts, payload):
    if facts.ends_on is None or facts.today < facts.ends_on:
        return Refusal("listing_period_running", str(_("管理期尚未届满（%(day)s届满）。"))
                       % {"day": facts.ends_on.isoformat() if facts.ends_on else "—"})


LISTED_ON = Field("listed_on", "date", _("列入日期"))
DECIDE_FIELDS = (LISTED_ON, Field("no_intent_evidence", "bool", _("当事人有证据足以证明没有主观故意"), required=False))
DECIDE_CLOCKS = (start(LISTING_PUBLICITY, OFFICERS, at="listed_on"),)

LISTING_ACTIONS = [
    Action("propose", _("提出列入严重违法失信名单"), _s(""), (), "proposed"),
    Action("notify", _("告知拟列入（与行政处罚告知一并）"), _s("proposed"), (OFFICERS,), "notified",
           fields=(Field("served_on", "date", _("告知书送达日")),),
           guards=(notice_with_penalty, not_in_future("served_on")),
           clocks=(start(LISTING_STATEMENT, OFFICERS, at="served_on"),)),
    Action("end_statement", _("陈述申辩结束"), _s("notified"), (OFFICERS,), "deciding",
           fields=(Field("statement", "text", _("当事人陈述申辩意见（放弃的写明）")),),
           clocks=(stop(LISTING_STATEMENT),)),
    Action("decide", _("决定列入（报上一级市场监管部门同意）"), _s("deciding"), (OFFICERS,), "listed",
           approval=(AGENCY_HEAD, SUPERIOR_HEAD), fields=DECIDE_FIELDS,
           guards=(penalty_decided, no_intent_excludes, not_in_future("listed_on")), clocks=DECIDE_CLOCKS),
    Action("decide_top", _("决定列入"), _s("deciding"), (OFFICERS,), "listed", approval=(AGENCY_HEAD,),
           fields=DECIDE_FIELDS, guards=(penalty_decided, no_intent_excludes, not_in_future("listed_on")),
           clocks=DECIDE_CLOCKS),
    Action("not_list", _("决定不予列入"), _s("proposed", "notified", "deciding"), (OFFICERS,), "not_listed",
           approval=(AGENCY_HEAD,), fields=(REASON,), clocks=(stop(LISTING_STATEMENT),)),
    Action("publish", _("在国家企业信用信息公示系统公示"), _s("listed"), (OFFICERS,),
           fields=(Field("published_on", "date", _("公示日期")),),
           guards=(not_published, not_in_future("published_on")),
           clocks=(stop(LISTING_PUBLICITY, at="published_on"),)),
    Action("remove_early", _("提前移出（信用修复）"), _s("listed"), (OFFICERS,), "removed", approval=(AGENCY_HEAD,),
           fields=(Field("removed_on", "date", _("移出日期")), *EARLY_REMOVAL_CONDITIONS),
           guards=(early_removal_allowed, not_in_future("removed_on"))),
    Action("repaired", _("信用修复决定：提前移出"), _s("listed"), (), "removed"),
    Action("expire", _("管理期届满移出"), _s("listed"), (OFFICERS,), "removed", guards=(period_over,)),
]


def superior_of(listing):
    """The next higher bureau of the bureau that decides (a 所's listing is its district bureau's)."""
    agency = listing.case.agency
    bureau = agency.parent if agency.level == "office" else agency
    return bureau.parent if bureau and bureau.parent_id and bureau.parent.kind == bureau.kind else None


def listing_offers(listing, key: str) -> bool:
    if key in ("decide", "decide_top"):
        return (superior_of(listing) is not None) == (key == "decide")
    return True


LISTING = wf.Procedure(
    key="listing", model="credit.Listing", label=_("严重违法失信名单"), states=LISTING_STATES, actions=LISTING_ACTIONS,
    agencies={"subject": lambda li: li.case.agency, "superior": superior_of},
    officers=lambda li: list(li.case.officers.all()), url=lambda li: reverse("credit:listing", args=[li.pk]),
    facts="ipenforce.credit.selectors.listing_facts", effects="ipenforce.credit.effects.LISTING_EFFECTS",
    subjects="ipenforce.credit.selectors.listing_detail", offers=listing_offers,
)

# ---- repair and objections ----------------------------------------------------------------------------------

REPAIR_STATES = {"received": _("已收到申请"), "accepted": _("已受理"), "returned": _("不予受理"),
                 "granted": _("准予"), "refused": _("不予准许")}
# D-24: 信用修复申请书, 守信承诺书, proof of fulfilment and correction.
REPAIR_MATERIALS = (
    ("application", _("信用修复申请书")), ("pledge", _("守信承诺书")), ("proof", _("履行义务、纠正违法行为的相关材料")),
)
OBJECTION_MATERIALS = (("application", _("异议申请书")), ("proof", _("证明材料")),)


@dataclass
class RepairFacts:
    state: str
    today: date
    kind: str
    materials: dict = field(default_factory=dict)
    eligible_from: date | None = None  # the earliest acceptance day (minimum publicity or listing period)
    short_period: bool = False
    target_open: bool = True  # the publication is still published / the listing still listed
    party_listed: bool = False  # D-20: no early stop of publicity while on the serious list
    objection_extended: bool = False


def materials_complete(facts, payload):
    wanted = OBJECTION_MATERIALS if facts.kind == "objection" else REPAIR_MATERIALS
    missing = [str(label) for key, label in wanted if not facts.materials.get(key)]
    if missing:
        return Refusal("materials_incomplete", str(_("申请材料不全，请一次性告知补正：%(items)s。"))
                       % {"items": "、".join(missing)})


def repair_eligible(facts, payload):
    if not facts.target_open:
        return Refusal("not_published", str(_("该信息已不在公示或名单中。")))
    if facts.kind == "objection":
        return None
    if facts.kind == "publicity_stop" and facts.short_period:
        return Refusal("short_period_not_repairable",
                       str(_("公示期三个月的处罚信息不适用信用修复（《市场监督管理信用修复管理办法》第六条）。")))
    if facts.kind == "publicity_stop" and facts.party_listed:
        return Refusal("party_listed", str(_("当事人在严重违法失信名单中，不能提前停止公示（公示规定第十四条）。")))
    on = payload.get("accepted_on") or facts.today
    if facts.eligible_from and on < facts.eligible_from:
        return Refusal("too_early", str(_("尚未届满最短公示（列入）期限，%(day)s起方可申请。"))
                       % {"day": facts.eligible_from.isoformat()}, "accepted_on")


def is_objection(facts, payload):
    if facts.kind != "objection":
        return Refusal("not_an_objection", str(_("只有异议的处理期限可以延长。")))
    if facts.objection_extended:
        return Refusal("already_extended", str(_("异议处理期限已延长过。")))


def _repair(facts, payload) -> bool:
    return facts.kind != "objection"


def _objection(facts, payload) -> bool:
    return facts.kind == "objection"


DECIDED_ON = Field("decided_on", "date", _("决定日期"))
REPAIR_STOPS = (stop(REPAIR_DECISION, at="decided_on"), stop(OBJECTION_DECISION, at="decided_on"))

REPAIR_ACTIONS = [
    Action("apply", _("收到申请"), _s(""), (), "received"),
    Action("accept", _("受理"), _s("received"), (OFFICERS,), "accepted",
           fields=(Field("accepted_on", "date", _("受理日期")),),
           guards=(materials_complete, repair_eligible, not_in_future("accepted_on")),
           clocks=(start(REPAIR_DECISION, AGENCY_HEAD, at="accepted_on", when=_repair),
                   start(OBJECTION_DECISION, AGENCY_HEAD, at="accepted_on", when=_objection))),
    Action("return_application", _("不予受理"), _s("received"), (OFFICERS,), "returned", fields=(REASON,)),
    Action("extend_objection", _("延长异议处理期限"), _s("accepted"), (AGENCY_HEAD,), fields=(REASON,),
           guards=(is_objection,), clocks=(extend(OBJECTION_DECISION),)),
    Action("grant", _("准予"), _s("accepted"), (AGENCY_HEAD,), "granted", fields=(DECIDED_ON, REASON),
           guards=(not_in_future("decided_on"),), clocks=REPAIR_STOPS),
    Action("refuse", _("不予准许"), _s("accepted"), (AGENCY_HEAD,), "refused", fields=(DECIDED_ON, REASON),
           guards=(not_in_future("decided_on"),), clocks=REPAIR_STOPS),
]

REPAIR = wf.Procedure(
    key="repair", model="credit.RepairRequest", label=_("信用修复与异议"), states=REPAIR_STATES, actions=REPAIR_ACTIONS,
    agencies={"subject": lambda r: r.case.agency}, officers=lambda r: list(r.case.officers.all()),
    url=lambda r: reverse("credit:repair", args=[r.pk]),
    facts="ipenforce.credit.selectors.repair_facts", effects="ipenforce.credit.effects.REPAIR_EFFECTS",
    subjects="ipenforce.credit.selectors.repair_detail",
)
