"""API routes of supervision: supervised cases (挂牌督办) and their weekly table, enforcement supervision orders,
the supervision rules on known data, and case-file review. Steps of a supervision run on the workflow engine."""
import json
from datetime import date

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.errors import NotFound, PermissionDenied
from ipenforce.core.pagination import MAX_OFFSET
from ipenforce.orgs.selectors import visible_agencies
from ipenforce.supervision import checks, reviews, services
from ipenforce.supervision.checklist import checklist
from ipenforce.supervision.documents import order_document
from ipenforce.supervision.presenters import order_out, order_row, supervised_case_out, supervised_case_row
from ipenforce.supervision.schemas import (
    ActionIn,
    AnswerIn,
    CheckOut,
    DrawIn,
    DrawOut,
    OrderIn,
    OrderOut,
    OrderPage,
    ScoreIn,
    SupervisedCaseIn,
    SupervisedCaseOut,
    SupervisedCasePage,
)
from ipenforce.supervision.selectors import (
    draw_detail,
    draw_list,
    order_detail,
    order_list,
    review_rows,
    supervised_case_detail,
    supervised_case_list,
)
from ipenforce.supervision.weekly import week_of, weekly_docx, weekly_xlsx
from ipenforce.supervision.workflow import ORDER, SUPERVISED_CASE
from ipenforce.workflow.presenters import action_row
from ipenforce.workflow.schemas import ActionOut
from ipenforce.workflow.services import perform

router = Router(tags=["supervision"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _data(request, payload: ActionIn) -> dict:
    data = {**json.loads(request.body), "comment": payload.comment}
    data.pop("version", None)
    return data


def _case_out(request, pk: int) -> dict:
    return supervised_case_out(get_object_or_404(supervised_case_detail(request.auth), pk=pk), request.auth)


@router.post("/supervision/cases", response={201: SupervisedCaseOut},
             summary="挂牌督办：上级单位的执法监督人员或机关负责人设定报告间隔和督办期限")
def supervised_case_create(request, payload: SupervisedCaseIn):
    item = services.supervised_case_open(actor=request.auth, case=case_or_404(request.auth, payload.case_id),
                                         instructions=payload.instructions, interval_days=payload.interval_days,
                                         deadline=payload.deadline)
    return Status(201, _case_out(request, item.pk))


@router.get("/supervision/cases", response=SupervisedCasePage,
            summary="督办案件（按数据权限；light：red 红色预警 / yellow 黄色预警 / green 正常）")
def supervised_case_index(request, state: str | None = None, open_only: bool = False, within: int | None = None,
                          light: str | None = Query(None, pattern="^(red|yellow)$"),
                          limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    selected = supervised_case_list(request.auth, state=state, open_only=open_only, within=within, light=light)
    return {"count": selected.count(), "items": [supervised_case_row(i) for i in selected[offset:offset + limit]]}


@router.get("/supervision/cases/weekly.xlsx", summary="重点督办案件周报（.xlsx；week 为该周任一日期，默认本周）")
def supervised_case_weekly(request, week: date | None = None):
    monday, _sunday = week_of(week or timezone.localdate())
    response = HttpResponse(weekly_xlsx(request.auth, monday), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="supervised-cases-{monday.isoformat()}.xlsx"'
    return response


@router.get("/supervision/cases/weekly.docx", summary="重点督办案件周报（.docx；week 为该周任一日期，默认本周）")
def supervised_case_weekly_docx(request, week: date | None = None):
    monday, _sunday = week_of(week or timezone.localdate())
    response = HttpResponse(weekly_docx(request.auth, monday), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="supervised-cases-{monday.isoformat()}.docx"'
    return response


@router.get("/supervision/cases/{item_id}", response=SupervisedCaseOut, summary="督办案件详情（报告日历、期限）")
def supervised_case_get(request, item_id: int):
    return _case_out(request, item_id)


@router.post("/supervision/cases/{item_id}/actions/{action}", response=SupervisedCaseOut,
             summary="办理督办的一个步骤（报送进展、申请销号、审核销号、退回）")
def supervised_case_action(request, item_id: int, action: str, payload: ActionIn):
    perform(procedure=SUPERVISED_CASE.key, subject_id=item_id, action=action, actor=request.auth,
            version=payload.version, data=_data(request, payload))
    return _case_out(request, item_id)


@router.get("/supervision/case-actions", response=list[ActionOut], summary="督办步骤定义")
def supervised_case_actions(request):
    return [action_row(a) for a in SUPERVISED_CASE.actions.values() if not a.internal]


def _order_out(request, pk: int) -> dict:
    return order_out(get_object_or_404(order_detail(request.auth), pk=pk), request.auth)


@router.post("/supervision/orders", response={201: OrderOut}, summary="发出执法监督通知书（对下级单位）")
def order_create(request, payload: OrderIn):
    target = visible_agencies(request.auth).filter(pk=payload.target_id).first()
    if target is None:
        raise NotFound(_("被监督单位不存在或您无权查看。"), code="agency_not_found", field="target_id")
    case = case_or_404(request.auth, payload.case_id) if payload.case_id else None
    order = services.order_issue(actor=request.auth, target=target, matter=payload.matter, case=case)
    return Status(201, _order_out(request, order.pk))


@router.get("/supervision/orders", response=OrderPage, summary="执法监督（按数据权限）")
def order_index(request, state: str | None = None, limit: int = Query(50, ge=1, le=200),
                offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    selected = order_list(request.auth, state=state)
    return {"count": selected.count(), "items": [order_row(o) for o in selected[offset:offset + limit]]}


@router.get("/supervision/orders/{order_id}", response=OrderOut, summary="执法监督详情")
def order_get(request, order_id: int):
    return _order_out(request, order_id)


@router.post("/supervision/orders/{order_id}/actions/{action}", response=OrderOut,
             summary="办理执法监督的一个步骤（说明情况、作出决定、申请复查、纠正、报告、审核）")
def order_action(request, order_id: int, action: str, payload: ActionIn):
    perform(procedure=ORDER.key, subject_id=order_id, action=action, actor=request.auth,
            version=payload.version, data=_data(request, payload))
    return _order_out(request, order_id)


@router.get("/supervision/orders/{order_id}/documents/{kind}", summary="执法监督通知书或决定书（.docx）")
def order_document_get(request, order_id: int, kind: str):
    order = get_object_or_404(order_detail(request.auth), pk=order_id)
    name, data = order_document(order, kind)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/supervision/order-actions", response=list[ActionOut], summary="执法监督步骤定义")
def order_actions(request):
    return [action_row(a) for a in ORDER.actions.values() if not a.internal]


@router.get("/supervision/checks", response=list[CheckOut],
            summary="监督规则：各项规则命中的案件（各取前 limit 件）")
def check_index(request, limit: int = Query(50, ge=1, le=200)):
    if not checks.reads_checks(request.auth):
        raise PermissionDenied(_("只有执法监督人员、上级单位负责人或监督机关可以查看监督规则。"))
    now = timezone.now()
    return [_check_out(check, check.rows(request.auth, now), 0, limit) for check in checks.CHECKS]


@router.get("/supervision/checks/{key}", response=CheckOut, summary="一项监督规则的案件（分页）")
def check_get(request, key: str, limit: int = Query(50, ge=1, le=200),
              offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    if not checks.reads_checks(request.auth):
        raise PermissionDenied(_("只有执法监督人员、上级单位负责人或监督机关可以查看监督规则。"))
    check = checks.CHECKS_BY_KEY.get(key)
    if check is None:
        raise NotFound(_("没有这项监督规则。"), code="unknown_check", field="key")
    return _check_out(check, check.rows(request.auth, timezone.now()), offset, limit)


def _check_out(check, rows, offset: int, limit: int) -> dict:
    return {"key": check.key, "title": str(check.title), "setting": check.setting(), "count": rows.count(),
            "items": [{"case_id": c.pk, "case": str(c), "agency": c.agency.name, "detail": check.detail(c)}
                      for c in rows[offset:offset + limit]]}


def _draw_out(draw) -> dict:
    return {"id": draw.pk, "reviewer_agency": draw.reviewer_agency.name, "unit": draw.unit.name,
            "period_start": draw.period_start, "period_end": draw.period_end, "rule": draw.rule,
            "sample_size": draw.sample_size, "seed": draw.seed, "population": draw.population,
            "selected": draw.selected, "checklist": draw.checklist, "checklist_version": draw.checklist_version,
            "reviews": [{"id": r.pk, "case_id": r.case_id, "case": str(r.case), "state": r.state, "score": r.score,
                         "deductions": r.deductions, "answer": r.answer} for r in review_rows(draw)]}


@router.post("/supervision/file-reviews", response={201: DrawOut},
             summary="案卷评查抽取：对下级单位某期间已结案案件按随机种子抽取（记录规则、种子和总体，可重现）")
def draw_create(request, payload: DrawIn):
    unit = visible_agencies(request.auth).filter(pk=payload.unit_id).first()
    if unit is None:
        raise NotFound(_("被评查单位不存在或您无权查看。"), code="agency_not_found", field="unit_id")
    draw = reviews.draw_create(actor=request.auth, unit=unit, period_start=payload.period_start,
                               period_end=payload.period_end, sample_size=payload.sample_size, seed=payload.seed)
    return Status(201, _draw_out(get_object_or_404(draw_detail(request.auth), pk=draw.pk)))


@router.get("/supervision/file-reviews", response=list[DrawOut], summary="案卷评查（按数据权限）")
def draw_index(request, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return [_draw_out(d) for d in draw_list(request.auth)[offset:offset + limit]]


@router.get("/supervision/file-reviews/{draw_id}", response=DrawOut, summary="案卷评查抽取详情及评分")
def draw_get(request, draw_id: int):
    return _draw_out(get_object_or_404(draw_detail(request.auth), pk=draw_id))


@router.post("/supervision/file-reviews/{draw_id}/cases/{case_id}/score", response=DrawOut,
             summary="按评查标准评分：deductions 为 [{item, code, reason}]")
def review_score(request, draw_id: int, case_id: int, payload: ScoreIn):
    draw = get_object_or_404(draw_detail(request.auth), pk=draw_id)
    review = get_object_or_404(draw.reviews.all(), case_id=case_id)
    reviews.review_score(actor=request.auth, review=review, deductions=payload.deductions)
    return _draw_out(draw)


@router.post("/supervision/file-reviews/{draw_id}/cases/{case_id}/answer", response=DrawOut,
             summary="被评查单位答复扣分")
def review_answer(request, draw_id: int, case_id: int, payload: AnswerIn):
    draw = get_object_or_404(draw_detail(request.auth), pk=draw_id)
    review = get_object_or_404(draw.reviews.all(), case_id=case_id)
    reviews.review_answer(actor=request.auth, review=review, answer=payload.answer)
    return _draw_out(draw)


@router.get("/supervision/checklist", summary="案卷评查标准（当前版本；example 为 true 时是可编辑的示例）")
def checklist_get(request):
    return checklist().model_dump()
