"""The hand-over and the criminal process as data (legal-rules.md §2.2 L2–L19, states §2.5): who acts at each
step (the bureau, the police, the procuratorate or the court of the transfer), what they enter, which time
limits start and stop."""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ipenforce.cases.workflow import Field, Refusal
from ipenforce.orgs.choices import Role

BUREAU, POLICE, PROCURATORATE, COURT = "bureau", "police", "procuratorate", "court"
ROLE_OF_OWNER = {BUREAU: Role.CASE_OFFICER, POLICE: Role.POLICE_LIAISON, PROCURATORATE: Role.PROCURATORATE_LIAISON,
                 COURT: Role.COURT_LIAISON}

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


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    owner: str  # whose user acts: bureau / police / procuratorate / court, or "holder" (police, procuratorate, court)
    from_states: frozenset[str]
    to_state: str | None
    fields: tuple[Field, ...] = ()
    starts: tuple[tuple[str, str], ...] = ()  # (rule, owner)
    stops: tuple[str, ...] = ()
    head_only: bool = False  # the bureau's agency head, not its officers


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

STEPS: dict[str, Step] = {s.key: s for s in [
    Step("approve", _("批准移送"), BUREAU, _s("proposed"), "approved", (Field("comment", "text", _("意见"), required=False),),
         starts=(("linkage.transfer_send", BUREAU),), stops=("linkage.transfer_approval",), head_only=True),
    Step("refuse", _("不批准移送"), BUREAU, _s("proposed"), "refused", (REASON,), stops=("linkage.transfer_approval",),
         head_only=True),
    Step("send", _("移送公安机关"), BUREAU, _s("approved"), "sent",
         (Field("police_id", "agency", _("同级公安机关")), *PACKAGE),
         starts=(("linkage.police_receipt", POLICE),), stops=("linkage.transfer_send",)),
    Step("acknowledge", _("签收回执"), POLICE, _s("sent"), "received",
         starts=(("linkage.police_filing_decision", POLICE),), stops=("linkage.police_receipt",)),
    Step("forward", _("转送有管辖权的机关"), POLICE, _s("sent", "received"), "sent",
         (Field("police_id", "agency", _("有管辖权的公安机关")), REASON),
         starts=(("linkage.police_receipt", POLICE),), stops=("linkage.police_receipt", "linkage.police_filing_decision")),
    Step("extend_filing_review", _("按经济犯罪案件延长立案审查期限"), POLICE, _s("received"), None,
         (Field("level", "choice", _("期限"), choices=(("linkage.police_filing_decision_economic", _("最迟十日")),
                                                     ("linkage.police_filing_decision_major", _("重大复杂：三十日")))),
          Field("approver", "text", _("批准人"))),
         stops=("linkage.police_filing_decision",)),
    Step("extend_filing_review_further", _("再延长立案审查期限三十日"), POLICE, _s("received"), None,
         (Field("approver", "text", _("上一级公安机关批准人")),)),
    Step("extend_prosecution_review", _("延长审查起诉期限十五日"), PROCURATORATE, _s("prosecution_review"), None,
         (REASON,)),
    Step("request_supplement", _("通知补正材料"), POLICE, _s("received"), "supplementing",
         (Field("missing", "text", _("需补正的材料")),), starts=(("linkage.bureau_supplement", BUREAU),)),
    Step("supplement", _("补正材料"), BUREAU, _s("supplementing"), "received",
         (Field("materials", "text", _("补正的材料")),), stops=("linkage.bureau_supplement",)),
    Step("file", _("立案"), POLICE, _s("received", "reconsidering", "filing_notified"), "filed",
         (Field("filed_on", "date", _("立案日期")),),
         starts=(("linkage.goods_handover", BUREAU),),
         stops=("linkage.police_filing_decision", "linkage.police_filing_decision_economic",
                "linkage.police_filing_decision_major", "linkage.reconsideration_decision", "linkage.police_file_on_notice")),
    Step("not_file", _("不予立案"), POLICE, _s("received"), "not_filed", (REASON,),
         starts=(("linkage.reconsideration_request", BUREAU),),
         stops=("linkage.police_filing_decision", "linkage.police_filing_decision_economic",
                "linkage.police_filing_decision_major")),
    Step("request_reconsideration", _("提请复议"), BUREAU, _s("not_filed"), "reconsidering", (REASON,),
         starts=(("linkage.reconsideration_decision", POLICE),), stops=("linkage.reconsideration_request",)),
    Step("uphold", _("复议维持不予立案"), POLICE, _s("reconsidering"), "upheld", (REASON,),
         starts=(("linkage.supervision_suggestion", BUREAU),), stops=("linkage.reconsideration_decision",)),
    Step("suggest_supervision", _("建议检察院立案监督"), BUREAU, _s("not_filed", "upheld"), "supervision", (REASON,),
         stops=("linkage.reconsideration_request", "linkage.supervision_suggestion")),
    Step("request_reasons", _("要求公安说明不立案理由"), PROCURATORATE, _s("supervision"), "reasons_requested",
         starts=(("linkage.police_explain_nonfiling", POLICE),)),
    Step("explain", _("说明不立案理由"), POLICE, _s("reasons_requested"), "explained", (REASON,),
         stops=("linkage.police_explain_nonfiling",)),
    Step("notify_filing", _("通知公安立案"), PROCURATORATE, _s("explained"), "filing_notified", (REASON,),
         starts=(("linkage.police_file_on_notice", POLICE),)),
    Step("accept_reasons", _("认为不立案理由成立"), PROCURATORATE, _s("explained"), "closed_not_filed", (REASON,)),
    Step("handover_goods", _("移交涉案物品及材料"), BUREAU, AFTER_FILING, None,
         (Field("goods", "text", _("移交的物品及材料")),), stops=("linkage.goods_handover",)),
    Step("request_arrest", _("提请批准逮捕"), POLICE, _s("filed"), "arrest_requested",
         starts=(("linkage.arrest_decision", PROCURATORATE),)),
    Step("approve_arrest", _("批准逮捕"), PROCURATORATE, _s("arrest_requested"), "arrested",
         starts=(("linkage.investigative_custody", POLICE),), stops=("linkage.arrest_decision",)),
    Step("refuse_arrest", _("不批准逮捕"), PROCURATORATE, _s("arrest_requested"), "arrest_refused", (REASON,),
         stops=("linkage.arrest_decision",)),
    Step("transfer_prosecution", _("移送审查起诉"), POLICE, _s("filed", "arrested", "arrest_refused"), "prosecution_review",
         starts=(("linkage.prosecution_review", PROCURATORATE),), stops=("linkage.investigative_custody",)),
    Step("indict", _("提起公诉"), PROCURATORATE, _s("prosecution_review"), "indicted",
         (Field("court_id", "agency", _("人民法院")),), starts=(("linkage.first_instance", COURT),),
         stops=("linkage.prosecution_review",)),
    Step("not_prosecute", _("不起诉"), PROCURATORATE, _s("prosecution_review"), "not_prosecuted", (REASON,),
         stops=("linkage.prosecution_review",)),
    Step("judge", _("一审判决"), COURT, _s("indicted"), "judged",
         (Field("verdict", "text", _("判决结果")), Field("criminal_fine", "money", _("判处罚金（元）"), required=False)),
         starts=(("linkage.appeal_judgment", COURT),), stops=("linkage.first_instance",)),
    Step("appeal", _("上诉或抗诉"), COURT, _s("judged"), "appealed", (REASON,), stops=("linkage.appeal_judgment",)),
    Step("effective", _("判决生效"), COURT, _s("judged", "appealed"), "effective",
         (Field("verdict", "text", _("生效判决")), Field("criminal_fine", "money", _("判处罚金（元）"), required=False)),
         stops=("linkage.appeal_judgment",)),
    Step("return_for_admin", _("退回行政机关处理（反向衔接）"), "holder",
         _s("not_filed", "upheld", "closed_not_filed", "not_prosecuted"), "returned", (REASON,),
         stops=("linkage.reconsideration_request", "linkage.supervision_suggestion")),
]}


def check(step: Step, facts: dict, payload: dict) -> Refusal | None:
    """Guards beyond the state: the package must be complete before sending; the appeal period must be over
    before a first-instance judgment takes effect without appeal."""
    if facts["state"] not in step.from_states:
        return Refusal("wrong_state", str(_("移送当前状态下不能办理“%(step)s”。")) % {"step": step.label})
    if step.key == "send":
        if not facts["letter_generated"]:
            return Refusal("letter_missing", str(_("请先在文书中制作《涉嫌犯罪案件移送书》。")), "letter")
        missing = [str(f.label) for f in PACKAGE[:3] if not payload.get(f.name)]
        if not payload.get("test_reports") and not (payload.get("no_test_reason") or "").strip():
            missing.append(str(PACKAGE[3].label))
        if missing:
            return Refusal("package_incomplete", str(_("移送材料不全：%(items)s（《行政执法机关移送涉嫌犯罪案件的规定》第六条）。"))
                           % {"items": "、".join(missing)}, "package")
    if step.key == "effective" and facts["state"] == "judged" and facts["appeal_running"]:
        return Refusal("appeal_period_running", str(_("上诉、抗诉期限尚未届满。")))
    if step.key == "extend_filing_review" and facts["filing_review_extended"]:
        return Refusal("filing_review_extended", str(_("立案审查期限已按经济犯罪案件延长。")))
    if step.key == "extend_filing_review_further" and not facts["major_review_extendable"]:
        return Refusal("no_further_extension", str(_("只有重大、复杂案件在三十日期限内可再延长一次。")))
    if step.key == "extend_prosecution_review" and not facts["prosecution_extendable"]:
        return Refusal("prosecution_review_extended", str(_("审查起诉期限已延长过。")))
    if step.key == "handover_goods" and facts["goods_handed_over"]:
        return Refusal("goods_already_handed_over", str(_("涉案物品已移交。")))
    return None
