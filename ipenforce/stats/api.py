"""API route of the period report."""
from datetime import date

from django.utils.translation import gettext as _
from ninja import Router

from ipenforce.core.errors import ValidationFailed
from ipenforce.stats.reports import period_summary
from ipenforce.stats.schemas import SummaryOut
from ipenforce.stats.selectors import report_scope

router = Router(tags=["statistics"])


@router.get("/reports/summary", response=SummaryOut,
            summary="期间统计：查处、结案、移送、罚没款及同比，附报告段落（口径见 definitions）")
def summary(request, start: date, end: date, agency: int | None = None):
    if end < start:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), code="end_before_start", field="end")
    unit, cases, transfers = report_scope(request.auth, agency)
    return {**period_summary(cases, transfers, start=start, end=end), "agency": unit.name}
