"""Where the case procedure applies each rule beyond the clocks the engine records itself (the rules page lists
them so a legal officer can audit which action or check a rule governs)."""
from django.utils.translation import gettext as _

from ipenforce.cases.choices import FINE_RULE_BY_IP_TYPE, FINE_RULE_BY_OFFENCE
from ipenforce.cases.limitation import RULE, RULE_SAFETY
from ipenforce.core import rules


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
    }
    for key in {*FINE_RULE_BY_IP_TYPE.values(), *(rule for rule, _ip_type in FINE_RULE_BY_OFFENCE.values())}:
        uses.setdefault(key, []).append(_("案件 · 调查终结、作出决定：罚款法定幅度"))
    for rule in rules.all_rules():
        if isinstance(rule, rules.CriminalThresholdRule):
            uses.setdefault(rule.key, []).append(_("案件 · 涉嫌犯罪提示：达到标准的提示移送公安机关并生成负责人待办"))
    for key, places in uses.items():
        for where in places:
            rules.register_use(key, where)
