"""The hand-over of a suspected crime to the police and the criminal process after it, declared on the workflow
engine (legal-rules.md §2.2 L2–L19, states §2.5): who acts at each step (the bureau's head or the case's
officers, the police, the procuratorate or the court of the transfer), what they enter, which time limits start
and stop, and the guards (a complete package, same-level police, the appeal period over)."""
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.workflow import AGENCY_HEAD, OFFICERS
from ipenforce.orgs.choices import Role
from ipenforce.workflow import definitions as wf
from ipenforce.workflow.definitions import Action, Actor, Field, Refusal, Task, start, stop

POLICE = Actor("police", Role.POLICE_LIAISON, at="police")
PROCURATORATE = Actor("procuratorate", Role.PROCURATORATE_LIAISON, at="procuratorate")
COURT = Actor("court", Role.COURT_LIAISON, at="court")
HOLDERS = (POLICE, PROCURATORATE, COURT)  # whoever holds the case may send it back (反向衔接)

STATES = {
    "proposed": _("拟移送（待负责人审批）"), "approved": _("已批准移送"), "refused": _("不批准移送"),
    "sent": _("已移送（待回执）"), "received": _("公安已接受"), "supplementing": _("补正材料中"),
    "filed": _("公安已立案"), "not_filed": _("公安不予立案"), "reconsidering": _("提请复议中"),
    "upheld": _("复议维持不予立案"), "supervision": _("建议立案监督"), "reasons_requested": _("检察院要求说明理由"),
    "explained": _("公安已说明理由"), "filing_notified": _("检察院通知立案"), "closed_not_filed": _("不立案理由成立"),
    "arrest_requested": _("提请批准逮捕"), "arrested": _("已批准逮捕"), "arrest_refused": _("不批准逮捕"),
    "prosecution_review": _("审查起诉中"), "indicted": _("已提起公诉"), "not_prosecuted": _("不起诉"),
    "judged": _("一审已判决"), "appealed": _("上诉或抗诉中"), "effective": _("判决已生效"),
    "returned": _("已退回行政机关处理"),
}
ENDED = frozenset({"refused", "effective", "returned", "closed_not_filed", "not_prosecuted"})
# Who must act next in each state (the work item when no time limit of theirs is running).
AWAITING = {
    "proposed": AGENCY_HEAD, "approved": OFFICERS, "sent": POLICE, "received": POLICE, "supplementing": OFFICERS,
    "filed": POLICE, "not_filed": OFFICERS, "reconsidering": POLICE, "upheld": OFFICERS,
    "supervision": PROCURATORATE, "reasons_requested": POLICE, "explained": PROCURATORATE,
    "filing_notified": POLICE, "arrest_requested": PROCURATORATE, "arrested": POLICE, "arrest_refused": POLICE,
    "prosecution_review": PROCURATORATE, "indicted": COURT, "judged": COURT, "appealed": COURT,
}
PARTY_OF_ACTOR = {OFFICERS.key: "bureau", AGENCY_HEAD.key: "bureau", POLICE.key: "police",
                  PROCURATORATE.key: "procuratorate", COURT.key: "court"}

APPROVAL, SEND, RECEIPT = "linkage.transfer_approval", "linkage.transfer_send", "linkage.police_receipt"
FILING, ECONOMIC, MAJOR = ("linkage.police_filing_decision", "linkage.police_filing_decision_economic",
                           "linkage.police_filing_decision_major")
FILING_LIMITS = (FILING, ECONOMIC, MAJOR)
RECONSIDERATION_REQUEST, RECONSIDERATION = "linkage.reconsideration_request", "linkage.reconsideration_decision"
SUPERVISION, EXPLAIN, FILE_ON_NOTICE = ("linkage.supervision_suggestion", "linkage.police_explain_nonfiling",
                                        "linkage.police_file_on_notice")
SUPPLEMENT, HANDOVER = "linkage.bureau_supplement", "linkage.goods_handover"
ARREST, CUSTODY, PROSECUTION = "linkage.arrest_decision", "linkage.investigative_custody", "linkage.prosecution_review"
FIRST_INSTANCE, APPEAL = "linkage.first_instance", "linkage.appeal_judgment"


@dataclass
class Facts:
    state: str
    letter_generated: bool = False
    appeal_running: bool = False
    goods_handed_over: bool = False
    filing_review_extended: bool = False
    major_review_extendable: bool = False
    prosecution_extendable: bool = False
    bureau_region: str = ""
    chosen: dict | None = None  # payload field → the agency it names, if that agency exists and is active


# ---- guards -----------------------------------------------------------------------------------------------

def _s(*names):
    return frozenset(names)


REASON = Field("reason", "text", _("理由"))
PACKAGE = (
    Field("letter", "bool", _("涉嫌犯罪案件移送书（已制作）"), required=False),
    Field("report", "bool", _("涉嫌犯罪案件情况的调查报告"), required=False),
    Field("goods_list", "bool", _("涉案物品清单"), required=False),
    Field("test_reports", "bool", _("有关检验报告或者鉴定意见"), required=False),
    Field("no_test_reason", "text", _("无检验报告或鉴定意见的说明"), required=False),
    Field("other", "text", _("其他有关涉嫌犯罪的材料"), required=False),
)
AFTER_FILING = _s("filed", "arrest_requested", "arrested", "arrest_refused", "prosecution_review", "indicted",
                  "judged", "appealed", "effective")


def agency_named(field_name: str, kind: str):
    def guard(facts, payload):
        agency = (facts.chosen or {}).get(field_name)
        if agency is None or agency.kind != kind:
            return Refusal("unknown_agency", str(_("所选单位不存在或类型不符。")), field_name)
    return guard


def police_same_level(facts, payload):
    police = (facts.chosen or {}).get("police_id")
    if police is not None and police.region_code != facts.bureau_region:
        return Refusal("police_not_same_level",
                       str(_("应当移送同级公安机关（《行政执法机关移送涉嫌犯罪案件的规定》第五条）。")), "police_id")


def letter_made(facts, payload):
    if not facts.letter_generated:
        return Refusal("letter_missing", str(_("请先在文书中制作《涉嫌犯罪案件移送书》。")), "letter")


def package_complete(facts, payload):
    missing = [str(f.label) for f in PACKAGE[:3] if not payload.get(f.name)]
    if not payload.get("test_reports") and not (payload.get("no_test_reason") or "").strip():
        missing.append(str(PACKAGE[3].label))
    if missing:
        return Refusal("package_incomplete",
                       str(_("移送材料不全：%(items)s（《行政执法机关移送涉嫌犯罪案件的规定》第六条）。"))
                       % {"items": "、".join(missing)}, "package")


def appeal_period_over(facts, payload):
    if facts.state == "judged" and facts.appeal_running:
        return Refusal("appeal_period_running", str(_("上诉、抗诉期限尚未届满。")))


def filing_review_not_extended(facts, payload):
    if facts.filing_review_extended:
        return Refusal("filing_review_extended", str(_("立案审查期限已按经济犯罪案件延长。")))


def major_review_extendable(facts, payload):
    if not facts.major_review_extendable:
        return Refusal("no_further_extension", str(_("只有重大、复杂案件在三十日期限内可再延长一次。")))


def prosecution_extendable(facts, payload):
    if not facts.prosecution_extendable:
        return Refusal("prosecution_review_extended", str(_("审查起诉期限已延长过。")))


def goods_not_handed_over(facts, payload):
    if facts.goods_handed_over:
        return Refusal("goods_already_handed_over", str(_("涉案物品已移交。")))


# ---- the actions ------------------------------------------------------------------------------------------

POLICE_KIND, COURT_KIND = "police", "court"
FILING_STOPS = tuple(stop(rule) for rule in FILING_LIMITS)

ACTIONS = [
    # Opened from the case: the officers' written report (L1), or a decision to transfer already approved.
    Action("propose", _("提出移送"), _s(""), (), "proposed", clocks=(start(APPROVAL, AGENCY_HEAD),)),
    Action("propose_decided", _("经处理决定批准移送"), _s(""), (), "approved", clocks=(start(SEND, OFFICERS),)),
    Action("approve", _("批准移送"), _s("proposed"), (AGENCY_HEAD,), "approved",
           fields=(Field("comment", "text", _("意见"), required=False),),
           clocks=(stop(APPROVAL), start(SEND, OFFICERS))),
    Action("refuse", _("不批准移送"), _s("proposed"), (AGENCY_HEAD,), "refused", fields=(REASON,),
           clocks=(stop(APPROVAL),)),
    Action("send", _("移送公安机关"), _s("approved"), (OFFICERS,), "sent",
           fields=(Field("police_id", "agency", _("同级公安机关")), *PACKAGE),
           guards=(letter_made, package_complete, agency_named("police_id", POLICE_KIND), police_same_level),
           clocks=(stop(SEND), start(RECEIPT, POLICE)), documents=("crime_transfer",)),
    Action("acknowledge", _("签收回执"), _s("sent"), (POLICE,), "received",
           clocks=(stop(RECEIPT), start(FILING, POLICE))),
    Action("forward", _("转送有管辖权的机关"), _s("sent", "received"), (POLICE,), "sent",
           fields=(Field("police_id", "agency", _("有管辖权的公安机关")), REASON),
           guards=(agency_named("police_id", POLICE_KIND),),
           clocks=(stop(RECEIPT), stop(FILING), start(RECEIPT, POLICE))),
    Action("extend_filing_review", _("按经济犯罪案件延长立案审查期限"), _s("received"), (POLICE,),
           fields=(Field("level", "choice", _("期限"),
                         choices=((ECONOMIC, _("最迟十日")), (MAJOR, _("重大复杂：三十日")))),
                   Field("approver", "text", _("批准人"))),
           guards=(filing_review_not_extended,), clocks=(stop(FILING),)),
    Action("extend_filing_review_further", _("再延长立案审查期限三十日"), _s("received"), (POLICE,),
           fields=(Field("approver", "text", _("上一级公安机关批准人")),), guards=(major_review_extendable,),
           clocks=(wf.extend(MAJOR),)),
    Action("extend_prosecution_review", _("延长审查起诉期限十五日"), _s("prosecution_review"), (PROCURATORATE,),
           fields=(REASON,), guards=(prosecution_extendable,), clocks=(wf.extend(PROSECUTION),)),
    Action("request_supplement", _("通知补正材料"), _s("received"), (POLICE,), "supplementing",
           fields=(Field("missing", "text", _("需补正的材料")),), clocks=(start(SUPPLEMENT, OFFICERS),)),
    Action("supplement", _("补正材料"), _s("supplementing"), (OFFICERS,), "received",
           fields=(Field("materials", "text", _("补正的材料")),), clocks=(stop(SUPPLEMENT),)),
    Action("file", _("立案"), _s("received", "reconsidering", "filing_notified"), (POLICE,), "filed",
           fields=(Field("filed_on", "date", _("立案日期")),),
           clocks=(*FILING_STOPS, stop(RECONSIDERATION), stop(FILE_ON_NOTICE), start(HANDOVER, OFFICERS))),
    Action("not_file", _("不予立案"), _s("received"), (POLICE,), "not_filed", fields=(REASON,),
           clocks=(*FILING_STOPS, start(RECONSIDERATION_REQUEST, OFFICERS))),
    Action("request_reconsideration", _("提请复议"), _s("not_filed"), (OFFICERS,), "reconsidering", fields=(REASON,),
           clocks=(stop(RECONSIDERATION_REQUEST), start(RECONSIDERATION, POLICE))),
    Action("uphold", _("复议维持不予立案"), _s("reconsidering"), (POLICE,), "upheld", fields=(REASON,),
           clocks=(stop(RECONSIDERATION), start(SUPERVISION, OFFICERS))),
    Action("suggest_supervision", _("建议检察院立案监督"), _s("not_filed", "upheld"), (OFFICERS,), "supervision",
           fields=(REASON,), clocks=(stop(RECONSIDERATION_REQUEST), stop(SUPERVISION))),
    Action("request_reasons", _("要求公安说明不立案理由"), _s("supervision"), (PROCURATORATE,), "reasons_requested",
           clocks=(start(EXPLAIN, POLICE),)),
    Action("explain", _("说明不立案理由"), _s("reasons_requested"), (POLICE,), "explained", fields=(REASON,),
           clocks=(stop(EXPLAIN),)),
    Action("notify_filing", _("通知公安立案"), _s("explained"), (PROCURATORATE,), "filing_notified", fields=(REASON,),
           clocks=(start(FILE_ON_NOTICE, POLICE),)),
    Action("accept_reasons", _("认为不立案理由成立"), _s("explained"), (PROCURATORATE,), "closed_not_filed",
           fields=(REASON,)),
    Action("handover_goods", _("移交涉案物品及材料"), AFTER_FILING, (OFFICERS,),
           fields=(Field("goods", "text", _("移交的物品及材料")),), guards=(goods_not_handed_over,),
           clocks=(stop(HANDOVER),)),
    Action("request_arrest", _("提请批准逮捕"), _s("filed"), (POLICE,), "arrest_requested",
           clocks=(start(ARREST, PROCURATORATE),)),
    Action("approve_arrest", _("批准逮捕"), _s("arrest_requested"), (PROCURATORATE,), "arrested",
           clocks=(stop(ARREST), start(CUSTODY, POLICE))),
    Action("refuse_arrest", _("不批准逮捕"), _s("arrest_requested"), (PROCURATORATE,), "arrest_refused",
           fields=(REASON,), clocks=(stop(ARREST),)),
    Action("transfer_prosecution", _("移送审查起诉"), _s("filed", "arrested", "arrest_refused"), (POLICE,),
           "prosecution_review", clocks=(stop(CUSTODY), start(PROSECUTION, PROCURATORATE))),
    Action("indict", _("提起公诉"), _s("prosecution_review"), (PROCURATORATE,), "indicted",
           fields=(Field("court_id", "agency", _("人民法院")),), guards=(agency_named("court_id", COURT_KIND),),
           clocks=(stop(PROSECUTION), start(FIRST_INSTANCE, COURT))),
    Action("not_prosecute", _("不起诉"), _s("prosecution_review"), (PROCURATORATE,), "not_prosecuted",
           fields=(REASON,), clocks=(stop(PROSECUTION),)),
    Action("judge", _("一审判决"), _s("indicted"), (COURT,), "judged",
           fields=(Field("verdict", "text", _("判决结果")),
                   Field("criminal_fine", "money", _("判处罚金（元）"), required=False)),
           clocks=(stop(FIRST_INSTANCE), start(APPEAL, COURT))),
    Action("appeal", _("上诉或抗诉"), _s("judged"), (COURT,), "appealed", fields=(REASON,), clocks=(stop(APPEAL),)),
    Action("effective", _("判决生效"), _s("judged", "appealed"), (COURT,), "effective",
           fields=(Field("verdict", "text", _("生效判决")),
                   Field("criminal_fine", "money", _("判处罚金（元）"), required=False)),
           guards=(appeal_period_over,), clocks=(stop(APPEAL),)),
    Action("return_for_admin", _("退回行政机关处理（反向衔接）"),
           _s("not_filed", "upheld", "closed_not_filed", "not_prosecuted"), HOLDERS, "returned",
           fields=(REASON,), clocks=(stop(RECONSIDERATION_REQUEST), stop(SUPERVISION))),
]


def awaiting_party(state: str) -> str:
    """bureau / police / procuratorate / court: whose move it is, or "" once the transfer has ended."""
    actor = AWAITING.get(state)
    return PARTY_OF_ACTOR[actor.key] if actor else ""


def transfer_tasks(transfer) -> list[Task]:
    """The party whose move it is has a work item even where no time limit of theirs runs (e.g. the police after
    filing, until they ask for an arrest or send the case for prosecution)."""
    actor = AWAITING.get(transfer.state)
    if actor is None or any(d.owner == actor.key and d.status == "running" for d in transfer.deadlines.all()):
        return []
    return [Task("transfer.next_step", _("待办理：%(state)s") % {"state": STATES[transfer.state]}, actor)]


TRANSFER = wf.Procedure(
    key="transfer", model="linkage.Transfer", label=_("移送"), states=STATES, actions=ACTIONS,
    agencies={"subject": lambda t: t.case.agency, "police": lambda t: t.police,
              "procuratorate": lambda t: t.procuratorate, "court": lambda t: t.court},
    officers=lambda t: list(t.case.officers.all()),
    url=lambda t: reverse("linkage:detail", args=[t.pk]),
    facts="ipenforce.linkage.selectors.transfer_facts",
    effects="ipenforce.linkage.effects.EFFECTS",
    subjects="ipenforce.linkage.selectors.transfer_detail",
    tasks="ipenforce.linkage.workflow.transfer_tasks",
)
