"""API routes of the period report and the performance assessment."""
from django.utils.translation import gettext as _
from ninja import Router

from ipenforce.core.errors import NotFound, ValidationFailed
from ipenforce.core.schemas import Day, DbId
from ipenforce.stats import services
from ipenforce.stats.assessment import assessment_report
from ipenforce.stats.indicators import INDICATORS, SCORING
from ipenforce.stats.permissions import may_assess
from ipenforce.stats.reports import period_report
from ipenforce.stats.schemas import AssessmentOut, SchemeIn, SchemeOut, SummaryOut
from ipenforce.stats.selectors import scheme_for_year

router = Router(tags=["statistics"])


@router.get("/reports/summary", response=SummaryOut,
            summary="期间统计：查处、结案、移送、罚没款及同比，附报告段落（口径见 definitions）")
def summary(request, start: Day, end: Day, agency: DbId | None = None):
    if end < start:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), code="end_before_start", field="end")
    return period_report(request.auth, agency, start=start, end=end)


def indicator_list() -> list[dict]:
    return [{"code": i.code, "label": str(i.label), "unit": i.unit, "higher_is_better": i.higher_is_better,
             "definition": str(i.definition), "levels": list(i.levels)} for i in INDICATORS]


@router.get("/assessment", response=AssessmentOut,
            summary="绩效考核：各单位和办案人员的指标、得分与排名（口径见 indicators，计分方法见 scoring）")
def assessment(request, start: Day, end: Day, agency: DbId | None = None):
    report = assessment_report(request.auth, agency_id=agency, start=start, end=end)
    return {**report, "indicators": indicator_list(), "scoring": str(SCORING)}


@router.get("/assessment/schemes/{year}", response=SchemeOut, summary="某年度的考核权重与目标")
def scheme_detail(request, year: int):
    scheme = scheme_for_year(year) if may_assess(request.auth) else None
    if scheme is None:
        raise NotFound(_("该年度尚未设置考核权重和目标。"), code="scheme_not_found")
    return scheme


@router.put("/assessment/schemes/{year}", response=SchemeOut,
            summary="设置某年度的考核权重（合计100）与单位、个人年度目标（仅系统管理员）")
def scheme_save(request, year: int, body: SchemeIn):
    services.assessment_scheme_save(actor=request.auth, year=year, stale_approval_days=body.stale_approval_days,
                                    weights=[w.dict() for w in body.weights])
    return scheme_for_year(year)
