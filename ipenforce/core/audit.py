"""Appending to the hash-chained audit log and verifying the chain."""
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from datetime import timezone as dt_timezone
from decimal import Decimal

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


def compute_hash(event: AuditEvent) -> str:
    payload = {
        "seq": event.seq,
        "prev": event.prev_hash,
        "at": event.created_at.astimezone(dt_timezone.utc).isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "agency": event.agency_id,
        "action": event.action,
        "target": [event.target_type, event.target_id, event.target_label],
        "before": event.before,
        "after": event.after,
    }
    return hashlib.sha256(_canonical(payload).encode()).hexdigest()


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


@dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: str | None  # None when the chain is intact

    @property
    def ok(self) -> bool:
        return self.problem is None


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def verify_chain() -> ChainReport:
    """Recompute every hash in order; name the first event that was changed, removed or inserted."""
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
        if compute_hash(event) != event.hash:
            return ChainReport(checked,
                               f"event #{event.seq} (id {event.pk}) does not match its hash: its content was changed")
        expected_prev = event.hash
        expected_seq += 1
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != expected_seq - 1 or head_hash != expected_prev:
        if head_seq > expected_seq - 1:
            return ChainReport(checked, f"events #{expected_seq}–#{head_seq} at the end of the chain are missing")
        return ChainReport(checked, f"the chain's recorded head (#{head_seq}) does not match its last event "
                                    f"(#{expected_seq - 1})")
    return ChainReport(checked, None)
