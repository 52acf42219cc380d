"""API routes for on-site records (written, signed, sealed, corrected, verified), photos and the phone's list."""
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from ipenforce.cases.selectors import case_or_404
from ipenforce.documents.presenters import document_out
from ipenforce.documents.schemas import DocumentOut
from ipenforce.evidence.files import stored_file_response
from ipenforce.field import services
from ipenforce.field.choices import MediaKind
from ipenforce.field.leads import lead_register
from ipenforce.field.photos import photo_add
from ipenforce.field.presenters import phone_case_out, photo_out, record_out
from ipenforce.field.schemas import (
    EvidenceListRowOut,
    PhoneCaseOut,
    PhoneLeadIn,
    PhotoIn,
    PhotoOut,
    RecordIn,
    RecordOut,
    RecordPatch,
    SignatureIn,
    VerifyOut,
    VersionIn,
)
from ipenforce.field.selectors import (
    agency_officers,
    case_photos,
    case_records,
    evidence_list,
    phone_cases,
    photo_or_404,
    record_or_404,
)
from ipenforce.field.stamp import stamped_copy

router = Router(tags=["field"])


def _out(request, record_id: int) -> dict:
    return record_out(record_or_404(request.auth, record_id))


@router.get("/field/cases", response=list[PhoneCaseOut], summary="我的在办案件和线索（手机端，最多50件）")
def my_cases(request):
    cases = list(phone_cases(request.auth))
    unassigned = agency_officers([c for c in cases if not c.officers.all()])
    return [phone_case_out(c, unassigned.get(c.pk)) for c in cases]


@router.post("/field/leads", response={200: PhoneCaseOut, 201: PhoneCaseOut},
             summary="手机端登记线索（来源：监督检查），与桌面端登记同一流程；"
                     "client_key 相同的重复提交返回第一次的线索")
def lead_create(request, payload: PhoneLeadIn):
    data = payload.dict(include={"title", "ip_type", "description", "discovered_on"})
    parties = ([{"kind": payload.party_kind, "name": payload.party_name, "address": payload.party_address,
                 "uscc": payload.party_uscc, "id_number": payload.party_id_number}]
               if payload.party_name.strip() else [])
    case, created = lead_register(actor=request.auth, client_key=payload.client_key, data=data, parties=parties,
                                  registered_at=payload.registered_at, latitude=payload.latitude,
                                  longitude=payload.longitude, accuracy_m=payload.accuracy_m)
    case = case_or_404(request.auth, case.pk)
    officers = None if case.officers.exists() else agency_officers([case]).get(case.pk)
    return Status(201 if created else 200, phone_case_out(case, officers))


@router.get("/field/cases/{case_id}/records", response=list[RecordOut], summary="案件的笔录")
def record_list(request, case_id: int):
    return [record_out(r) for r in case_records(case_or_404(request.auth, case_id))]


@router.post("/field/cases/{case_id}/records", response={200: RecordOut, 201: RecordOut},
             summary="制作笔录（可同时提交签名并封存；client_key 相同的重复提交返回第一次的笔录，状态码200）")
def record_create(request, case_id: int, payload: RecordIn):
    case = case_or_404(request.auth, case_id)
    data = payload.dict(exclude={"kind", "client_key", "signatures", "seal", "case_version"})
    data["questions"] = [q for q in data.get("questions") or []]
    record, created = services.record_submit(
        actor=request.auth, case=case, kind=payload.kind, client_key=payload.client_key, data=data,
        signatures=[s.dict() for s in payload.signatures], seal=payload.seal, case_version=payload.case_version)
    return Status(201 if created else 200, _out(request, record.pk))


@router.get("/field/records/{record_id}", response=RecordOut, summary="笔录详情（签名、封存校验值、尚缺事项）")
def record_get(request, record_id: int):
    return _out(request, record_id)


@router.patch("/field/records/{record_id}", response=RecordOut, summary="修改笔录草稿（带 version；已封存的不能修改）")
def record_update(request, record_id: int, payload: RecordPatch):
    record = record_or_404(request.auth, record_id)
    data = payload.dict(exclude={"version"}, exclude_unset=True)
    services.record_update(actor=request.auth, record=record, version=payload.version, data=data)
    return _out(request, record_id)


@router.post("/field/records/{record_id}/signatures", response={201: RecordOut},
             summary="签名（手写签名图像），或记录当事人拒绝签名")
def record_sign(request, record_id: int, payload: SignatureIn):
    record = record_or_404(request.auth, record_id)
    services.record_sign(actor=request.auth, record=record, **payload.dict())
    return Status(201, _out(request, record_id))


@router.post("/field/records/{record_id}/seal", response=RecordOut,
             summary="封存笔录：内容与签名一并计算校验值，生成文书，登记为证据")
def record_seal(request, record_id: int, payload: VersionIn):
    services.record_seal(actor=request.auth, record=record_or_404(request.auth, record_id), version=payload.version)
    return _out(request, record_id)


@router.post("/field/records/{record_id}/correct", response={201: RecordOut},
             summary="更正已封存的笔录：生成引用原笔录的新草稿，原笔录保留")
def record_correct(request, record_id: int):
    correction = services.record_correct(actor=request.auth, record=record_or_404(request.auth, record_id))
    return Status(201, _out(request, correction.pk))


@router.get("/field/records/{record_id}/verify", response=VerifyOut, summary="校验封存的笔录是否被改动")
def record_verify(request, record_id: int):
    problems = services.record_verify(record_or_404(request.auth, record_id))
    return {"intact": not problems, "problems": problems}


@router.get("/field/records/{record_id}/signatures/{signature_id}", summary="签名图像")
def signature_image(request, record_id: int, signature_id: int):
    signature = get_object_or_404(record_or_404(request.auth, record_id).signatures.exclude(stored=None),
                                  pk=signature_id)
    return stored_file_response(signature.stored, f"signature-{signature.pk}.png")


@router.get("/field/cases/{case_id}/photos", response=list[PhotoOut], summary="案件的现场照片（时间、位置及其来源）")
def photo_list(request, case_id: int):
    return [photo_out(p) for p in case_photos(case_or_404(request.auth, case_id))]


@router.post("/field/cases/{case_id}/photos", response={200: PhotoOut, 201: PhotoOut},
             summary="上传现场照片（multipart；时间和位置优先取照片EXIF，否则取手机浏览器提供的；"
                     "client_key 相同的重复上传返回第一次的照片，状态码200）")
def photo_create(request, case_id: int, payload: Form[PhotoIn], file: File[UploadedFile]):
    case = case_or_404(request.auth, case_id)
    record = record_or_404(request.auth, payload.record_id) if payload.record_id else None
    photo, created = photo_add(actor=request.auth, case=case, upload=file, captured_at=payload.captured_at,
                               latitude=payload.latitude, longitude=payload.longitude,
                               accuracy_m=payload.accuracy_m, client_key=payload.client_key,
                               device_sha256=payload.device_sha256, record=record)
    return Status(201 if created else 200, photo_out(case_photos(case).get(pk=photo.pk)))


@router.get("/field/cases/{case_id}/evidence-list", response=list[EvidenceListRowOut],
            summary="证据清单：每项证据的编号、来源、证明对象及出自的笔录")
def evidence_list_rows(request, case_id: int):
    return [{**row, "item": row["item"].pk} for row in evidence_list(case_or_404(request.auth, case_id))]


@router.post("/field/cases/{case_id}/evidence-list/document", response={201: DocumentOut},
             summary="生成证据清单文书（.docx，每次生成新版本）")
def evidence_list_document(request, case_id: int):
    document = services.evidence_list_generate(actor=request.auth, case=case_or_404(request.auth, case_id))
    return Status(201, document_out(document))


@router.get("/field/photos/{photo_id}/display",
            summary="现场照片的展示副本（JPEG，画面上加印拍摄时间、位置和执法人员；原件不变）")
def photo_display(request, photo_id: int):
    photo = photo_or_404(request.auth, photo_id)
    if photo.media != MediaKind.PHOTO:
        raise Http404
    return HttpResponse(stamped_copy(photo), content_type="image/jpeg")
