"""API routes of campaigns: the plan, tags, the unit reports and their steps, the campaign reports."""
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status

from ipenforce.campaigns import services
from ipenforce.campaigns.downloads import summary_docx, summary_xlsx
from ipenforce.campaigns.presenters import campaign_out, report_out, summary_out
from ipenforce.campaigns.schemas import (
    CampaignPlanIn,
    CampaignPlanOut,
    CampaignPlanPage,
    CampaignSummaryIn,
    CampaignSummaryOut,
    CampaignTagIn,
    CampaignTagOut,
    UnitReportActionIn,
    UnitReportOut,
    UnitReportPage,
    UnitReportUpdate,
)
from ipenforce.campaigns.selectors import campaign_detail, campaign_list, report_list, summary_list, visible_reports
from ipenforce.campaigns.workflow import UNIT_REPORT
from ipenforce.core.pagination import MAX_OFFSET
from ipenforce.workflow.selectors import subject_prefetches
from ipenforce.workflow.services import perform

router = Router(tags=["campaigns"])


def _campaign(request, campaign_id: int):
    return get_object_or_404(campaign_detail(request.auth), pk=campaign_id)


def _report(request, report_id: int):
    return get_object_or_404(visible_reports(request.auth).prefetch_related(*subject_prefetches()), pk=report_id)


@router.get("/campaigns/plans", response=CampaignPlanPage, summary="专项行动列表（按数据权限）")
def campaign_index(request, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    today = timezone.localdate()
    rows = campaign_list(request.auth)
    page = rows.prefetch_related("stages", "units__agency")[offset:offset + limit]
    return {"count": rows.count(), "items": [campaign_out(c, request.auth, today) for c in page]}


@router.post("/campaigns/plans", response={201: CampaignPlanOut},
             summary="创建专项行动（牵头单位负责人或执法监督人员）")
def campaign_create(request, payload: CampaignPlanIn):
    data = payload.dict(exclude={"stages", "units"})
    campaign = services.campaign_create(actor=request.auth, data=data,
                                        stages=[s.dict() for s in payload.stages],
                                        units=[u.dict() for u in payload.units])
    return Status(201, campaign_out(_campaign(request, campaign.pk), request.auth, timezone.localdate()))


@router.get("/campaigns/reports", response=UnitReportPage, summary="专项行动报告列表（本单位及下级；牵头单位看全部）")
def report_index(request, campaign: int | None = None, state: str | None = None, late: bool | None = None,
                 within: int | None = Query(None, ge=1, le=2**63 - 1),
                 limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    rows = report_list(request.auth, campaign_id=campaign, state=state, late=late, within=within)
    today = timezone.localdate()
    return {"count": rows.count(),
            "items": [report_out(r, request.auth, today, detail=False) for r in rows[offset:offset + limit]]}


@router.get("/campaigns/reports/{report_id}", response=UnitReportOut,
            summary="专项行动报告详情（数据、期限、可办事项）")
def report_get(request, report_id: int):
    return report_out(_report(request, report_id), request.auth, timezone.localdate())


@router.patch("/campaigns/reports/{report_id}", response=UnitReportOut,
              summary="填写报告（工作情况、典型案例、填报数据；报送前由本单位办案人员填写）")
def report_patch(request, report_id: int, payload: UnitReportUpdate):
    report = _report(request, report_id)
    services.report_update(actor=request.auth, report=report, version=payload.version,
                           changes=payload.dict(exclude_unset=True, exclude={"version"}))
    return report_out(_report(request, report_id), request.auth, timezone.localdate())


@router.post("/campaigns/reports/{report_id}/actions/{action}", response=UnitReportOut,
             summary="报送、审核通过或退回报告（submit / approve / return_report）")
def report_action(request, report_id: int, action: str, payload: UnitReportActionIn):
    perform(procedure=UNIT_REPORT.key, subject_id=report_id, action=action, actor=request.auth,
            version=payload.version, data={"comment": payload.comment, "reason": payload.reason})
    return report_out(_report(request, report_id), request.auth, timezone.localdate())


@router.get("/campaigns/summaries/{summary_id}/docx", summary="汇总报告 .docx")
def summary_docx_get(request, summary_id: int):
    return summary_docx(request.auth, summary_id)


@router.get("/campaigns/summaries/{summary_id}/xlsx", summary="汇总报告 .xlsx")
def summary_xlsx_get(request, summary_id: int):
    return summary_xlsx(request.auth, summary_id)


@router.get("/campaigns/plans/{campaign_id}", response=CampaignPlanOut,
            summary="专项行动详情（阶段、参与单位、目标、任务）")
def campaign_get(request, campaign_id: int):
    return campaign_out(_campaign(request, campaign_id), request.auth, timezone.localdate())


@router.post("/campaigns/plans/{campaign_id}/tags", response={201: CampaignTagOut},
             summary="把案件或线索标记到专项行动")
def tag_create(request, campaign_id: int, payload: CampaignTagIn):
    tag = services.campaign_tag(actor=request.auth, campaign=_campaign(request, campaign_id),
                                content_type=payload.content_type, object_id=payload.object_id)
    return Status(201, {"id": tag.pk, "content_type": payload.content_type, "object_id": tag.object_id})


@router.delete("/campaigns/plans/{campaign_id}/tags/{tag_id}", response={204: None}, summary="取消标记")
def tag_delete(request, campaign_id: int, tag_id: int):
    services.campaign_untag(actor=request.auth, campaign=_campaign(request, campaign_id), tag_id=tag_id)
    return Status(204, None)


@router.post("/campaigns/plans/{campaign_id}/open-reports", response=list[UnitReportOut],
             summary="按报送日历生成已开始期间的各单位报告（牵头单位；周期任务也会生成）")
def reports_open(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    services.require_manager(request.auth, campaign)
    opened = services.reports_open(actor=request.auth, campaign=campaign)
    today = timezone.localdate()
    return [report_out(r, request.auth, today, detail=False) for r in opened]


@router.get("/campaigns/plans/{campaign_id}/summaries", response=list[CampaignSummaryOut], summary="汇总报告列表")
def summary_index(request, campaign_id: int):
    return [summary_out(s) for s in summary_list(request.auth, _campaign(request, campaign_id))[:100]]


@router.post("/campaigns/plans/{campaign_id}/summaries", response={201: CampaignSummaryOut},
             summary="汇总已审核的单位报告，生成专项行动报告（.docx / .xlsx）")
def summary_create(request, campaign_id: int, payload: CampaignSummaryIn):
    summary = services.summary_create(actor=request.auth, campaign=_campaign(request, campaign_id),
                                      start=payload.start, end=payload.end)
    return Status(201, summary_out(summary))
