"""Writes on on-site records: write a draft (idempotent on the device's key), change it, sign, seal, correct.
Transactional and audited. Sealing turns the record into evidence of the case with its custody, renders the .docx
through the documents app and puts a step on the case's timeline."""
import base64
import binascii
import hashlib
import json
import uuid
from datetime import UTC, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed
from ipenforce.documents.render import blob_read
from ipenforce.documents.services import document_generate
from ipenforce.evidence.choices import EvidenceKind
from ipenforce.evidence.files import rehash, store
from ipenforce.evidence.services import evidence_add
from ipenforce.field.choices import RecordKind, RecordState, SignerRole
from ipenforce.field.models import FieldRecord, RecordSignature
from ipenforce.field.permissions import may_write
from ipenforce.field.selectors import evidence_list
from ipenforce.orgs.models import User
from ipenforce.orgs.selectors import acting_agency_ids
from ipenforce.workflow.services import record as timeline_record

CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock may run a little ahead of the server's
MAX_SIGNATURE_BYTES = 512 * 1024
DOCUMENT_KINDS = {RecordKind.INSPECTION: "site_record", RecordKind.INQUIRY: "inquiry_record"}
EVIDENCE_KINDS = {RecordKind.INSPECTION: EvidenceKind.RECORD, RecordKind.INQUIRY: EvidenceKind.PARTY_STATEMENT}
TEXT_FIELDS = ("place", "person_name", "person_id_number", "person_role", "person_phone", "person_address",
               "witness_name", "witness_id_number", "findings", "measures", "refusal_note")
FLAG_FIELDS = ("certificates_shown", "party_present", "rights_read")
EDITABLE = (*TEXT_FIELDS, *FLAG_FIELDS, "started_at", "ended_at", "latitude", "longitude", "accuracy_m",
            "questions", "officer_ids")


def six_places(value) -> Decimal:
    """A coordinate to the six decimal places it is kept with (about 0.1 m)."""
    return Decimal(str(value)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def aware(value):
    """A time the phone sent without its offset is a time in Asia/Shanghai (the platform's zone)."""
    return timezone.make_aware(value) if value is not None and timezone.is_naive(value) else value


def _check(actor, case: Case) -> None:
    if not may_write(actor, case):
        raise PermissionDenied(_("只有本案办案单位的办案人员可以在案件办结前制作笔录。"))


def _not_future(value, field: str) -> None:
    if value and value > timezone.now() + CLOCK_SKEW:
        raise ValidationFailed(_("时间不能晚于现在。"), code="time_in_future", field=field)


def _officers(case: Case, officer_ids: list[int], on) -> list[dict]:
    """At least two officers of the case's agency, each holding an enforcement certificate valid that day (A-16)."""
    ids = list(dict.fromkeys(int(i) for i in officer_ids))
    users = {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True,
                                                  agency_id__in=acting_agency_ids(case.agency))}
    if len(ids) < 2 or len(users) != len(ids):
        raise ValidationFailed(_("执法人员应为本单位至少两名执法人员（《行政处罚法》第四十二条、第五十五条）。"),
                               code="officers_required", field="officer_ids")
    day = timezone.localtime(on).date()
    invalid = [users[i].display_name for i in ids if not users[i].certificate_valid_on(day)]
    if invalid:
        raise ValidationFailed(_("以下执法人员没有当日有效的执法证：%(names)s。") % {"names": "、".join(invalid)},
                               code="certificate_invalid", field="officer_ids")
    return [{"id": i, "name": users[i].display_name, "certificate_no": users[i].certificate_no} for i in ids]


def _questions(value) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ValidationFailed(_("问答格式不正确。"), code="invalid_questions", field="questions")
    out = []
    for item in value:
        q, a = str(item.get("q", "")).strip(), str(item.get("a", "")).strip()
        if q or a:
            out.append({"q": q[:2000], "a": a[:5000]})
    return out


def _apply(record: FieldRecord, data: dict) -> None:
    for name in TEXT_FIELDS:
        if name in data and data[name] is not None:
            setattr(record, name, str(data[name]).strip())
    for name in FLAG_FIELDS:
        if name in data and data[name] is not None:
            setattr(record, name, bool(data[name]))
    for name in ("latitude", "longitude"):
        if name in data:
            setattr(record, name, six_places(data[name]) if data[name] is not None else None)
    if "accuracy_m" in data:
        record.accuracy_m = data["accuracy_m"]
    if data.get("started_at"):
        record.started_at = aware(data["started_at"])
    if "ended_at" in data:
        record.ended_at = aware(data["ended_at"])
    if "questions" in data and data["questions"] is not None:
        record.questions = _questions(data["questions"])
    _not_future(record.started_at, "started_at")
    _not_future(record.ended_at, "ended_at")
    if record.ended_at and record.ended_at < record.started_at:
        raise ValidationFailed(_("结束时间不能早于开始时间。"), code="ended_before_started", field="ended_at")
    if not record.place:
        raise ValidationFailed(_("请填写地点。"), code="required", field="place")
    if data.get("officer_ids") is not None:
        record.officers = _officers(record.case, data["officer_ids"], record.started_at)


@transaction.atomic
def record_create(*, actor, case: Case, kind: str, data: dict, client_key: uuid.UUID | None = None
                  ) -> tuple[FieldRecord, bool]:
    """A draft record; (record, created). A key the device sent before returns the record it made then, so a
    retried sync never writes a second one."""
    _check(actor, case)
    if client_key:
        existing = FieldRecord.objects.filter(client_key=client_key).first()
        if existing:
            return _same_sender(existing, actor, case), False
    if kind not in RecordKind.values:
        raise ValidationFailed(_("笔录种类不正确。"), code="invalid_choice", field="kind")
    record = FieldRecord(case=case, kind=kind, client_key=client_key, created_by=actor,
                         started_at=aware(data.get("started_at")) or timezone.now())
    _apply(record, {**data, "officer_ids": data.get("officer_ids") or []})
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # the same key sent twice at once: the other request wrote it
        return _same_sender(FieldRecord.objects.get(client_key=client_key), actor, case), False
    audit_append(actor=actor, action="field_record.create", target=record,
                 after={"case": case.pk, "kind": kind, "client_key": str(client_key or "")})
    return record, True


def case_unchanged(case: Case, version: int) -> None:
    """Refuse when the case was updated after the phone downloaded it (its version moved on)."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.version != version:
        raise Conflict(_("案件在您离线期间已被更新（您打开时为第%(old)s版，现为第%(new)s版，当前状态：%(state)s）。"
                         "笔录仍保存在手机上，未提交；请核对案件后重新提交或放弃。")
                       % {"old": version, "new": current.version, "state": current.get_state_display()},
                       code="case_version_conflict", field="case_version")


def _same_sender(record: FieldRecord, actor, case: Case) -> FieldRecord:
    if record.case_id != case.pk or record.created_by_id != actor.pk:
        raise Conflict(_("该客户端标识已用于另一份笔录。"), code="client_key_reused", field="client_key")
    return record


def _locked(record: FieldRecord, version: int | None) -> FieldRecord:
    locked = FieldRecord.objects.select_for_update().select_related("case", "case__agency").get(pk=record.pk)
    if locked.state != RecordState.DRAFT:
        raise Conflict(_("笔录已签名封存，不能再修改；如需更正，请制作更正笔录。"), code="record_sealed")
    if version is not None and version != locked.version:
        raise Conflict(_("笔录已被他人修改（当前版本 %(v)s），请刷新后重试。") % {"v": locked.version},
                       code="version_conflict", field="version")
    return locked


@transaction.atomic
def record_update(*, actor, record: FieldRecord, version: int, data: dict) -> FieldRecord:
    _check(actor, record.case)
    record = _locked(record, version)
    before = {name: str(getattr(record, name if name != "officer_ids" else "officers")) for name in data
              if name in EDITABLE}
    _apply(record, {k: v for k, v in data.items() if k in EDITABLE})
    record.version += 1
    record.save()
    audit_append(actor=actor, action="field_record.update", target=record, before=before,
                 after={name: str(data[name]) for name in data if name in EDITABLE})
    return record


def _image(data_url: str, field: str) -> bytes:
    """A signature drawn on the screen, sent as a data: URL of a PNG."""
    head, _sep, body = (data_url or "").partition(",")
    if head != "data:image/png;base64" or not body:
        raise ValidationFailed(_("签名应为手写签名图像（PNG）。"), code="signature_invalid", field=field)
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed(_("签名图像无法解码。"), code="signature_invalid", field=field) from None
    if len(raw) > MAX_SIGNATURE_BYTES:
        raise ValidationFailed(_("签名图像过大。"), code="signature_too_large", field=field)
    return raw


@transaction.atomic
def record_sign(*, actor, record: FieldRecord, role: str, image: str = "", refused: bool = False,
                officer_id: int | None = None, name: str = "", note: str = "", version: int | None = None
                ) -> RecordSignature:
    """One signature drawn on the screen; for the party, a refusal to sign instead (行政强制法 art.18: the refusal
    is noted in the record and a witness signs). Signing again replaces the signer's earlier signature."""
    _check(actor, record.case)
    record = _locked(record, version)
    if role not in SignerRole.values:
        raise ValidationFailed(_("签名人身份不正确。"), code="invalid_choice", field="role")
    if refused and role != SignerRole.PARTY:
        raise ValidationFailed(_("只有当事人拒绝签名的情况需要记录。"), code="refusal_party_only", field="refused")
    officer = None
    if role == SignerRole.OFFICER:
        entry = next((o for o in record.officers if officer_id is not None and o["id"] == int(officer_id)), None)
        if entry is None:
            raise ValidationFailed(_("签名的执法人员不是本笔录记载的执法人员。"), code="officer_not_on_record",
                                   field="officer_id")
        officer, name = User.objects.get(pk=entry["id"]), entry["name"]
    elif role == SignerRole.PARTY:
        name = record.person_name or name
        if not record.party_present:
            raise ValidationFailed(_("当事人不在场，应由见证人签名。"), code="party_absent", field="role")
    else:
        name = (name or record.witness_name).strip()
        if not name:
            raise ValidationFailed(_("请填写见证人姓名。"), code="required", field="name")
        record.witness_name = name
    stored = None
    if not refused:
        stored, _name = store(ContentFile(_image(image, "image"), name=f"签名-{role}.png"))
    if role == SignerRole.PARTY:
        record.party_refused = refused
        if refused:
            record.refusal_note = (note or _("当事人拒绝签名。")).strip()[:300]
    record.signatures.filter(role=role, officer=officer).delete()  # a draft's earlier signature of the same signer
    signature = RecordSignature.objects.create(record=record, role=role, officer=officer, name=name[:100],
                                               stored=stored, refused=refused, signed_at=timezone.now())
    record.version += 1
    record.save()
    audit_append(actor=actor, action="field_record.sign", target=record,
                 after={"role": role, "name": name, "refused": refused, "sha256": stored.sha256 if stored else ""})
    return signature


def _iso(value) -> str:
    return value.astimezone(UTC).isoformat() if value else ""


def _fixed(value) -> str:
    return f"{value:.6f}" if value is not None else ""


def canonical(record: FieldRecord) -> dict:
    """What a seal covers: every fact of the record and each signature's image hash, in a fixed form."""
    return {
        "record": record.pk, "kind": record.kind, "case": record.case_id, "revision": record.revision,
        "supersedes": record.supersedes_id, "started_at": _iso(record.started_at), "ended_at": _iso(record.ended_at),
        "place": record.place, "position": [_fixed(record.latitude), _fixed(record.longitude), record.accuracy_m],
        "officers": record.officers, "certificates_shown": record.certificates_shown,
        "party_present": record.party_present,
        "person": [record.person_name, record.person_id_number, record.person_role, record.person_phone,
                   record.person_address],
        "witness": [record.witness_name, record.witness_id_number], "rights_read": record.rights_read,
        "findings": record.findings, "measures": record.measures, "questions": record.questions,
        "party_refused": record.party_refused, "refusal_note": record.refusal_note,
        "signatures": [{"role": s.role, "name": s.name, "officer": s.officer_id, "refused": s.refused,
                        "signed_at": _iso(s.signed_at), "sha256": s.stored.sha256 if s.stored else ""}
                       for s in record.signatures.select_related("stored").order_by("pk")],
    }


def seal_hash(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                          .encode()).hexdigest()


def missing_for_seal(record: FieldRecord) -> list[tuple[str, str, str]]:
    """What the law still wants before the record can be sealed: (code, message, field)."""
    out = []
    if not record.certificates_shown:
        out.append(("certificates_not_shown", _("应记录执法人员已出示执法证件（《行政处罚法》第五十五条）。"),
                    "certificates_shown"))
    if record.kind == RecordKind.INSPECTION and not record.findings.strip():
        out.append(("findings_required", _("请填写现场检查情况。"), "findings"))
    if record.kind == RecordKind.INQUIRY:
        if not record.questions:
            out.append(("questions_required", _("询问笔录应逐项记录问答。"), "questions"))
        if not record.rights_read:
            out.append(("rights_not_read", _("应记录已告知被询问人的权利义务。"), "rights_read"))
    signatures = list(record.signatures.all())
    signed_officers = {s.officer_id for s in signatures if s.role == SignerRole.OFFICER}
    if any(o["id"] not in signed_officers for o in record.officers) or len(record.officers) < 2:
        out.append(("officer_signature_missing", _("每名执法人员都应签名。"), "signatures"))
    party = next((s for s in signatures if s.role == SignerRole.PARTY), None)
    witness = any(s.role == SignerRole.WITNESS for s in signatures)
    if record.party_present and not record.person_name:
        out.append(("required", _("请填写当事人或被询问人姓名。"), "person_name"))
    if record.party_present and party is None:
        out.append(("party_signature_missing", _("当事人应签名；拒绝签名的，应记录拒绝签名的情况。"), "signatures"))
    if (not record.party_present or record.party_refused) and not witness:
        out.append(("witness_required",
                    _("当事人不在场或拒绝签名的，应由见证人签名（《行政强制法》第十八条）。"), "signatures"))
    return out


def _document_context(record: FieldRecord, seal: str) -> dict:
    local = timezone.localtime
    person = "、".join(x for x in (record.person_name, record.person_role, record.person_id_number,
                                   record.person_address, record.person_phone) if x)
    refused = _("当事人拒绝签名：%(note)s") % {"note": record.refusal_note} if record.party_refused else ""
    return {
        "record": {
            "started_at": local(record.started_at).strftime("%Y年%m月%d日 %H:%M"),
            "ended_at": local(record.ended_at).strftime("%Y年%m月%d日 %H:%M") if record.ended_at else "",
            "place": record.place,
            "officers": "、".join(f"{o['name']}（执法证号 {o['certificate_no']}）" for o in record.officers),
            "person": person if record.party_present else _("当事人不在场"),
            "witness": "、".join(x for x in (record.witness_name, record.witness_id_number) if x),
            "certificates": _("执法人员已出示执法证件。") if record.certificates_shown else "",
            "rights": _("已告知被询问人的权利和义务。") if record.rights_read else "",
            "findings": record.findings, "measures": record.measures,
            "refusal": f"{refused} {_('封存校验值（SHA-256）')}：{seal}".strip(),
        },
        "qa": [{"number": str(i), "q": q["q"], "a": q["a"]} for i, q in enumerate(record.questions, start=1)],
        "signers": [{"role": s.get_role_display(), "name": s.name,
                     "signed": _("拒绝签名") if s.refused else _("已签名 %(at)s")
                     % {"at": local(s.signed_at).strftime("%Y-%m-%d %H:%M")},
                     "sha256": s.stored.sha256 if s.stored else ""}
                    for s in record.signatures.select_related("stored").order_by("pk")],
    }


@transaction.atomic
def record_seal(*, actor, record: FieldRecord, version: int | None = None) -> FieldRecord:
    """Lock a signed record: its content and signature hashes sealed together, the .docx rendered, the record
    registered as evidence of the case (custody starts), the corrected record marked as superseded."""
    _check(actor, record.case)
    record = _locked(record, version)
    missing = missing_for_seal(record)
    if missing:
        code, message, field = missing[0]
        raise ValidationFailed("；".join(m for _c, m, _f in missing), code=code, field=field)
    record.ended_at = record.ended_at or timezone.now()
    record.save()
    content = canonical(record)
    seal = seal_hash(content)
    case = record.case
    document = document_generate(actor=actor, case=case, kind=DOCUMENT_KINDS[record.kind],
                                 record_fields=_document_context(record, seal))
    title = record.get_kind_display()
    uploads = [ContentFile(blob_read(document.storage_name, document.sha256),
                           name=f"{title}（第{record.revision}版）.docx")]
    for signature in record.signatures.select_related("stored"):
        if signature.stored:
            with default_storage.open(signature.stored.storage_name, "rb") as handle:
                name = f"签名-{signature.get_role_display()}-{signature.name}.png"
                uploads.append(ContentFile(handle.read(), name=name))
    item = evidence_add(actor=actor, case=case, kind=EVIDENCE_KINDS[record.kind],
                        description=_("%(title)s：%(place)s，%(person)s") % {
                            "title": title, "place": record.place, "person": record.person_name or record.witness_name},
                        source=record.person_name or record.place, place=record.place,
                        collected_at=min(record.ended_at, timezone.now()),
                        collector_ids=[o["id"] for o in record.officers], uploads=uploads)
    record.state, record.sealed_at, record.sealed_by, record.seal_sha256 = (
        RecordState.SEALED, timezone.now(), actor, seal)
    record.evidence_item, record.document = item, document
    record.sealed_file = item.files.order_by("pk").first().stored
    record.version += 1
    record.save()
    if record.supersedes_id:
        FieldRecord.objects.filter(pk=record.supersedes_id).update(state=RecordState.SUPERSEDED)
    timeline_record(subject=case, actor=actor, action="field_record",
                    comment=f"{title}（第{record.revision}版）SHA-256 {seal[:16]}…")
    audit_append(actor=actor, action="field_record.seal", target=record,
                 after={"seal_sha256": seal, "content": content, "evidence": item.pk, "document": document.pk})
    return record


@transaction.atomic
def record_correct(*, actor, record: FieldRecord) -> FieldRecord:
    """A correction: a new draft carrying the sealed record's content and referring to it; the old one stays as
    it was sealed, and is marked superseded when the correction is sealed."""
    _check(actor, record.case)
    record = FieldRecord.objects.select_for_update().get(pk=record.pk)
    if record.state != RecordState.SEALED:
        raise Conflict(_("只有已签名封存且未被更正的笔录可以更正。"), code="record_not_sealed")
    if FieldRecord.objects.filter(supersedes=record).exists():
        raise Conflict(_("这份笔录已有更正笔录。"), code="correction_exists")
    fields = {name: getattr(record, name) for name in (*TEXT_FIELDS, *FLAG_FIELDS, "started_at", "ended_at",
                                                       "latitude", "longitude", "accuracy_m", "questions",
                                                       "officers")}
    fields.update(party_refused=False, refusal_note="")
    correction = FieldRecord.objects.create(case=record.case, kind=record.kind, supersedes=record,
                                            revision=record.revision + 1, created_by=actor, **fields)
    audit_append(actor=actor, action="field_record.correct", target=correction, after={"supersedes": record.pk})
    return correction


def record_verify(record: FieldRecord) -> list[str]:
    """What no longer matches the seal: the content as stored now, each signature image, the sealed document."""
    if record.state == RecordState.DRAFT:
        return []
    problems = []
    if seal_hash(canonical(record)) != record.seal_sha256:
        problems.append(_("笔录内容与封存时不一致"))
    for signature in record.signatures.select_related("stored"):
        if signature.stored and not rehash(signature.stored)[0]:
            problems.append(_("%(name)s的签名图像被改动或缺失") % {"name": signature.name})
    if record.sealed_file and not rehash(record.sealed_file)[0]:
        problems.append(_("封存的笔录文书被改动或缺失"))
    return problems


def records_check() -> tuple[int, list[str]]:
    """Every sealed (or superseded) record against its seal: (checked, a line per record that changed). Run by
    `verify_records` and, through evidence.integrity, by `verify_evidence`."""
    checked, broken = 0, []
    records = FieldRecord.objects.exclude(state=RecordState.DRAFT).select_related("sealed_file")
    for record in records.order_by("pk").iterator(chunk_size=200):
        checked += 1
        problems = record_verify(record)
        if problems:
            broken.append(f"record {record.pk} (case {record.case_id}): {'; '.join(problems)}")
    return checked, broken


@transaction.atomic
def record_submit(*, actor, case: Case, kind: str, client_key: uuid.UUID, data: dict, signatures: list[dict],
                  seal: bool, case_version: int | None = None) -> tuple[FieldRecord, bool]:
    """The phone's sync of a record written offline: the draft, its signatures and the seal in one transaction,
    once per key (a retry returns what the first sync made). With the case's version as the phone saw it, a case
    updated since (its state or details changed by someone else) refuses the record: the officer is shown the
    conflict and decides, nothing is written over."""
    if case_version is not None and not (client_key and FieldRecord.objects.filter(client_key=client_key).exists()):
        case_unchanged(case, case_version)
    record, created = record_create(actor=actor, case=case, kind=kind, data=data, client_key=client_key)
    if not created:
        return record, False
    for signature in signatures:
        record_sign(actor=actor, record=record, role=signature.get("role", ""), image=signature.get("image") or "",
                    refused=bool(signature.get("refused")), officer_id=signature.get("officer_id"),
                    name=signature.get("name") or "", note=signature.get("note") or "")
    if seal:
        record = record_seal(actor=actor, record=record)
    return FieldRecord.objects.get(pk=record.pk), True


EVIDENCE_LIST_COLUMNS = ("number", "kind", "description", "source", "proves", "record")


@transaction.atomic
def evidence_list_generate(*, actor, case: Case):
    """The case's 证据清单 as a .docx through the documents app (a new version each time, hashed, on the timeline)."""
    rows = [{name: str(row[name]) for name in EVIDENCE_LIST_COLUMNS} for row in evidence_list(case)]
    if not rows:
        raise ValidationFailed(_("本案尚未登记证据，不能制作证据清单。"), code="no_evidence", field="evidence")
    return document_generate(actor=actor, case=case, kind="evidence_list", extra={"evidence_list": rows})
