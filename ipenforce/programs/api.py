"""API routes of programs under /api/v1/programs/: funding calls and applications (each stage an action on the
workflow engine), the audit sample and the fund report; policy ledgers, tasks and their .xlsx import; the
registries of key enterprises, alliances and stations. Every list also as .xlsx."""
import json
from datetime import date

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from ipenforce.core.errors import NotFound
from ipenforce.core.export_api import api_list_export
from ipenforce.core.pagination import MAX_OFFSET
from ipenforce.orgs.selectors import visible_users
from ipenforce.programs import selectors, services
from ipenforce.programs.presenters import application_out, enterprise_out, sheet_out, task_out
from ipenforce.programs.reports import DOCX, annual_report_docx
from ipenforce.programs.schemas import (
    ActionIn,
    AllianceFigures,
    AllianceIn,
    AllianceOut,
    ApplicationIn,
    ApplicationOut,
    ApplicationPage,
    CallIn,
    CallOut,
    ContactIn,
    ContactOut,
    DocumentIn,
    DocumentOut,
    ExpertsIn,
    KeyEnterpriseIn,
    KeyEnterpriseOut,
    ReportRow,
    SampleIn,
    ScoreSheetIn,
    ScoreSheetOut,
    StationIn,
    StationOut,
    TaskIn,
    TaskOut,
    TaskPage,
    UnitFigures,
)
from ipenforce.programs.workflow import FUNDING, KEY_ENTERPRISE, POLICY_TASK
from ipenforce.workflow.presenters import action_row
from ipenforce.workflow.schemas import ActionOut
from ipenforce.workflow.services import perform

router = Router(tags=["programs"])
P = "/programs"
LIMIT = Query(50, ge=1, le=200)
OFFSET = Query(0, ge=0, le=MAX_OFFSET)


def call_out(c) -> dict:
    return {**{f: getattr(c, f) for f in ("id", "year", "title", "track", "budget", "opens_on", "closes_on",
                                          "payment_opens_on", "payment_closes_on", "unit_amount", "cost_share",
                                          "cap", "materials", "indicators", "contract_required")},
            "agency": c.agency.name}


def _action_data(request, payload: ActionIn) -> dict:
    data = {**json.loads(request.body), "comment": payload.comment}
    data.pop("version", None)
    return data


# ---- funding --------------------------------------------------------------------------------------------

@router.get(f"{P}/calls", response=list[CallOut], summary="资助申报指南（项目）列表")
def call_index(request, year: int | None = None):
    qs = selectors.visible_calls(request.auth)
    return [call_out(c) for c in (qs.filter(year=year) if year else qs)[:200]]


@router.post(f"{P}/calls", response={201: CallOut}, summary="发布资助申报指南项目（核准制或竞争性评审）")
def call_create(request, payload: CallIn):
    data = payload.dict()
    agency = selectors.agency_for(request.auth, data.pop("agency_id"))
    return Status(201, call_out(services.call_create(actor=request.auth, agency=agency, **data)))


@router.get(f"{P}/calls/{{call_id}}", response=CallOut, summary="资助申报指南项目")
def call_get(request, call_id: int):
    return call_out(get_object_or_404(selectors.visible_calls(request.auth), pk=call_id))


@router.post(f"{P}/calls/{{call_id}}/applications", response={201: ApplicationOut},
             summary="录入企业的资助申请（自动核查：申报期、承诺、材料、重复申报、上限）")
def application_create(request, call_id: int, payload: ApplicationIn):
    call = get_object_or_404(selectors.visible_calls(request.auth), pk=call_id)
    application = services.application_submit(actor=request.auth, call=call, **payload.dict())
    return Status(201, _application(request, application.pk))


@router.post(f"{P}/calls/{{call_id}}/audit-sample", response=list[ApplicationOut],
             summary="抽取已拨付项目进行资金审计（抽查数量由用户设定）")
def call_audit_sample(request, call_id: int, payload: SampleIn):
    call = get_object_or_404(selectors.visible_calls(request.auth), pk=call_id)
    drawn = services.audit_sample(actor=request.auth, call=call, size=payload.size)
    return [_application(request, a.pk) for a in drawn]


def _application(request, pk: int) -> dict:
    return application_out(get_object_or_404(selectors.application_detail(request.auth), pk=pk), request.auth)


@router.post(f"{P}/applications/{{application_id}}/experts", response={201: list[ScoreSheetOut]},
             summary="分配评审专家：每位专家收到一份评分表（竞争性评审项目）")
def application_experts(request, application_id: int, payload: ExpertsIn):
    application = get_object_or_404(selectors.application_detail(request.auth), pk=application_id)
    experts = list(visible_users(request.auth).filter(pk__in=payload.expert_ids))
    if len(experts) != len(set(payload.expert_ids)):
        raise NotFound(_("评审专家不存在或您无权指定。"), code="expert_not_found", field="expert_ids")
    sheets = services.score_sheets_assign(actor=request.auth, application=application, experts=experts)
    return Status(201, [sheet_out(s) for s in sheets])


@router.get(f"{P}/score-sheets", response=list[ScoreSheetOut], summary="分配给本人的专家评分表")
def score_sheet_index(request):
    return [sheet_out(s) for s in selectors.my_score_sheets(request.auth).select_related("expert")[:200]]


@router.get(f"{P}/score-sheets/{{sheet_id}}", response=ScoreSheetOut, summary="本人的专家评分表")
def score_sheet_get(request, sheet_id: int):
    return sheet_out(get_object_or_404(selectors.my_score_sheets(request.auth).select_related("expert"), pk=sheet_id))


@router.post(f"{P}/score-sheets/{{sheet_id}}/submit", response=ScoreSheetOut,
             summary="提交评分表（利害关系声明、评分 0–100、评审意见；提交后不能修改）")
def score_sheet_submit(request, sheet_id: int, payload: ScoreSheetIn):
    sheet = get_object_or_404(selectors.my_score_sheets(request.auth), pk=sheet_id)
    sheet = services.score_sheet_submit(actor=request.auth, sheet=sheet, **payload.dict())
    return sheet_out(sheet)


@router.get(f"{P}/applications", response=ApplicationPage, summary="资助申请列表（按数据权限）")
def application_index(request, state: str | None = None, call_id: int | None = None, limit: int = LIMIT,
                      offset: int = OFFSET):
    qs = selectors.application_list(request.auth, state=state, call_id=call_id)
    return {"count": qs.count(), "items": [application_out(a, detail=False) for a in qs[offset:offset + limit]]}


@router.get(f"{P}/applications.xlsx", summary="资助申请列表（.xlsx）")
def application_export(request):
    return api_list_export(request, "funding_applications")


@router.get(f"{P}/applications/{{application_id}}", response=ApplicationOut,
            summary="资助申请详情（状态、办理过程、公示期、可办事项）")
def application_get(request, application_id: int):
    return _application(request, application_id)


@router.post(f"{P}/applications/{{application_id}}/actions/{{action}}", response=ApplicationOut,
             summary="办理资助申请的一个环节（受理、审核、评审、公示、异议、决策、领款、拨付、追回；或审批答复）")
def application_action(request, application_id: int, action: str, payload: ActionIn):
    perform(procedure=FUNDING.key, subject_id=application_id, action=action, actor=request.auth,
            version=payload.version, data=_action_data(request, payload))
    return _application(request, application_id)


@router.get(f"{P}/funding-actions", response=list[ActionOut], summary="资助申请环节定义（状态、办理人、字段、期限）")
def funding_action_list(request):
    return [action_row(a) for a in FUNDING.actions.values() if not a.internal]


@router.get(f"{P}/funding-report", response=list[ReportRow], summary="资金年度绩效报告：按项目、区、行业汇总")
def funding_report(request, year: int = Query(..., ge=2000, le=2100)):
    return selectors.fund_report_rows(request.auth, year)


@router.get(f"{P}/funding-report.docx", summary="资金年度绩效报告（.docx）")
def funding_report_docx(request, year: int = Query(..., ge=2000, le=2100)):
    response = HttpResponse(annual_report_docx(request.auth, year),
                            content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="funding-report-{year}.docx"'
    return response


# ---- ledger ---------------------------------------------------------------------------------------------

def document_out(d) -> dict:
    return {"id": d.pk, "title": d.title, "agency": d.agency.name, "areas": d.areas, "is_example": d.is_example,
            "figures": selectors.ledger_figures(d), "sentence": selectors.ledger_sentence(d)}


@router.get(f"{P}/ledgers/{{document_id}}/units", response=list[UnitFigures], summary="台账按牵头单位的完成情况")
def ledger_units(request, document_id: int):
    return selectors.unit_figures(get_object_or_404(selectors.visible_documents(request.auth), pk=document_id))


@router.get(f"{P}/ledgers", response=list[DocumentOut], summary="政策任务台账（文件）列表，含完成情况与表述")
def ledger_index(request):
    return [document_out(d) for d in selectors.documents_with_figures(request.auth)[:100]]


@router.post(f"{P}/ledgers", response={201: DocumentOut}, summary="新建政策文件台账")
def ledger_create(request, payload: DocumentIn):
    agency = selectors.agency_for(request.auth, payload.agency_id)
    document = services.document_create(actor=request.auth, agency=agency, title=payload.title,
                                        areas=payload.areas)
    return Status(201, document_out(document))


@router.get(f"{P}/ledgers/{{document_id}}", response=DocumentOut, summary="政策文件台账")
def ledger_get(request, document_id: int):
    return document_out(get_object_or_404(selectors.documents_with_figures(request.auth), pk=document_id))


@router.post(f"{P}/ledgers/{{document_id}}/tasks", response={201: TaskOut}, summary="在台账中新增任务")
def ledger_task_create(request, document_id: int, payload: TaskIn):
    document = get_object_or_404(selectors.visible_documents(request.auth), pk=document_id)
    task = services.task_add(actor=request.auth, document=document, **payload.dict())
    return Status(201, _task(request, task.pk))


def _task(request, pk: int) -> dict:
    return task_out(get_object_or_404(selectors.task_detail(request.auth), pk=pk), request.auth)


@router.get(f"{P}/tasks", response=TaskPage, summary="政策任务列表（document_id；overdue=true 只看逾期）")
def task_index(request, document_id: int | None = None, overdue: bool = False, limit: int = LIMIT,
               offset: int = OFFSET):
    qs = selectors.task_list(request.auth, document_id=document_id, overdue=overdue)
    return {"count": qs.count(), "items": [task_out(t, detail=False) for t in qs[offset:offset + limit]]}


@router.get(f"{P}/tasks.xlsx", summary="政策任务台账（.xlsx）")
def task_export(request):
    return api_list_export(request, "policy_tasks")


@router.get(f"{P}/tasks/{{task_id}}", response=TaskOut, summary="政策任务详情")
def task_get(request, task_id: int):
    return _task(request, task_id)


@router.post(f"{P}/tasks/{{task_id}}/actions/{{action}}", response=TaskOut,
             summary="报送任务进展（附佐证，经负责人同意后改变状态）或审批答复")
def task_action(request, task_id: int, action: str, payload: ActionIn):
    perform(procedure=POLICY_TASK.key, subject_id=task_id, action=action, actor=request.auth,
            version=payload.version, data=_action_data(request, payload))
    return _task(request, task_id)


# ---- registries -----------------------------------------------------------------------------------------

def alliance_out(a) -> dict:
    return {"id": a.pk, "agency": a.agency.name, "kind": a.kind, "name": a.name, "industry": a.industry,
            "filed_on": a.filed_on, "member_count": a.member_count, "standards_published": a.standards_published,
            "is_example": a.is_example}


def station_out(s) -> dict:
    return {"id": s.pk, "agency": s.agency.name, **{f: getattr(s, f) for f in (
        "kind", "name", "host", "region", "services", "staff", "year", "trainings", "guidance", "aid_cases",
        "is_example")}}


@router.get(f"{P}/key-enterprises", response=list[KeyEnterpriseOut],
            summary="重点企业名录（直通车）：state=listed 为在册企业，nominated 为待审核")
def enterprise_index(request, state: str | None = None, limit: int = LIMIT, offset: int = OFFSET):
    return [enterprise_out(e) for e in selectors.key_enterprises(request.auth, state)[offset:offset + limit]]


@router.get(f"{P}/key-enterprises.xlsx", summary="重点企业名录（.xlsx）")
def enterprise_export(request):
    return api_list_export(request, "key_enterprises")


@router.post(f"{P}/key-enterprises", response={201: KeyEnterpriseOut},
             summary="推荐或申请列入重点企业名录（由机关负责人审核）")
def enterprise_create(request, payload: KeyEnterpriseIn):
    data = payload.dict()
    agency = selectors.agency_for(request.auth, data.pop("agency_id"))
    liaison_id = data.pop("liaison_id")
    liaison = get_object_or_404(visible_users(request.auth), pk=liaison_id) if liaison_id else None
    entry = services.key_enterprise_nominate(actor=request.auth, agency=agency, liaison=liaison, **data)
    return Status(201, _enterprise(request, entry.pk))


def _enterprise(request, pk: int) -> dict:
    entry = get_object_or_404(selectors.key_enterprise_detail(request.auth), pk=pk)
    return enterprise_out(entry, request.auth, detail=True)


@router.get(f"{P}/key-enterprises/{{entry_id}}", response=KeyEnterpriseOut, summary="重点企业（审核过程、可办事项）")
def enterprise_get(request, entry_id: int):
    return _enterprise(request, entry_id)


@router.post(f"{P}/key-enterprises/{{entry_id}}/actions/{{action}}", response=KeyEnterpriseOut,
             summary="审核列入（approve_listing，valid_until）、不予列入、移出名录")
def enterprise_action(request, entry_id: int, action: str, payload: ActionIn):
    perform(procedure=KEY_ENTERPRISE.key, subject_id=entry_id, action=action, actor=request.auth,
            version=payload.version, data=_action_data(request, payload))
    return _enterprise(request, entry_id)


@router.get(f"{P}/alliances", response=list[AllianceOut], summary="产业知识产权联盟、产业标准联盟备案")
def alliance_index(request, kind: str | None = None, limit: int = LIMIT, offset: int = OFFSET):
    return [alliance_out(a) for a in selectors.alliances(request.auth, kind)[offset:offset + limit]]


@router.get(f"{P}/alliances.xlsx", summary="联盟备案（.xlsx）")
def alliance_export(request):
    return api_list_export(request, "alliances")


@router.get(f"{P}/alliances/figures", response=AllianceFigures, summary="截至某日的联盟数量与联盟标准数")
def alliance_figure(request, as_of: date):
    figures = selectors.alliance_figures(request.auth, as_of)
    return {"as_of": as_of, "ip": figures["ip"], "standards": figures["standards"],
            "published": figures["published"] or 0}


@router.post(f"{P}/alliances", response={201: AllianceOut}, summary="联盟备案")
def alliance_create(request, payload: AllianceIn):
    data = payload.dict()
    agency = selectors.agency_for(request.auth, data.pop("agency_id"))
    return Status(201, alliance_out(services.alliance_add(actor=request.auth, agency=agency, **data)))


@router.get(f"{P}/stations", response=list[StationOut], summary="知识产权保护工作站与海外维权服务站点")
def station_index(request, kind: str | None = None, limit: int = LIMIT, offset: int = OFFSET):
    return [station_out(s) for s in selectors.stations(request.auth, kind)[offset:offset + limit]]


@router.get(f"{P}/stations.xlsx", summary="工作站与海外站点（.xlsx）")
def station_export(request):
    return api_list_export(request, "stations")


@router.post(f"{P}/stations", response={201: StationOut}, summary="登记工作站或海外站点")
def station_create(request, payload: StationIn):
    data = payload.dict()
    agency = selectors.agency_for(request.auth, data.pop("agency_id"))
    return Status(201, station_out(services.station_add(actor=request.auth, agency=agency, **data)))



def contact_out(c) -> dict:
    return {"id": c.pk, "agency": c.agency.name, **{f: getattr(c, f) for f in (
        "kind", "right_holder", "mark_number", "classes", "products", "agents", "verification_contact", "reason",
        "valid_until", "is_example")}}


@router.get(f"{P}/rights-contacts", response=list[ContactOut],
            summary="重点商标保护名录与权利人联系名录（本单位、下级和上级单位登记的；q 查权利人、商标注册号、产品）")
def contact_index(request, kind: str | None = None, q: str = Query("", max_length=100), limit: int = LIMIT,
                  offset: int = OFFSET):
    return [contact_out(c) for c in selectors.rights_contacts(request.auth, kind=kind, q=q)[offset:offset + limit]]


@router.get(f"{P}/rights-contacts.xlsx", summary="重点商标与权利人联系名录（.xlsx）")
def contact_export(request):
    return api_list_export(request, "rights_contacts")


@router.post(f"{P}/rights-contacts", response={201: ContactOut}, summary="登记重点商标或权利人联系人")
def contact_create(request, payload: ContactIn):
    data = payload.dict()
    agency = selectors.agency_for(request.auth, data.pop("agency_id"))
    return Status(201, contact_out(services.rights_contact_add(actor=request.auth, agency=agency, **data)))
