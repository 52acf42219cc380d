"""Writes of the protection desk beyond the engine's steps: registering or filing a complaint, a platform's
idempotent calls, the daily check of waiting periods, the centre's targets."""
import hashlib
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed, from_django_validation
from ipenforce.core.identifiers import InvalidIdentifier, check_uscc
from ipenforce.core.workitems import open_work_kinds
from ipenforce.evidence.files import detect_type
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.services.users import USERNAME_RE
from ipenforce.protection import permissions
from ipenforce.protection.models import (
    CentreSettings,
    Complaint,
    Mediation,
    Mediator,
    PlatformCall,
    Registration,
    RightsCertificate,
    TakedownNotice,
)
from ipenforce.protection.priority import is_priority
from ipenforce.protection.selectors import notices_wait_over
from ipenforce.protection.workflow import COMPLAINT, MEDIATION, NOTICE, REGISTRATION
from ipenforce.workflow import worklist
from ipenforce.workflow.services import create, perform

EARLIEST = date(2019, 1, 1)  # the 电子商务法 came into force; nothing the desk handles is older
COMPLAINT_FIELDS = ("complainant_name", "complainant_contact", "identity", "ip_type", "right_text", "accused_name",
                    "shop_url", "evidence", "request", "key_enterprise")


def clean(obj, exclude: list[str]) -> None:
    """The model's own validation as the one error shape (the field named, the message in Chinese)."""
    try:
        obj.full_clean(exclude=exclude)
    except DjangoValidationError as exc:
        raise from_django_validation(exc) from None


def _centre_for(actor) -> Agency:
    if actor.agency.kind == AgencyKind.PROTECTION_CENTRE:
        return actor.agency
    centre = (Agency.objects.filter(kind=AgencyKind.PROTECTION_CENTRE, is_active=True,
                                    region_code__startswith=actor.agency.region_code[:4]).order_by("path").first()
              or Agency.objects.filter(kind=AgencyKind.PROTECTION_CENTRE, is_active=True).order_by("path").first())
    if centre is None:
        raise ValidationFailed(_("尚未设立知识产权保护中心，无法提交投诉。"), code="no_centre")
    return centre


CERTIFICATE_TYPES = ("application/pdf", "image/jpeg", "image/png")
CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024


def _file_type(content: bytes, message: str) -> str:
    """The detected type of an uploaded PDF or image of at most 10 MB, else the error naming the file field."""
    kind = detect_type(content[:8192])
    if not content or len(content) > CERTIFICATE_MAX_BYTES or kind not in CERTIFICATE_TYPES:
        raise ValidationFailed(message, code="invalid_file", field="file")
    return kind


def _store(content: bytes, folder: str) -> tuple[str, str]:
    """Store a file once under its SHA-256; (the hash, the storage name)."""
    sha256 = hashlib.sha256(content).hexdigest()
    name = f"{folder}/{sha256[:2]}/{sha256}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content))
    return sha256, name


@transaction.atomic
def certificate_file(*, actor, data: dict, content: bytes, filename: str) -> RightsCertificate:
    """A rights holder files a certificate once (PDF or image, stored under its SHA-256); its complaints and
    notices then name it instead of sending it again."""
    if not permissions.files_complaints(actor):
        raise PermissionDenied(_("只有权利人用户可以登记本单位的权利证书。"))
    kind = _file_type(content, _("证书文件应为不超过10 MB的 PDF、JPEG 或 PNG 文件。"))
    certificate = RightsCertificate(holder=actor.agency, created_by=actor, filename=(filename or "")[:200] or "file",
                                    content_type=kind, sha256="-", storage_name="-",
                                    **{k: data.get(k) for k in ("ip_type", "number", "title", "owner_name",
                                                                "valid_until")})
    clean(certificate, exclude=["holder", "created_by"])
    if RightsCertificate.objects.filter(holder=actor.agency, ip_type=certificate.ip_type,
                                        number=certificate.number).exists():
        raise Conflict(_("本单位已登记证书 %(number)s。") % {"number": certificate.number}, code="duplicate",
                       field="number")
    certificate.sha256, certificate.storage_name = _store(content, "certificates")
    certificate.save()
    audit_append(actor=actor, action="rights_certificate.file", target=certificate,
                 after={"number": certificate.number, "sha256": certificate.sha256})
    return certificate


def _certificates(actor, complaint: Complaint, ids) -> list[RightsCertificate]:
    """The certificates named by id: the complainant's own (a rights holder's, or the one the centre files for)."""
    ids = [int(i) for i in ids or [] if str(i).isdigit()]
    if not ids:
        return []
    holder = complaint.complainant_id or -1
    found = list(RightsCertificate.objects.filter(pk__in=ids, holder_id=holder))
    if len(found) != len(set(ids)):
        raise ValidationFailed(_("只能引用投诉人本单位已登记的权利证书。"), code="certificate_not_found",
                               field="certificate_ids")
    return found


@transaction.atomic
def complaint_set_priority(*, actor, complaint: Complaint, priority: bool, reason: str) -> bool:
    """Put a complaint first (直通车, G-01) or back in line — the key-enterprise list's call (programs, on listing and
    periodically) or the centre's. True when the flag changed; the same call again changes nothing."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.key_enterprise == priority:
        return False
    complaint.key_enterprise = priority
    complaint.version += 1
    complaint.save(update_fields=["key_enterprise", "version"])
    audit_append(actor=actor, action="complaint.priority", target=complaint,
                 before={"key_enterprise": not priority}, after={"key_enterprise": priority, "reason": reason})
    return True


@transaction.atomic
def complaint_register(*, actor, data: dict, received_on: date) -> Complaint:
    """A complaint registered by the centre, or filed by a rights holder (then its organisation is the
    complainant); the acceptance target starts on the day it is received."""
    if not permissions.registers_complaints(actor):
        raise PermissionDenied(_("只有保护中心工作人员或权利人用户可以登记投诉。"))
    if not EARLIEST <= received_on <= timezone.localdate():
        raise ValidationFailed(_("登记日期不能晚于今天，也不能早于2019年。"), code="invalid_date", field="received_on")
    values = {k: data[k] for k in COMPLAINT_FIELDS if data.get(k) is not None}
    complaint = Complaint(centre=_centre_for(actor), received_on=received_on, created_by=actor, **values)
    if permissions.files_complaints(actor):
        complaint.complainant = actor.agency
        complaint.complainant_name = complaint.complainant_name or actor.agency.name
        complaint.key_enterprise = False  # the 直通车 flag is the centre's to set, or the key-enterprise list's
    certificates = _certificates(actor, complaint, data.get("certificate_ids"))
    if certificates and not complaint.right_text:
        complaint.right_text = "；".join(f"{c.number}（{c.title}）" for c in certificates)
    complaint.key_enterprise = complaint.key_enterprise or is_priority(complaint.identity, complaint.right_text)
    clean(complaint, exclude=["state", "version", "created_by", "centre"])
    complaint = create(procedure=COMPLAINT.key, subject=complaint, action="register", actor=actor,
                       data={"received_on": received_on})
    complaint.certificates.set(certificates)
    return complaint


@transaction.atomic
def platform_act(*, actor, notice_id: int, action: str, reference: str, data: dict) -> tuple[TakedownNotice, bool]:
    """A platform's step on a notice, under its own reference: the first call acts, a repeat returns the notice
    as it is (False: nothing done); the same reference for another notice or step is refused."""
    if not permissions.speaks_for_platform(actor):
        raise PermissionDenied(_("只有电子商务平台的对接人员可以调用平台接口。"))
    reference = (reference or "").strip()
    if not reference or len(reference) > 100:
        raise ValidationFailed(_("请提供平台业务编号（reference，不超过100字）。"), code="reference_required",
                               field="reference")
    earlier = PlatformCall.objects.filter(platform=actor.agency, reference=reference).first()
    if earlier is not None:
        if (earlier.notice_id, earlier.action) != (notice_id, action):
            raise Conflict(_("平台业务编号 %(ref)s 已用于其他通知或事项。") % {"ref": reference},
                           code="reference_reused", field="reference")
        return earlier.notice, False
    notice = TakedownNotice.objects.filter(pk=notice_id, platform=actor.agency).first()
    version = data.pop("version", None) or (notice.version if notice else 0)
    perform(procedure=NOTICE.key, subject_id=notice_id, action=action, actor=actor, version=version, data=data)
    try:
        with transaction.atomic():
            PlatformCall.objects.create(platform=actor.agency, reference=reference, notice_id=notice_id, action=action)
    except IntegrityError:  # the same reference raced in from a second call: the first one stands
        raise Conflict(_("平台业务编号 %(ref)s 正在处理，请稍后查询。") % {"ref": reference},
                       code="reference_in_flight", field="reference") from None
    return TakedownNotice.objects.get(pk=notice_id), True


def notices_check_waiting(today: date | None = None) -> int:
    """The daily check (C-17): every notice whose waiting period ended with no complaint or suit notified gets
    the platform's work item "应及时终止所采取的措施" on the day after the period. Returns how many."""
    today = today or timezone.localdate()
    count = 0
    for notice in notices_wait_over(today):
        if "takedown_notice.end" in open_work_kinds(notice):
            continue
        with transaction.atomic():
            worklist.sync(NOTICE, notice, None)
            audit_append(actor=None, action="takedown_notice.wait_over", target=notice,
                         after={"today": today.isoformat()})
        count += 1
    return count


@transaction.atomic
def centre_target_set(*, actor, acceptance_working_days: int, priority_working_days: int | None = None
                      ) -> CentreSettings:
    if not permissions.sets_targets(actor):
        raise PermissionDenied(_("只有保护中心负责人或系统管理员可以设置工作目标。"))
    if not 1 <= acceptance_working_days <= 60:
        raise ValidationFailed(_("受理审查目标应在1至60个工作日之间。"), code="invalid_target",
                               field="acceptance_working_days")
    if priority_working_days is not None and not 1 <= priority_working_days <= acceptance_working_days:
        raise ValidationFailed(_("重点企业（直通车）的目标应在1个工作日至一般投诉目标之间。"), code="invalid_target",
                               field="priority_working_days")
    values = {"acceptance_working_days": acceptance_working_days, "priority_working_days": priority_working_days}
    settings_row, _created = CentreSettings.objects.update_or_create(centre=actor.agency, defaults=values)
    audit_append(actor=actor, action="protection.target_set", target=settings_row, after=values)
    return settings_row


@transaction.atomic
def mediation_open(*, actor, kind: str, parties: str, dispute: str, received_on: date | None = None,
                   court_id: int | None = None, court_reference: str = "", complaint: Complaint | None = None,
                   online_applied_on: date | None = None, online_designated_on: date | None = None) -> Mediation:
    """The centre takes a mediation: an administrative one, or one a court assigned (委派) or entrusted (委托);
    its period runs from the day the materials were signed for (E-05) or the application accepted (E-17). A
    court's online designation (E-09) is registered first and waits on the centre's confirmation."""
    online = online_designated_on is not None
    if online:
        if kind == Mediation.ADMINISTRATIVE or online_applied_on is None or online_applied_on > online_designated_on:
            raise ValidationFailed(_("法院在线指定须写明当事人申请日期（不晚于指定日期），"
                                     "且只适用于法院委派或委托的调解。"),
                                   code="invalid_online_designation", field="online_applied_on")
        received_on = online_designated_on
    if received_on is None:
        raise ValidationFailed(_("请填写签收日期。"), code="required", field="received_on")
    if not (permissions.registers_complaints(actor) and actor.agency.kind == AgencyKind.PROTECTION_CENTRE):
        raise PermissionDenied(_("只有保护中心工作人员可以受理调解。"))
    court = None
    if kind != Mediation.ADMINISTRATIVE:
        court = Agency.objects.filter(pk=court_id, kind=AgencyKind.COURT, is_active=True).first() if court_id else None
        if court is None:
            raise ValidationFailed(_("法院委派或委托的调解须选择人民法院。"), code="court_required", field="court_id")
    if not EARLIEST <= received_on <= timezone.localdate():
        raise ValidationFailed(_("签收日期不能晚于今天。"), code="invalid_date", field="received_on")
    mediation = Mediation(organisation=actor.agency, court=court, kind=kind, parties=parties, dispute=dispute,
                          court_reference=court_reference, complaint=complaint, received_on=received_on,
                          created_by=actor)
    clean(mediation, exclude=["state", "version", "created_by", "court", "complaint"])
    if online:
        return create(procedure=MEDIATION.key, subject=mediation, action="designated_online", actor=actor,
                      data={"applied_on": online_applied_on, "designated_on": online_designated_on})
    return create(procedure=MEDIATION.key, subject=mediation, action="receive", actor=actor,
                  data={"received_on": received_on})


@transaction.atomic
def mediator_register(*, actor, name: str, roster: str = "", speciality: str = "") -> Mediator:
    """A mediator entered on the centre's roster (E-01)."""
    if not permissions.keeps_roster(actor):
        raise PermissionDenied(_("只有保护中心工作人员可以维护调解员名册。"))
    name = (name or "").strip()
    if Mediator.objects.filter(organisation=actor.agency, name=name).exists():
        raise Conflict(_("名册中已有调解员%(name)s。") % {"name": name}, code="duplicate", field="name")
    mediator = Mediator(organisation=actor.agency, name=name, roster=roster, speciality=speciality, created_by=actor)
    clean(mediator, exclude=["created_by", "organisation"])
    mediator.save()
    audit_append(actor=actor, action="mediator.register", target=mediator, after={"name": name, "roster": roster})
    return mediator


REGISTRATION_FIELDS = ("organisation_name", "kind", "uscc", "contact_name", "phone", "email", "username")


def registration_conflicts(registration: Registration, exclude_pk=None) -> None:
    """A USCC, an organisation name or a username already taken (by an account, or by an application still
    pending or approved) is refused, naming the field."""
    others = Registration.objects.filter(state__in=("pending", "approved")).exclude(pk=exclude_pk)
    if others.filter(uscc=registration.uscc).exists():
        raise Conflict(_("统一社会信用代码 %(code)s 已提交过注册申请或已开通账号。") % {"code": registration.uscc},
                       code="duplicate_uscc", field="uscc")
    name = registration.organisation_name
    if Agency.objects.filter(name=name).exists() or others.filter(organisation_name=name).exists():
        raise Conflict(_("单位名称“%(name)s”已被使用。") % {"name": name}, code="duplicate_name",
                       field="organisation_name")
    username = registration.username
    if User.objects.filter(username__iexact=username).exists() or others.filter(username__iexact=username).exists():
        raise Conflict(_("用户名“%(name)s”已被使用。") % {"name": username}, code="duplicate_username",
                       field="username")


@transaction.atomic
def registration_submit(*, data: dict, password: str, content: bytes, filename: str) -> Registration:
    """A rights holder or a platform applies for an account (public, no login): the USCC checked, the password
    through Django's validators and kept only as its hash, the proof file stored under its SHA-256. No account
    exists until the centre approves."""
    values = {k: (data.get(k) or "").strip() for k in REGISTRATION_FIELDS}
    try:
        values["uscc"] = check_uscc(values["uscc"])
    except InvalidIdentifier as exc:
        raise ValidationFailed(str(exc), code="invalid_uscc", field="uscc") from None
    if not USERNAME_RE.match(values["username"]):
        raise ValidationFailed(_("用户名应为3至150位字母、数字或 _.@- 字符。"), code="invalid_username",
                               field="username")
    centre = Agency.objects.filter(kind=AgencyKind.PROTECTION_CENTRE, is_active=True).order_by("path").first()
    if centre is None:
        raise ValidationFailed(_("尚未设立知识产权保护中心，暂不能注册。"), code="no_centre")
    registration = Registration(centre=centre, password_hash="-", filename=(filename or "")[:200] or "file",
                                content_type="-", sha256="-", storage_name="-", **values)
    clean(registration, exclude=["state", "version", "centre"])
    try:
        validate_password(password, User(username=values["username"], email=values["email"],
                                          full_name=values["contact_name"]))
    except DjangoValidationError as exc:
        raise ValidationFailed(_("密码：%(message)s") % {"message": exc.messages[0]}, code="weak_password",
                               field="password") from None
    kind = _file_type(content, _("证明文件（营业执照等）应为不超过10 MB的 PDF、JPEG 或 PNG 文件。"))
    registration_conflicts(registration)
    registration.password_hash = make_password(password)
    registration.content_type = kind
    registration.sha256, registration.storage_name = _store(content, "registrations")
    # Opened without the engine's `create`: the applicant has no account to be a step's actor.
    registration.state = "pending"
    registration.save()
    audit_append(actor=None, action="registration.submit", target=registration,
                 after={"uscc": registration.uscc, "username": registration.username, "sha256": registration.sha256})
    worklist.sync(REGISTRATION, registration, None)
    return registration
