"""Where the transfer procedure applies the rules of legal-rules.md §2.2 that have no number (its clocks the engine
records itself); listed on the rules page."""
from django.utils.translation import gettext_lazy as _

from ipenforce.core import rules

USES = {
    "linkage.immediate_report": ("propose_transfer", _("案件 · 提出移送涉嫌犯罪案件：书面报告交机关负责人审批")),
    "linkage.reasonable_suspicion": ("propose_transfer", _("案件 · 涉嫌犯罪提示与提出移送：达到合理怀疑即应移送")),
    "linkage.police_not_competent": ("forward", _("移送 · 转送有管辖权的机关：书面通知并说明理由")),
    "linkage.supervision_result_notice": ("notify_filing",
                                          _("移送 · 通知公安立案／认为不立案理由成立：结果告知移送机关")),
    "linkage.reverse_transfer": ("return_for_admin", _("移送 · 退回行政机关处理（反向衔接）：案件恢复办理")),
    "linkage.fine_offset": ("judge", _("移送 · 一审判决：已缴罚款折抵罚金")),
    "crime.fines": ("judge", _("移送 · 一审判决：与判处的罚金一并显示法定依据，超出一般幅度的提示核对")),
}


def register() -> None:
    for key, (_action, where) in USES.items():
        rules.register_use(key, where)
