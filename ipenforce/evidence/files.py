"""Storing uploads by content: size limit, type detected from the bytes against an allow-list, safe names,
one stored copy per SHA-256, and re-hashing to detect tampering."""
import hashlib
import re
import unicodedata

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.core.errors import ValidationFailed
from ipenforce.evidence.models import StoredFile

CHUNK = 1024 * 1024


def safe_name(name: str) -> str:
    """The file's own name, refused when it tries to name a path; control characters removed."""
    raw = name or ""
    if "/" in raw or "\\" in raw or raw.strip() in ("", ".", "..") or ".." in raw or "\x00" in raw:
        raise ValidationFailed(_("文件名“%(name)s”不合法：不能包含路径。") % {"name": raw[:80]},
                               code="unsafe_file_name",
                               field="files")
    cleaned = "".join(c for c in unicodedata.normalize("NFC", raw) if unicodedata.category(c)[0] != "C")
    cleaned = re.sub(r"\s+", " ", cleaned).strip()[:150]
    return cleaned or "file"


def detect_type(head: bytes) -> str | None:
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _digest(upload) -> tuple[str, int, bytes]:
    sha, size, head = hashlib.sha256(), 0, b""
    upload.seek(0)
    for chunk in upload.chunks(CHUNK) if hasattr(upload, "chunks") else iter(lambda: upload.read(CHUNK), b""):
        if not head:
            head = chunk[:8192]
        sha.update(chunk)
        size += len(chunk)
        if size > settings.EVIDENCE_MAX_BYTES:
            raise ValidationFailed(_("文件“%(name)s”超过大小上限 %(mb)s MB。")
                                   % {"name": getattr(upload, "name", ""), "mb": settings.EVIDENCE_MAX_BYTES // CHUNK},
                                   code="file_too_large", field="files")
    upload.seek(0)
    return sha.hexdigest(), size, head


def store(upload) -> tuple[StoredFile, str]:
    """Validate and store one upload; returns its stored file (existing if the bytes were stored before) and name."""
    name = safe_name(getattr(upload, "name", ""))
    sha, size, head = _digest(upload)
    if size == 0:
        raise ValidationFailed(_("文件“%(name)s”是空文件。") % {"name": name}, code="empty_file", field="files")
    content_type = detect_type(head)
    if content_type not in settings.EVIDENCE_ALLOWED_TYPES:
        raise ValidationFailed(_("文件“%(name)s”的类型（%(type)s）不在允许范围内。")
                               % {"name": name, "type": content_type or _("无法识别")},
                               code="file_type_not_allowed", field="files")
    existing = StoredFile.objects.filter(sha256=sha).first()
    if existing:
        return existing, name
    storage_name = f"evidence/{sha[:2]}/{sha[2:4]}/{sha}"
    if not default_storage.exists(storage_name):
        default_storage.save(storage_name, ContentFile(upload.read()))
    try:
        with transaction.atomic():
            stored = StoredFile.objects.create(sha256=sha, size=size, content_type=content_type,
                                               storage_name=storage_name)
    except IntegrityError:  # the same bytes stored by a concurrent upload
        stored = StoredFile.objects.get(sha256=sha)
    return stored, name


def stored_file_response(stored: StoredFile, name: str) -> FileResponse:
    """A stored file as a download under the name it was uploaded with (nosniff comes from SecurityMiddleware)."""
    return FileResponse(default_storage.open(stored.storage_name, "rb"), as_attachment=True, filename=name,
                        content_type=stored.content_type)


def rehash(stored: StoredFile) -> tuple[bool, str]:
    """Re-read the stored bytes: (intact, note)."""
    if not default_storage.exists(stored.storage_name):
        return False, "missing"
    sha = hashlib.sha256()
    with default_storage.open(stored.storage_name, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            sha.update(chunk)
    if sha.hexdigest() != stored.sha256:
        return False, f"hash mismatch: {sha.hexdigest()}"
    return True, ""


def verify_all() -> tuple[int, list[StoredFile]]:
    """Re-hash every stored file and record the result on it; returns (checked, the failures)."""
    checked, failures = 0, []
    for stored in StoredFile.objects.order_by("pk").iterator(chunk_size=500):
        ok, note = rehash(stored)
        StoredFile.objects.filter(pk=stored.pk).update(checked_at=timezone.now(), check_ok=ok, check_note=note[:200])
        checked += 1
        if not ok:
            stored.check_note = note
            failures.append(stored)
    return checked, failures
