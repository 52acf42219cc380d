"""Appending to the keyed hash chain of the audit log, anchoring its head outside the database, verifying both.

Each event's hash is an HMAC-SHA-256 (key IPENFORCE_AUDIT_KEY, never in the database) over its content and the
previous hash, so nobody with only database access can recompute the chain after changing it. The head is also
written, signed with the same key, to an append-only anchor file outside the database by `audit_anchor` (run it
from cron): a chain whose tail was cut, or a table emptied, no longer reaches the anchors and fails verification.
"""
import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from datetime import timezone as dt_timezone
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from ipenforce.core.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def _json_value(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def json_safe(data):
    """`data` with dates, decimals and model instances turned into JSON values (what JSONFields store)."""
    return json.loads(json.dumps(data, default=_json_value))


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The named fields of a model instance as JSON-safe values (foreign keys as their ids)."""
    out = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname) if field.is_relation else getattr(obj, name)
        out[name] = _json_value(value)
    return out


def _canonical(data) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_value)


def audit_key() -> bytes:
    """The chain's HMAC key: IPENFORCE_AUDIT_KEY, or one derived from the secret key when that is not set."""
    if settings.AUDIT_KEY:
        return settings.AUDIT_KEY.encode()
    return hashlib.sha256(b"ipenforce.audit:" + settings.SECRET_KEY.encode()).digest()


def _mac(text: str) -> str:
    return event_mac(audit_key(), text)


event_string = json.encoder.encode_basestring  # exactly what json.dumps(ensure_ascii=False) writes for a str


def _number(value) -> str:
    return "null" if value is None else str(value)


def event_text(seq: int, prev_hash: str, at: str, actor_id, actor_label: str, agency_id, action: str,
               target_type: str, target_id: str, target_label: str, before: str, after: str) -> str:
    """The canonical JSON an event's HMAC covers, written by string formatting: byte for byte `_canonical` of
    {seq, prev, at, actor, actor_label, agency, action, target, before, after} (keys sorted, no spaces, no ASCII
    escaping), without building a dict per event. `at` is the UTC ISO time, `before`/`after` already canonical
    JSON text ("null" for none). The bulk loader and verify_chain's workers hash millions of events through it."""
    return (f'{{"action":{event_string(action)},"actor":{_number(actor_id)},"actor_label":{event_string(actor_label)},'
            f'"after":{after},"agency":{_number(agency_id)},"at":{event_string(at)},"before":{before},'
            f'"prev":{event_string(prev_hash)},"seq":{seq},'
            f'"target":[{event_string(target_type)},{event_string(target_id)},{event_string(target_label)}]}}')


def event_mac(key: bytes, text: str) -> str:
    return hmac.digest(key, text.encode(), "sha256").hex()


def compute_hash(event: AuditEvent) -> str:
    text = event_text(event.seq, event.prev_hash, event.created_at.astimezone(dt_timezone.utc).isoformat(),
                      event.actor_id, event.actor_label, event.agency_id, event.action, event.target_type,
                      event.target_id, event.target_label, _canonical(event.before), _canonical(event.after))
    return event_mac(audit_key(), text)


def audit_append(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    target_label: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Append one event. Runs inside the caller's transaction so the event and the change commit together."""
    if target is not None:
        target_type = target._meta.label_lower
        target_id = str(target.pk)
        target_label = str(target)[:255]
    with transaction.atomic():
        # The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) before the head is read,
        # so two writers can never chain onto the same predecessor.
        if not AuditHead.objects.filter(pk=1).update(seq=F("seq") + 1):
            AuditHead.objects.get_or_create(pk=1)
            AuditHead.objects.filter(pk=1).update(seq=F("seq") + 1)
        head = AuditHead.objects.get(pk=1)
        agency_id = getattr(actor, "agency_id", None) if actor is not None else None
        event = AuditEvent(
            seq=head.seq,
            created_at=timezone.now(),
            actor=actor if actor is not None and actor.pk else None,
            actor_label=getattr(actor, "username", "") if actor is not None else "",
            agency_id=agency_id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            target_label=target_label,
            before=json.loads(_canonical(before)) if before is not None else None,
            after=json.loads(_canonical(after)) if after is not None else None,
            prev_hash=head.hash,
        )
        event.hash = compute_hash(event)
        event.save()
        AuditHead.objects.filter(pk=1).update(hash=event.hash)
    return event


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


# -- anchors: the head, signed, outside the database --------------------------------------------------------

def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHOR_DIR) / "audit-anchors.jsonl"


def _anchor_text(seq: int, hash_: str, at: str) -> str:
    return f"ipenforce-audit-anchor|{seq}|{hash_}|{at}"


def audit_anchor_write() -> dict | None:
    """Append the chain's current head to the anchor file (signed); None when nothing new since the last one."""
    head = AuditHead.objects.filter(pk=1).first()
    if head is None or head.seq == 0:
        return None
    anchors = read_anchors()
    if anchors and anchors[-1].get("seq") == head.seq and anchors[-1].get("hash") == head.hash:
        return None
    at = timezone.now().astimezone(dt_timezone.utc).isoformat()
    line = {"seq": head.seq, "hash": head.hash, "at": at, "mac": _mac(_anchor_text(head.seq, head.hash, at))}
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return line


def read_anchors() -> list[dict]:
    path = anchor_path()
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    anchors = []
    for line in lines:
        if not line.strip():
            continue
        try:
            anchors.append(json.loads(line))
        except ValueError:
            anchors.append({"invalid": line[:80]})
    return anchors


def _anchor_problem(anchors: list[dict]) -> str | None:
    for number, anchor in enumerate(anchors, start=1):
        try:
            text = _anchor_text(int(anchor["seq"]), str(anchor["hash"]), str(anchor["at"]))
            valid = hmac.compare_digest(_mac(text), str(anchor["mac"]))
        except (KeyError, TypeError, ValueError):
            valid = False
        if not valid:
            return f"anchor {number} in {anchor_path()} is not signed with the audit key"
    return None


# -- verification ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: str | None  # None when the chain is intact
    anchors: int = 0

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain() -> ChainReport:
    """Recompute every keyed hash in order, then check the head and every anchor written outside the database;
    name the first event that was changed, removed or inserted, or the anchor the chain no longer reaches."""
    anchors = read_anchors()
    problem = _anchor_problem(anchors)
    if problem:
        return ChainReport(0, problem, len(anchors))
    anchored = {int(a["seq"]): a for a in anchors}
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    for event in _events():
        checked += 1
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                return ChainReport(checked, f"events #{expected_seq}–#{event.seq - 1} are missing before event "
                                            f"#{event.seq} (id {event.pk})")
            return ChainReport(checked, f"event #{event.seq} (id {event.pk}) is out of sequence")
        if event.prev_hash != expected_prev:
            return ChainReport(checked, f"event #{event.seq} (id {event.pk}) does not follow the previous event's hash")
        if not hmac.compare_digest(compute_hash(event), event.hash):
            return ChainReport(checked, f"event #{event.seq} (id {event.pk}) does not match its hash: its content "
                                        "was changed")
        anchor = anchored.get(event.seq)
        if anchor is not None and anchor["hash"] != event.hash:
            return ChainReport(checked, f"event #{event.seq} (id {event.pk}) differs from the anchor signed at "
                                        f"{anchor['at']}: the chain was rewritten")
        expected_prev = event.hash
        expected_seq += 1
    last = expected_seq - 1
    if anchored and max(anchored) > last:
        seq = max(anchored)
        return ChainReport(checked, f"events #{last + 1}–#{seq} are missing: the anchor signed at "
                                    f"{anchored[seq]['at']} records event #{seq}", len(anchors))
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != last or head_hash != expected_prev:
        if head_seq > last:
            return ChainReport(checked, f"events #{expected_seq}–#{head_seq} at the end of the chain are missing")
        return ChainReport(checked, f"the chain's recorded head (#{head_seq}) does not match its last event (#{last})")
    return ChainReport(checked, None, len(anchors))
