"""API routes for transfers: propose from a case, list, detail, perform a step (any agency's own system may
report its steps with a token)."""
import json

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from ipenforce.linkage import services
from ipenforce.linkage.presenters import transfer_out
from ipenforce.linkage.schemas import TransferActionIn, TransferOut, TransferPage, TransferPropose
from ipenforce.linkage.selectors import transfer_detail, transfer_list

router = Router(tags=["linkage"])


def _out(request, transfer_id: int) -> dict:
    return transfer_out(get_object_or_404(transfer_detail(request.auth), pk=transfer_id), request.auth)


@router.post("/cases/{case_id}/transfers", response={201: TransferOut}, summary="提出移送（书面报告）")
def transfer_create(request, case_id: int, payload: TransferPropose):
    transfer = services.transfer_propose(actor=request.auth, case=services.visible_case(request.auth, case_id),
                                         report=payload.report)
    return Status(201, _out(request, transfer.pk))


@router.get("/transfers", response=TransferPage, summary="移送列表（按数据权限；awaiting_me=true 为本单位待办）")
def transfer_index(request, state: str | None = None, awaiting_me: bool = False,
                   limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0)):
    selected = transfer_list(request.auth, state=state, awaiting_me=awaiting_me)
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
    services.transfer_perform(actor=request.auth, transfer_id=transfer_id, action=action, version=payload.version,
                              data=data)
    return _out(request, transfer_id)
