"""API routes of the protection desk: complaints and takedown notices for the centre, rights holders and bureaus,
and the platform interface (a platform's token lists the notices addressed to it and posts its steps under its
own reference, idempotently)."""
import json
from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from ipenforce.core.errors import ApplicationError, PermissionDenied, ValidationFailed
from ipenforce.core.pagination import MAX_OFFSET
from ipenforce.orgs.ratelimit import limit_reached
from ipenforce.protection import permissions, services
from ipenforce.protection.documents import certificate_response, docx_response, registration_file_response
from ipenforce.protection.models import Mediation
from ipenforce.protection.presenters import (
    adjudication_out,
    certificate_out,
    complaint_out,
    mediation_out,
    mediator_out,
    notice_out,
    registration_out,
)
from ipenforce.protection.schemas import (
    ActionIn,
    AdjudicationOut,
    AdjudicationPage,
    CaseloadOut,
    CertificateOut,
    ComplaintIn,
    ComplaintOut,
    ComplaintPage,
    MediationIn,
    MediationOut,
    MediationPage,
    MediatorIn,
    MediatorOut,
    NoticeOut,
    NoticePage,
    PlatformActionIn,
    PlatformResult,
    RegistrationOut,
    RegistrationPage,
    RegistrationReceived,
    StatisticsOut,
)
from ipenforce.protection.selectors import (
    adjudication_detail,
    adjudication_list,
    centre_statistics,
    complaint_detail,
    complaint_list,
    mediation_detail,
    mediation_list,
    mediator_registry,
    notice_detail,
    notice_list,
    organisation_caseloads,
    registration_detail,
    registration_list,
    visible_certificates,
)
from ipenforce.protection.workflow import ADJUDICATION, COMPLAINT, MEDIATION, NOTICE, REGISTRATION
from ipenforce.workflow.services import perform

router = Router(tags=["protection"])
MEDIATION_KINDS = [key for key, _label in Mediation.KINDS]


def _data(request) -> dict:
    data = json.loads(request.body or b"{}")
    data.pop("version", None)
    return data


def _complaint(request, complaint_id: int) -> dict:
    return complaint_out(get_object_or_404(complaint_detail(request.auth), pk=complaint_id), request.auth)


def _notice(request, notice_id: int) -> dict:
    return notice_out(get_object_or_404(notice_detail(request.auth), pk=notice_id), request.auth)


@router.get("/complaints", response=ComplaintPage, summary="投诉列表（按数据权限；awaiting_me=true 为待我办理的）")
def complaint_index(request, state: str | None = None, awaiting_me: bool = False,
                    limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    selected = complaint_list(request.auth, state=state, awaiting_me=awaiting_me)
    page = complaint_detail(request.auth).filter(pk__in=selected.values("pk"))[offset:offset + limit]
    return {"count": selected.count(), "items": [complaint_out(c, request.auth) for c in page]}


@router.post("/complaints", response={201: ComplaintOut},
             summary="登记投诉（保护中心）或提交投诉（权利人用户，投诉人即本单位）")
def complaint_create(request, payload: ComplaintIn):
    data = payload.dict()
    received_on = data.pop("received_on") or timezone.localdate()
    complaint = services.complaint_register(actor=request.auth, data=data, received_on=received_on)
    return Status(201, _complaint(request, complaint.pk))


@router.get("/complaints/{complaint_id}", response=ComplaintOut, summary="投诉详情（状态、缺少的材料、期限、可办事项）")
def complaint_get(request, complaint_id: int):
    return _complaint(request, complaint_id)


@router.post("/complaints/{complaint_id}/actions/{action}", response=ComplaintOut, summary="办理投诉的一个步骤")
def complaint_action(request, complaint_id: int, action: str, payload: ActionIn):
    perform(procedure=COMPLAINT.key, subject_id=complaint_id, action=action, actor=request.auth,
            version=payload.version, data=_data(request))
    return _complaint(request, complaint_id)


@router.get("/takedown-notices", response=NoticePage, summary="删除通知列表（按数据权限）")
def notice_index(request, state: str | None = None, awaiting_me: bool = False,
                 limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    selected = notice_list(request.auth, state=state, awaiting_me=awaiting_me)
    page = notice_detail(request.auth).filter(pk__in=selected.values("pk"))[offset:offset + limit]
    return {"count": selected.count(), "items": [notice_out(n, request.auth) for n in page]}


@router.get("/takedown-notices/{notice_id}", response=NoticeOut, summary="删除通知详情")
def notice_get(request, notice_id: int):
    return _notice(request, notice_id)


@router.post("/takedown-notices/{notice_id}/actions/{action}", response=NoticeOut,
             summary="办理删除通知的一个步骤（权利人、保护中心、平台）")
def notice_action(request, notice_id: int, action: str, payload: ActionIn):
    perform(procedure=NOTICE.key, subject_id=notice_id, action=action, actor=request.auth,
            version=payload.version, data=_data(request))
    return _notice(request, notice_id)


def _platform_user(request):
    if not permissions.speaks_for_platform(request.auth):
        raise PermissionDenied(_("只有电子商务平台的对接人员可以调用平台接口。"))
    return request.auth


@router.get("/platform/notices", response=NoticePage,
            summary="平台接口：发给本平台的通知（state=sent 为待采取措施的新通知）")
def platform_notices(request, state: str | None = None, limit: int = Query(50, ge=1, le=200),
                     offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    user = _platform_user(request)
    selected = notice_list(user, state=state, platform_id=user.agency_id)
    page = notice_detail(user).filter(pk__in=selected.values("pk"))[offset:offset + limit]
    return {"count": selected.count(), "items": [notice_out(n, user) for n in page]}


@router.post("/platform/notices/{notice_id}/actions/{action}", response={200: PlatformResult, 201: PlatformResult},
             summary="平台接口：报告必要措施、不侵权声明、终止措施（带平台业务编号 reference，幂等）")
def platform_action(request, notice_id: int, action: str, payload: PlatformActionIn):
    user = _platform_user(request)
    data = json.loads(request.body or b"{}")
    data.pop("reference", None)
    if payload.version is None:
        data.pop("version", None)
    notice, done = services.platform_act(actor=user, notice_id=notice_id, action=action,
                                         reference=payload.reference, data=data)
    return Status(201 if done else 200, {"done": done, "notice": _notice(request, notice.pk)})


def _adjudication(request, adjudication_id: int) -> dict:
    return adjudication_out(get_object_or_404(adjudication_detail(request.auth), pk=adjudication_id), request.auth)


@router.get("/adjudications", response=AdjudicationPage, summary="专利侵权纠纷行政裁决列表（按数据权限）")
def adjudication_index(request, state: str | None = None, awaiting_me: bool = False,
                       limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    selected = adjudication_list(request.auth, state=state, awaiting_me=awaiting_me)
    page = adjudication_detail(request.auth).filter(pk__in=selected.values("pk"))[offset:offset + limit]
    return {"count": selected.count(), "items": [adjudication_out(a, request.auth) for a in page]}


@router.get("/adjudications/{adjudication_id}", response=AdjudicationOut, summary="行政裁决详情")
def adjudication_get(request, adjudication_id: int):
    return _adjudication(request, adjudication_id)


@router.post("/adjudications/{adjudication_id}/actions/{action}", response=AdjudicationOut,
             summary="办理行政裁决的一个步骤（管理专利工作的部门；中止、裁决、申请强制执行经负责人批准）")
def adjudication_action(request, adjudication_id: int, action: str, payload: ActionIn):
    perform(procedure=ADJUDICATION.key, subject_id=adjudication_id, action=action, actor=request.auth,
            version=payload.version, data=_data(request))
    return _adjudication(request, adjudication_id)


@router.get("/adjudications/{adjudication_id}/documents/{document_id}", url_name="adjudication_document",
            summary="行政裁决各阶段文书 .docx（下载时校验哈希值）")
def adjudication_document(request, adjudication_id: int, document_id: int):
    adjudication = get_object_or_404(adjudication_detail(request.auth), pk=adjudication_id)
    return docx_response(get_object_or_404(adjudication.documents.all(), pk=document_id))


def _mediation(request, mediation_id: int) -> dict:
    return mediation_out(get_object_or_404(mediation_detail(request.auth), pk=mediation_id), request.auth)


@router.get("/mediations", response=MediationPage, summary="调解列表（调解组织、委派或委托的法院）")
def mediation_index(request, state: str | None = None, awaiting_me: bool = False,
                    limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    selected = mediation_list(request.auth, state=state, awaiting_me=awaiting_me)
    page = mediation_detail(request.auth).filter(pk__in=selected.values("pk"))[offset:offset + limit]
    return {"count": selected.count(), "items": [mediation_out(m, request.auth) for m in page]}


@router.post("/mediations", response={201: MediationOut},
             summary="受理调解（保护中心）：行政调解，或法院委派、委托的调解（自签收材料之日起算期限）")
def mediation_create(request, payload: MediationIn):
    if payload.kind not in MEDIATION_KINDS:
        raise ValidationFailed(_("调解类型应为以下之一：%(kinds)s。") % {"kinds": "、".join(MEDIATION_KINDS)},
                               code="invalid_choice", field="kind")
    mediation = services.mediation_open(actor=request.auth, **payload.dict())
    return Status(201, _mediation(request, mediation.pk))


@router.get("/mediations/{mediation_id}", response=MediationOut, summary="调解详情")
def mediation_get(request, mediation_id: int):
    return _mediation(request, mediation_id)


@router.post("/mediations/{mediation_id}/actions/{action}", response=MediationOut,
             summary="办理调解的一个步骤（调解组织；司法确认由人民法院）")
def mediation_action(request, mediation_id: int, action: str, payload: ActionIn):
    perform(procedure=MEDIATION.key, subject_id=mediation_id, action=action, actor=request.auth,
            version=payload.version, data=_data(request))
    return _mediation(request, mediation_id)


@router.get("/protection/statistics", response=StatisticsOut,
            summary="保护中心统计：按月的投诉、删除通知、办结数和平均办结天数（保护中心用户）")
def statistics(request, year: int = Query(None, ge=2019, le=2100)):
    if not permissions.reads_statistics(request.auth):
        raise PermissionDenied(_("只有保护中心的用户可以查看保护中心统计。"))
    return centre_statistics(request.auth, year or timezone.localdate().year)


@router.get("/mediators", response=list[MediatorOut], summary="调解员名册及各调解员的在办、已结件数（保护中心、法院）")
def mediator_index(request, limit: int = Query(100, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return [mediator_out(m) for m in mediator_registry(request.auth)[offset:offset + limit]]


@router.post("/mediators", response={201: MediatorOut}, summary="登记调解员（保护中心工作人员）")
def mediator_create(request, payload: MediatorIn):
    mediator = services.mediator_register(actor=request.auth, **payload.dict())
    return Status(201, mediator_out(mediator_registry(request.auth).get(pk=mediator.pk)))


@router.get("/mediation-organisations", response=list[CaseloadOut], summary="调解组织的在办、已结调解件数")
def mediation_organisations(request):
    if not permissions.reads_roster(request.auth):
        raise PermissionDenied(_("只有保护中心或人民法院的用户可以查看调解组织名册。"))
    return organisation_caseloads(request.auth)


@router.get("/rights-certificates", response=list[CertificateOut],
            summary="权利证书（本单位登记的，及可见投诉、通知引用的）")
def certificate_index(request, limit: int = Query(100, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return [certificate_out(c) for c in visible_certificates(request.auth)[offset:offset + limit]]


@router.post("/rights-certificates", response={201: CertificateOut},
             summary="登记权利证书并上传证书文件（权利人用户；PDF、JPEG、PNG，不超过10 MB）")
def certificate_create(request, ip_type: Form[str], number: Form[str], title: Form[str], owner_name: Form[str],
                       file: File[UploadedFile], valid_until: Form[date | None] = None):
    certificate = services.certificate_file(
        actor=request.auth, content=file.read(services.CERTIFICATE_MAX_BYTES + 1), filename=file.name,
        data={"ip_type": ip_type, "number": number, "title": title, "owner_name": owner_name,
              "valid_until": valid_until})
    return Status(201, certificate_out(certificate))


@router.get("/rights-certificates/{certificate_id}/file", summary="权利证书文件（校验哈希值）")
def certificate_download(request, certificate_id: int):
    return certificate_response(get_object_or_404(visible_certificates(request.auth), pk=certificate_id))


class RateLimited(ApplicationError):
    status = 429
    code = "rate_limited"


def _registration(request, registration_id: int) -> dict:
    return registration_out(get_object_or_404(registration_detail(request.auth), pk=registration_id), request.auth)


@router.post("/public/registrations", auth=None, response={201: RegistrationReceived},
             summary="权利人、电商平台注册申请（无需登录，限制频率；保护中心核验身份后开通账号）")
def registration_create(request, organisation_name: Form[str], kind: Form[str], uscc: Form[str],
                        contact_name: Form[str], phone: Form[str], email: Form[str], username: Form[str],
                        password: Form[str], file: File[UploadedFile]):
    if limit_reached(request, "protection.registration"):
        raise RateLimited(_("访问过于频繁，请稍后再试。"))
    data = {"organisation_name": organisation_name, "kind": kind, "uscc": uscc, "contact_name": contact_name,
            "phone": phone, "email": email, "username": username}
    registration = services.registration_submit(data=data, password=password, filename=file.name,
                                                content=file.read(services.CERTIFICATE_MAX_BYTES + 1))
    return Status(201, {"id": registration.pk, "state": registration.state,
                        "message": _("注册申请已提交，保护中心核验身份后开通账号。")})


@router.get("/registrations", response=RegistrationPage, summary="单位注册申请列表（保护中心工作人员）")
def registration_index(request, state: str | None = None, awaiting_me: bool = False,
                       limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    if not permissions.checks_registrations(request.auth):
        raise PermissionDenied(_("只有保护中心工作人员可以查看单位注册申请。"))
    selected = registration_list(request.auth, state=state, awaiting_me=awaiting_me)
    page = registration_detail(request.auth).filter(pk__in=selected.values("pk"))[offset:offset + limit]
    return {"count": selected.count(), "items": [registration_out(r, request.auth) for r in page]}


@router.get("/registrations/{registration_id}", response=RegistrationOut, summary="单位注册申请详情")
def registration_get(request, registration_id: int):
    return _registration(request, registration_id)


@router.post("/registrations/{registration_id}/actions/{action}", response=RegistrationOut,
             summary="核验通过（开通单位和账号）或不予通过（写明理由）：approve、refuse")
def registration_action(request, registration_id: int, action: str, payload: ActionIn):
    perform(procedure=REGISTRATION.key, subject_id=registration_id, action=action, actor=request.auth,
            version=payload.version, data=_data(request))
    return _registration(request, registration_id)


@router.get("/registrations/{registration_id}/file", summary="注册申请的证明文件（校验哈希值）")
def registration_file(request, registration_id: int):
    return registration_file_response(get_object_or_404(registration_detail(request.auth), pk=registration_id))
