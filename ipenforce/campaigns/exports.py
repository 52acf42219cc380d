"""The unit reports list as an .xlsx download (see core.exports)."""
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.campaigns.choices import ReportState
from ipenforce.campaigns.selectors import is_late, report_list
from ipenforce.core.exports import ListExport, register


def _rows(user, params):
    late = {"1": True, "0": False}.get(params.get("late", ""))
    within = params.get("within", "")
    return report_list(user, state=params.get("state") or None, late=late,
                       within=int(within) if within.isdigit() else None)


register(ListExport(
    "campaign_reports", gettext_lazy("专项行动报告"),
    lambda: [_("专项行动"), _("报送单位"), _("期间起"), _("期间止"), _("报送期限"), _("状态"), _("逾期"),
             _("查处案件"), _("其中专利"), _("结案"), _("移送公安"), _("罚没款（元）")],
    _rows,
    lambda r: [r.campaign.name, r.agency.name, r.period_start, r.period_end, r.due_on,
               str(ReportState(r.state).label), _("是") if is_late(r, timezone.localdate()) else _("否"),
               r.figures.get("filed", 0), r.figures.get("patent", 0), r.figures.get("closed", 0),
               r.figures.get("transferred", 0), r.figures.get("fines", "0.00")]))
