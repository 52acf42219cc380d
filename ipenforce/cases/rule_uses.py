"""Where the case procedure applies each rule beyond the clocks the engine records itself (the rules page lists
them so a legal officer can audit which action or check a rule governs)."""
from django.utils.translation import gettext as _

from ipenforce.cases import explanations
from ipenforce.cases.choices import FINE_RULE_BY_IP_TYPE, FINE_RULE_BY_OFFENCE
from ipenforce.cases.limitation import RULE, RULE_SAFETY
from ipenforce.core import rules
from ipenforce.core.identifiers import PILOT_RULE


def register() -> None:
    uses = {
        RULE: [_("案件 · 立案、当场作出处罚决定：超过追责时效的予以拒绝"),
               _("案源页面：自登记起提示是否超过追责时效")],
        RULE_SAFETY: [_("案件 · 立案、当场作出处罚决定：涉及生命健康安全、金融安全的按五年判断")],
        "simple_procedure.max_fine": [_("案件 · 当场作出处罚决定：罚款上限")],
        "hearing.fine_threshold": [_("案件 · 送达行政处罚告知书：是否告知听证权利")],
        "legal_review.fine_threshold": [_("案件 · 作出决定：按本单位采用的地方目录确定须法制审核的罚款数额")],
        "late_payment.surcharge": [_("案件 · 缴款：计算加处罚款")],
        "simple_procedure.local_exclusions": [
            _("案件 · 繁简分流、当场作出处罚决定：采用本规则的单位，已登记违法经营额或违法所得的不适用简易程序")],
        "simple_procedure.decision_form": [_("案件 · 当场作出处罚决定：编号的决定书（文书）当场交付")],
        "admin.collective_discussion": [
            _("案件 · 作出决定：情节复杂或重大的须经负责人集体讨论")],
        "admin.decision_further_extension": [
            _("案件 · 集体讨论继续延长办案期限：须先延长三十日")],
        "admin.hearing_notice": [_("案件 · 通知听证：须提前七个工作日")],
        explanations.INNOCENT_SELLER: [
            _("案件 · 调查终结、作出决定、当场处罚：善意销售者不得罚款"),
            _("案件页面：商标侵权案件在“善意销售者”事实旁显示")],
        PILOT_RULE: [_("案件 · 登记案源、添加当事人：福建（35开头）统一社会信用代码仅校验位不符的，保存并提示核对")],
        explanations.TURNOVER_FACTORS: [_("案件页面、案件API：商标案件录入违法经营额处显示计算因素")],
        explanations.MEDIATION: [_("案件页面、案件API：商标侵权案件作出决定时显示可调解赔偿数额")],
        explanations.PATENT_ACTS: [_("案件页面、案件API：专利案件选择违法行为类别处显示假冒专利的行为")],
        explanations.PATENT_POWERS: [_("案件页面、案件API：专利案件调查、查封扣押处显示查处职权")],
    }
    for key in {*FINE_RULE_BY_IP_TYPE.values(), *(rule for rule, _ip_type in FINE_RULE_BY_OFFENCE.values())}:
        uses.setdefault(key, []).append(_("案件 · 调查终结、作出决定：罚款法定幅度"))
        if rules.get_rule(key).versions[-1].serious is not None:
            uses[key].append(_("案件 · 记录“情节严重”的：按情节严重的罚款幅度"))
    for rule in rules.all_rules():
        if isinstance(rule, rules.CriminalThresholdRule):
            uses.setdefault(rule.key, []).append(_("案件 · 涉嫌犯罪提示：达到标准的提示移送公安机关并生成负责人待办"))
            if any(not version.tiers for version in rule.versions):
                uses[rule.key].append(_("案件 · 涉嫌犯罪提示：数额未给出（⚠）的版本提示需人工研判"))
    for key, places in uses.items():
        for where in places:
            rules.register_use(key, where)
