"""API routes of command and dispatch: assignments (交办单), assistance requests (协查函) and joint operations
(联合执法) — list, detail, create, and the steps the workflow engine runs."""
import json

from django.shortcuts import get_object_or_404
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from ipenforce.cases.selectors import case_or_404
from ipenforce.command import services
from ipenforce.command.presenters import (
    assignment_out,
    assignment_row,
    assistance_out,
    assistance_row,
    link_out,
    notice_out,
    operation_out,
    operation_row,
)
from ipenforce.command.schemas import (
    ActionIn,
    AssignmentIn,
    AssignmentOut,
    AssignmentPage,
    AssistanceFileOut,
    AssistanceIn,
    AssistanceOut,
    AssistancePage,
    EvidenceIn,
    LinkOut,
    NoticeOut,
    OperationIn,
    OperationLinkIn,
    OperationOut,
    OperationPage,
    SupplierNoticeIn,
)
from ipenforce.command.selectors import (
    assignment_detail,
    assignment_list,
    assistance_detail,
    assistance_list,
    case_links,
    operation_detail,
    visible_operations,
)
from ipenforce.command.workflow import ASSIGNMENT, ASSISTANCE, OPERATION
from ipenforce.core.pagination import MAX_OFFSET
from ipenforce.evidence.files import stored_file_response
from ipenforce.workflow.presenters import action_row
from ipenforce.workflow.schemas import ActionOut
from ipenforce.workflow.services import perform

router = Router(tags=["command"])
LIMIT, OFFSET = Query(50, ge=1, le=200), Query(0, ge=0, le=MAX_OFFSET)


def _perform(request, procedure: str, subject_id: int, action: str, payload: ActionIn) -> None:
    data = {**json.loads(request.body or b"{}"), "comment": payload.comment}
    data.pop("version", None)
    perform(procedure=procedure, subject_id=subject_id, action=action, actor=request.auth, version=payload.version,
            data=data)


# ---- assignments ------------------------------------------------------------------------------------------

def _assignment(request, pk: int) -> dict:
    return assignment_out(get_object_or_404(assignment_detail(request.auth), pk=pk), request.auth)


@router.post("/assignments", response={201: list[AssignmentOut]}, summary="草拟交办单（每个承办单位一份）")
def assignment_create(request, payload: AssignmentIn):
    drafted = services.assignment_draft(actor=request.auth, **payload.dict())
    return Status(201, [_assignment(request, a.pk) for a in drafted])


@router.get("/assignments", response=AssignmentPage,
            summary="交办单列表（按数据权限；awaiting_me=true 为待我办理的，open=true 为未办结的）")
def assignment_index(request, state: str | None = None, awaiting_me: bool = False, open: bool = False,
                     receiver: int | None = None, overdue: bool = False, limit: int = LIMIT, offset: int = OFFSET):
    selected = assignment_list(request.auth, state=state, awaiting_me=awaiting_me, open_only=open, receiver=receiver,
                               overdue=overdue)
    return {"count": selected.count(), "items": [assignment_row(a) for a in selected[offset:offset + limit]]}


@router.get("/assignments/{assignment_id}", response=AssignmentOut, summary="交办单详情（状态、步骤、期限、可办事项）")
def assignment_get(request, assignment_id: int):
    return _assignment(request, assignment_id)


@router.post("/assignments/{assignment_id}/actions/{action}", response=AssignmentOut,
             summary="办理交办单的一个步骤（签发、签收、申请延期、反馈、审核、退回、改派、指定管辖；审批：approve 等）")
def assignment_action(request, assignment_id: int, action: str, payload: ActionIn):
    _perform(request, ASSIGNMENT.key, assignment_id, action, payload)
    return _assignment(request, assignment_id)


@router.post("/assignments/{assignment_id}/notice", response={201: NoticeOut},
             summary="制作案件交办通知书（指定管辖的为指定管辖通知书），保存在所交办的案件的文书中")
def assignment_notice(request, assignment_id: int):
    assignment = get_object_or_404(assignment_detail(request.auth), pk=assignment_id)
    document = services.assignment_notice(actor=request.auth, assignment=assignment)
    return Status(201, notice_out(document))


@router.get("/cases/{case_id}/command-links", response=list[LinkOut],
            summary="案件的来源与去向：交办线索的来源线索和承办单位的线索，联合执法行动发现的线索和案件")
def case_command_links(request, case_id: int):
    return [link_out(link) for link in case_links(case_or_404(request.auth, case_id))[:200]]


@router.get("/assignment-actions", response=list[ActionOut], summary="交办单步骤定义（状态、办理单位、字段、期限）")
def assignment_action_list(request):
    return [action_row(a) for a in ASSIGNMENT.actions.values() if not a.internal]


# ---- assistance requests ----------------------------------------------------------------------------------

def _assistance(request, pk: int) -> dict:
    return assistance_out(get_object_or_404(assistance_detail(request.auth), pk=pk), request.auth)


@router.post("/assistance-requests", response={201: AssistanceOut},
             summary="发出协助调查函（平台内单位，或填写平台外单位名称）")
def assistance_create(request, payload: AssistanceIn):
    sent = services.assistance_send(actor=request.auth, **payload.dict())
    return Status(201, _assistance(request, sent.pk))


@router.post("/cases/{case_id}/supplier-notices", response={201: AssistanceOut},
             summary="通报供货者（《商标法实施条例》第八十条）：从案件一步发出协查函")
def supplier_notice(request, case_id: int, payload: SupplierNoticeIn):
    sent = services.supplier_notice_start(actor=request.auth, case_id=case_id, **payload.dict())
    return Status(201, _assistance(request, sent.pk))


@router.get("/assistance-requests", response=AssistancePage, summary="协查函列表（按数据权限）")
def assistance_index(request, state: str | None = None, awaiting_me: bool = False, open: bool = False,
                     assisted: int | None = None, overdue: bool = False, limit: int = LIMIT, offset: int = OFFSET):
    selected = assistance_list(request.auth, state=state, awaiting_me=awaiting_me, open_only=open, assisted=assisted,
                               overdue=overdue)
    return {"count": selected.count(), "items": [assistance_row(r) for r in selected[offset:offset + limit]]}


@router.get("/assistance-requests/{request_id}", response=AssistanceOut, summary="协查函详情")
def assistance_get(request, request_id: int):
    return _assistance(request, request_id)


@router.post("/assistance-requests/{request_id}/actions/{action}", response=AssistanceOut,
             summary="办理协查函的一个步骤（收函、告知延期、告知无法协助、答复、登记平台外答复、办结、撤回）")
def assistance_action(request, request_id: int, action: str, payload: ActionIn):
    _perform(request, ASSISTANCE.key, request_id, action, payload)
    return _assistance(request, request_id)


@router.post("/assistance-requests/{request_id}/files", response={201: list[AssistanceFileOut]},
             summary="上传协查答复材料（multipart，被请求单位）")
def assistance_files(request, request_id: int, files: File[list[UploadedFile]]):
    found = get_object_or_404(assistance_detail(request.auth), pk=request_id)
    attached = {a.pk for a in services.assistance_attach(actor=request.auth, request=found, uploads=files)}
    return Status(201, [f for f in _assistance(request, request_id)["files"] if f["id"] in attached])


@router.get("/assistance-requests/{request_id}/files/{file_id}", summary="下载协查答复材料")
def assistance_file(request, request_id: int, file_id: int):
    found = get_object_or_404(assistance_detail(request.auth), pk=request_id)
    answer_file = get_object_or_404(found.files.all(), pk=file_id)
    return stored_file_response(answer_file.stored, answer_file.name)


@router.post("/assistance-requests/{request_id}/evidence", response=AssistanceOut,
             summary="将协查答复材料登记为请求案件的证据（含保管链）")
def assistance_evidence(request, request_id: int, payload: EvidenceIn):
    found = get_object_or_404(assistance_detail(request.auth), pk=request_id)
    services.assistance_file_evidence(actor=request.auth, request=found, collector_ids=payload.collector_ids)
    return _assistance(request, request_id)


@router.get("/assistance-actions", response=list[ActionOut], summary="协查函步骤定义")
def assistance_action_list(request):
    return [action_row(a) for a in ASSISTANCE.actions.values() if not a.internal]


# ---- joint operations -------------------------------------------------------------------------------------

def _operation(request, pk: int) -> dict:
    return operation_out(get_object_or_404(operation_detail(request.auth), pk=pk), request.auth)


@router.post("/joint-operations", response={201: OperationOut}, summary="发起联合执法行动（本单位牵头）")
def operation_create(request, payload: OperationIn):
    operation = services.operation_plan(actor=request.auth, **payload.dict())
    return Status(201, _operation(request, operation.pk))


@router.get("/joint-operations", response=OperationPage, summary="联合执法行动列表（牵头或参与的）")
def operation_index(request, limit: int = LIMIT, offset: int = OFFSET):
    selected = visible_operations(request.auth).select_related("lead")
    return {"count": selected.count(), "items": [operation_row(o) for o in selected[offset:offset + limit]]}


@router.get("/joint-operations/{operation_id}", response=OperationOut, summary="联合执法行动详情")
def operation_get(request, operation_id: int):
    return _operation(request, operation_id)


@router.post("/joint-operations/{operation_id}/actions/{action}", response=OperationOut,
             summary="办理联合执法行动的一个步骤（开始行动、登记检查场所和查扣物品、提交行动报告）")
def operation_action(request, operation_id: int, action: str, payload: ActionIn):
    _perform(request, OPERATION.key, operation_id, action, payload)
    return _operation(request, operation_id)


@router.get("/operation-actions", response=list[ActionOut], summary="联合执法行动步骤定义")
def operation_action_list(request):
    return [action_row(a) for a in OPERATION.actions.values() if not a.internal]


@router.post("/joint-operations/{operation_id}/cases", response=OperationOut, summary="关联由行动发现的线索或案件")
def operation_case(request, operation_id: int, payload: OperationLinkIn):
    operation = get_object_or_404(operation_detail(request.auth), pk=operation_id)
    services.operation_link_case(actor=request.auth, operation=operation, case_id=payload.case_id)
    return _operation(request, operation_id)
