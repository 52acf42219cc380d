"""API routes for transfers: propose from a case, list, detail, perform a step (any agency's own system may
report its steps with a token)."""
import json

from django.shortcuts import get_object_or_404
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.pagination import MAX_OFFSET
from ipenforce.linkage import services
from ipenforce.linkage.downloads import attachment_response
from ipenforce.linkage.presenters import transfer_out
from ipenforce.linkage.schemas import (
    AnswerIn,
    AttachmentOut,
    OpinionIn,
    OpinionOut,
    SupervisionOut,
    TransferActionIn,
    TransferOut,
    TransferPage,
    TransferPropose,
)
from ipenforce.linkage.selectors import transfer_detail, transfer_list
from ipenforce.linkage.supervision import (
    opinion_answer,
    opinion_issue,
    opinions,
    overdue_police_decisions,
    unchallenged_non_filings,
    untransferred_over_threshold,
)
from ipenforce.linkage.workflow import TRANSFER
from ipenforce.workflow.presenters import action_row
from ipenforce.workflow.schemas import ActionOut
from ipenforce.workflow.services import perform

router = Router(tags=["linkage"])


def _out(request, transfer_id: int) -> dict:
    return transfer_out(get_object_or_404(transfer_detail(request.auth), pk=transfer_id), request.auth)


@router.post("/cases/{case_id}/transfers", response={201: TransferOut},
             summary="提出移送（书面报告；即办理案件事项 propose_transfer，可带 version）")
def transfer_create(request, case_id: int, payload: TransferPropose):
    transfer = services.transfer_propose(actor=request.auth, case=case_or_404(request.auth, case_id),
                                         report=payload.report, version=payload.version)
    return Status(201, _out(request, transfer.pk))


@router.get("/transfers", response=TransferPage,
            summary="移送列表（按数据权限；awaiting_me=true 为待我办理的，own_agency=true 为本单位的）")
def transfer_index(request, state: str | None = None, awaiting_me: bool = False, own_agency: bool = False,
                   limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    selected = transfer_list(request.auth, state=state, awaiting_me=awaiting_me, own_agency=own_agency)
    page = transfer_detail(request.auth).filter(pk__in=selected.values("pk"))[offset:offset + limit]
    return {"count": selected.count(), "items": [transfer_out(t, request.auth) for t in page]}


@router.get("/transfers/{transfer_id}", response=TransferOut, summary="移送详情（状态、步骤、期限、可办事项）")
def transfer_get(request, transfer_id: int):
    return _out(request, transfer_id)


@router.post("/transfers/{transfer_id}/actions/{action}", response=TransferOut,
             summary="办理移送的一个步骤（由该步骤所属机关的用户办理）")
def transfer_action(request, transfer_id: int, action: str, payload: TransferActionIn):
    data = {**json.loads(request.body), "comment": payload.comment}
    data.pop("version", None)
    perform(procedure=TRANSFER.key, subject_id=transfer_id, action=action, actor=request.auth,
            version=payload.version, data=data)
    return _out(request, transfer_id)


@router.get("/transfer-actions", response=list[ActionOut], summary="移送步骤定义（状态、办理机关、字段、期限）")
def transfer_action_list(request):
    return [action_row(a) for a in TRANSFER.actions.values() if not a.internal]


@router.post("/transfers/{transfer_id}/steps/{step_id}/files", response={201: list[AttachmentOut]},
             summary="为本单位办理的步骤附上文书（multipart）")
def step_files(request, transfer_id: int, step_id: int, files: File[list[UploadedFile]]):
    transfer = get_object_or_404(transfer_detail(request.auth), pk=transfer_id)
    step = get_object_or_404(transfer.steps.all(), pk=step_id)
    services.step_attach(actor=request.auth, transfer=transfer, step=step, uploads=files)
    return Status(201, next(s["files"] for s in _out(request, transfer_id)["steps"] if s["id"] == step_id))


@router.get("/transfers/{transfer_id}/files/{attachment_id}", summary="下载步骤所附文书")
def step_file(request, transfer_id: int, attachment_id: int):
    return attachment_response(get_object_or_404(transfer_detail(request.auth), pk=transfer_id), attachment_id)


@router.get("/supervision", response=SupervisionOut,
            summary="检察监督：应移未移、公安逾期未决定、不予立案未复议、监督意见")
def supervision(request):
    user = request.auth
    return {
        "untransferred": [{"case_id": c.pk, "number": c.number, "title": c.title, "agency": c.agency.name,
                           "crime_alerts": c.crime_alerts} for c in untransferred_over_threshold(user)[:200]],
        "overdue": [{"transfer_id": d.transfer_id, "rule": d.rule, "title": d.title, "due": d.due_at,
                     "police": d.transfer_police} for d in overdue_police_decisions(user)[:200]],
        "non_filings": [{"transfer_id": t.pk, "case_id": t.case_id, "state": t.state}
                        for t in unchallenged_non_filings(user)[:200]],
        "opinions": [opinion_out(o) for o in opinions(user)[:200]],
    }


@router.post("/cases/{case_id}/supervision-opinions", response={201: OpinionOut}, summary="发出检察监督意见")
def opinion_create(request, case_id: int, payload: OpinionIn):
    opinion = opinion_issue(actor=request.auth, case=case_or_404(request.auth, case_id), text=payload.text)
    return Status(201, opinion_out(opinion))


@router.post("/supervision-opinions/{opinion_id}/answer", response=OpinionOut, summary="答复检察监督意见（机关负责人）")
def opinion_reply(request, opinion_id: int, payload: AnswerIn):
    opinion = get_object_or_404(opinions(request.auth), pk=opinion_id)
    return opinion_out(opinion_answer(actor=request.auth, opinion=opinion, answer=payload.answer))


def opinion_out(o) -> dict:
    return {"id": o.pk, "case_id": o.case_id, "procuratorate": o.procuratorate.name, "text": o.text,
            "issued_by": o.issued_by.display_name, "issued_at": o.issued_at, "answer": o.answer,
            "answered_at": o.answered_at}
