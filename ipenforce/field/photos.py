"""Writes on photos taken on the spot: each stored content-addressed as evidence of the case with its custody,
stamped with its capture time and position — from the photo's EXIF when present, else from what the phone's
browser measured (clock, Geolocation API with its accuracy) — and with the source of each kept beside it."""
import hashlib
import io
import uuid
from datetime import datetime
from decimal import Decimal

import exifread
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed
from ipenforce.evidence.choices import EvidenceKind
from ipenforce.evidence.files import detect_type
from ipenforce.evidence.services import evidence_add
from ipenforce.field.choices import MediaKind, StampSource
from ipenforce.field.models import FieldPhoto, FieldRecord
from ipenforce.field.permissions import may_write
from ipenforce.field.services import CLOCK_SKEW, aware, six_places


def _degrees(values, ref: str) -> Decimal | None:
    try:
        d, m, s = (Decimal(v.num) / Decimal(v.den) for v in values)
    except (ValueError, TypeError, ZeroDivisionError, AttributeError):
        return None
    value = d + m / 60 + s / 3600
    return six_places(-value if ref in ("S", "W") else value)


def read_exif(data: bytes) -> dict:
    """The capture time (DateTimeOriginal, with its offset when the camera wrote one, else Asia/Shanghai) and the
    GPS position of a photo; an empty dict when it has none or cannot be read."""
    try:
        tags = exifread.process_file(io.BytesIO(data), details=False)
    except Exception:  # noqa: BLE001 — a malformed EXIF block is a photo without EXIF, never a server error
        return {}
    out = {}
    raw = str(tags.get("EXIF DateTimeOriginal") or tags.get("Image DateTime") or "").strip()
    if raw:
        try:
            taken = datetime.strptime(raw, "%Y:%m:%d %H:%M:%S")
            offset = str(tags.get("EXIF OffsetTimeOriginal") or "").strip()
            if offset:
                out["captured_at"] = datetime.fromisoformat(taken.isoformat() + offset)
            else:
                out["captured_at"] = timezone.make_aware(taken)
        except ValueError:
            pass
    lat, lon = tags.get("GPS GPSLatitude"), tags.get("GPS GPSLongitude")
    if lat and lon:
        latitude = _degrees(lat.values, str(tags.get("GPS GPSLatitudeRef") or "N"))
        longitude = _degrees(lon.values, str(tags.get("GPS GPSLongitudeRef") or "E"))
        if latitude is not None and longitude is not None and abs(latitude) <= 90 and abs(longitude) <= 180:
            out["latitude"], out["longitude"] = latitude, longitude
    return out


def max_bytes() -> int:
    """The largest photo or video the phone may send (the evidence store's limit, IPENFORCE_EVIDENCE_MAX_MB)."""
    return settings.EVIDENCE_MAX_BYTES


def _media_kind(upload) -> str:
    """A photo or a video, by the bytes (not the name); anything else, or too large a file, is refused with a
    message the officer can act on."""
    upload.seek(0)
    kind = detect_type(upload.read(8192)) or ""
    upload.seek(0)
    if not kind.startswith(("image/", "video/")):
        raise ValidationFailed(_("现场拍摄只能上传照片或视频（收到的文件类型：%(type)s）。")
                               % {"type": kind or _("无法识别")}, code="not_photo_or_video", field="file")
    media = MediaKind.VIDEO if kind.startswith("video/") else MediaKind.PHOTO
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise ValidationFailed(_("%(what)s过大（%(size).1f MB），上限为 %(mb)s MB；视频请缩短拍摄时长后重新拍摄。")
                               % {"what": MediaKind(media).label, "size": size / 1024 / 1024,
                                  "mb": max_bytes() // (1024 * 1024)},
                               code="file_too_large", field="file")
    return media


def _officer_ids(case: Case, record: FieldRecord | None, actor) -> list[int]:
    """Who took the photo with whom: the record's officers, else the case's (the photographer first)."""
    if record is not None:
        ids = [o["id"] for o in record.officers]
    else:
        ids = list(case.officers.values_list("pk", flat=True))
    return [actor.pk, *[i for i in ids if i != actor.pk]]


@transaction.atomic
def photo_add(*, actor, case: Case, upload, captured_at=None, latitude=None, longitude=None, accuracy_m=None,
              client_key: uuid.UUID | None = None, device_sha256: str = "", record: FieldRecord | None = None
              ) -> tuple[FieldPhoto, bool]:
    """Store a photo as evidence with its stamp; (photo, created). A key the phone sent before returns the photo
    it made then. A hash computed on the phone must match the bytes received."""
    if not may_write(actor, case):
        raise PermissionDenied(_("只有本案办案单位的办案人员可以在案件办结前上传现场照片。"))
    if client_key:
        existing = FieldPhoto.objects.filter(client_key=client_key).select_related("stored").first()
        if existing:
            if existing.case_id != case.pk or existing.created_by_id != actor.pk:
                raise Conflict(_("该客户端标识已用于另一张照片。"), code="client_key_reused", field="client_key")
            return existing, False
    if record is not None and record.case_id != case.pk:
        raise ValidationFailed(_("笔录不属于本案。"), code="record_not_of_case", field="record_id")
    media = _media_kind(upload)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    sha = hashlib.sha256(data).hexdigest()
    if device_sha256 and device_sha256.lower() != sha:
        raise ValidationFailed(_("照片在传输中发生变化（手机端校验值与收到的文件不一致），请重新上传。"),
                               code="hash_mismatch", field="device_sha256")
    exif = read_exif(data) if media == MediaKind.PHOTO else {}
    now = timezone.now()
    if exif.get("captured_at") and exif["captured_at"] <= now + CLOCK_SKEW:
        taken, time_source = exif["captured_at"], StampSource.EXIF
    elif captured_at:
        taken, time_source = aware(captured_at), StampSource.BROWSER
    else:
        taken, time_source = now, StampSource.SERVER
    if taken > now + CLOCK_SKEW:
        raise ValidationFailed(_("拍摄时间不能晚于现在。"), code="time_in_future", field="captured_at")
    taken = min(taken, now)
    if "latitude" in exif:
        position = (exif["latitude"], exif["longitude"], None, StampSource.EXIF)
    elif latitude is not None and longitude is not None:
        position = (six_places(latitude), six_places(longitude), accuracy_m, StampSource.BROWSER)
    else:
        position = (None, None, None, StampSource.NONE)
    where = f"{position[0]}, {position[1]}" if position[0] is not None else _("未取得位置")
    place = record.place if record is not None else where
    what = _("现场照片（%(time)s，%(where)s）") if media == MediaKind.PHOTO else _("现场视频（%(time)s，%(where)s）")
    item = evidence_add(actor=actor, case=case, kind=EvidenceKind.AUDIOVISUAL,
                        description=what % {"time": timezone.localtime(taken).strftime("%Y-%m-%d %H:%M:%S"),
                                            "where": where},
                        source=_("现场拍摄"), place=place[:200], collected_at=taken,
                        collector_ids=_officer_ids(case, record, actor), uploads=[upload])
    stored = item.files.get().stored
    photo = FieldPhoto(case=case, record=record, client_key=client_key, media=media, evidence_item=item, stored=stored,
                       captured_at=taken, time_source=time_source, latitude=position[0], longitude=position[1],
                       accuracy_m=position[2], position_source=position[3], device_sha256=device_sha256.lower(),
                       created_by=actor)
    try:
        with transaction.atomic():
            photo.save()
    except IntegrityError:  # the same key sent twice at once
        raise Conflict(_("该照片正在上传，请稍后刷新。"), code="duplicate_in_flight", field="client_key") from None
    audit_append(actor=actor, action="field_photo.add", target=photo, after={
        "case": case.pk, "media": media, "sha256": stored.sha256, "captured_at": taken.isoformat(),
        "time_source": time_source,
        "position": [str(position[0] or ""), str(position[1] or ""), position[2]], "position_source": position[3]})
    return photo, True
