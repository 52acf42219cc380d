"""API routes for a case's evidence: list, add with files (multipart), record custody, download."""
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from ipenforce.cases.selectors import case_or_404
from ipenforce.evidence import services
from ipenforce.evidence.downloads import file_response
from ipenforce.evidence.presenters import evidence_out
from ipenforce.evidence.schemas import CustodyIn, CustodyOut, EvidenceIn, EvidenceOut, ProvesIn
from ipenforce.evidence.selectors import case_evidence

router = Router(tags=["evidence"])


@router.get("/cases/{case_id}/evidence", response=list[EvidenceOut], summary="案件证据（含文件哈希、保管链）")
def evidence_list(request, case_id: int):
    return [evidence_out(item) for item in case_evidence(case_or_404(request.auth, case_id))]


@router.post("/cases/{case_id}/evidence", response={201: EvidenceOut},
             summary="登记证据并上传文件（multipart；文件按内容识别类型、按 SHA-256 去重存储）")
def evidence_create(request, case_id: int, payload: Form[EvidenceIn], files: File[list[UploadedFile]] = None):
    case = case_or_404(request.auth, case_id)
    data = payload.dict()
    item = services.evidence_add(actor=request.auth, case=case, uploads=files or [], **data)
    return Status(201, evidence_out(case_evidence(case).get(pk=item.pk)))


@router.patch("/cases/{case_id}/evidence/{item_id}", response=EvidenceOut, summary="修改证据的证明对象")
def evidence_proves(request, case_id: int, item_id: int, payload: ProvesIn):
    case = case_or_404(request.auth, case_id)
    item = get_object_or_404(case_evidence(case), pk=item_id)
    services.evidence_proves_set(actor=request.auth, item=item, proves=payload.proves)
    return evidence_out(case_evidence(case).get(pk=item.pk))


@router.post("/cases/{case_id}/evidence/{item_id}/custody", response={201: CustodyOut}, summary="记录保管链事项")
def custody_create(request, case_id: int, item_id: int, payload: CustodyIn):
    item = get_object_or_404(case_evidence(case_or_404(request.auth, case_id)), pk=item_id)
    event = services.custody_record(actor=request.auth, item=item, **payload.dict())
    return Status(201, {"kind": event.kind, "actor": event.actor.display_name, "at": event.at, "place": event.place,
                        "note": event.note})


@router.get("/cases/{case_id}/evidence/files/{file_id}", summary="下载证据文件")
def evidence_download(request, case_id: int, file_id: int):
    return file_response(case_or_404(request.auth, case_id), file_id)
