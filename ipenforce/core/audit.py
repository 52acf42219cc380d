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
from dataclasses import dataclass
from datetime import date, datetime
from datetime import timezone as dt_timezone
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection, models, transaction
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


def event_signer(key: bytes):
    """HMAC-SHA-256 of a text under `key` (RFC 2104), as hex: the padded key's inner and outer SHA-256 states are
    computed once and copied per message, several times cheaper than hmac.new per event."""
    block = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def sign(text: str) -> str:
        digest = inner.copy()
        digest.update(text.encode())
        result = outer.copy()
        result.update(digest.digest())
        return result.hexdigest()

    return sign


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
    return audit_append_many([{"actor": actor, "action": action, "target": target, "target_type": target_type,
                               "target_id": target_id, "target_label": target_label, "before": before,
                               "after": after}])[0]


def audit_append_many(entries: list[dict]) -> list[AuditEvent]:
    """Append events in this order (each entry the arguments of `audit_append`), chained as one at a time would
    be, with one move of the head (4 statements however many). Inside the caller's transaction, no savepoint of
    its own: a failure here fails the caller's change."""
    if not entries:
        return []
    with transaction.atomic(savepoint=False):
        # The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) before the head is read,
        # so two writers can never chain onto the same predecessor.
        if not AuditHead.objects.filter(pk=1).update(seq=F("seq") + len(entries)):
            AuditHead.objects.get_or_create(pk=1)
            AuditHead.objects.filter(pk=1).update(seq=F("seq") + len(entries))
        head = AuditHead.objects.get(pk=1)
        events, prev_hash = [], head.hash
        for seq, entry in enumerate(entries, start=head.seq - len(entries) + 1):
            events.append(_event(seq, prev_hash, **entry))
            prev_hash = events[-1].hash
        AuditEvent.objects.bulk_create(events)
        AuditHead.objects.filter(pk=1).update(hash=prev_hash)
    return events


def _event(seq: int, prev_hash: str, *, actor, action: str, target: models.Model | None = None,
           target_type: str = "", target_id: str = "", target_label: str = "", before: dict | None = None,
           after: dict | None = None) -> AuditEvent:
    if target is not None:
        target_type = target._meta.label_lower
        target_id = str(target.pk)
        target_label = str(target)[:255]
    event = AuditEvent(
        seq=seq,
        created_at=timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_label=getattr(actor, "username", "") if actor is not None else "",
        agency_id=getattr(actor, "agency_id", None) if actor is not None else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        before=json.loads(_canonical(before)) if before is not None else None,
        after=json.loads(_canonical(after)) if after is not None else None,
        prev_hash=prev_hash,
    )
    event.hash = compute_hash(event)
    return event


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


# Verification reads the events as plain tuples in seq segments; on PostgreSQL, outside a transaction and past
# PARALLEL_FROM events, the segments' HMACs are recomputed by one forked process per core (each on its own
# connection, reading its segment through a server-side cursor) while the main process checks the links in SQL.
SEGMENT_EVENTS = 250_000
MAX_WORKERS = 4  # each holds a database connection
PARALLEL_FROM = 100_000
EVENT_COLUMNS = ("seq, id, created_at, actor_id, actor_label, agency_id, action, target_type, target_id, target_label, "
                 "before, after, prev_hash, hash")


def _link_problem(table: str) -> tuple[int, int, str] | None:
    """The first event (in seq order) whose seq is not its position or whose prev_hash is not the previous event's
    hash, as (seq, position, problem); set-based, one pass of window functions."""
    with connection.cursor() as cursor:
        cursor.execute(f"""SELECT n, seq, id, prev_hash = coalesce(prev, %s) FROM (
                               SELECT row_number() OVER (ORDER BY seq) AS n, seq, id, prev_hash,
                                      lag(hash) OVER (ORDER BY seq) AS prev FROM {table}) t
                           WHERE seq <> n OR prev_hash <> coalesce(prev, %s) ORDER BY seq LIMIT 1""",
                       [GENESIS, GENESIS])
        row = cursor.fetchone()
    if row is None:
        return None
    position, seq, pk, linked = row
    if seq > position:
        return seq, position, f"events #{position}–#{seq - 1} are missing before event #{seq} (id {pk})"
    if seq < position:
        return seq, position, f"event #{seq} (id {pk}) is out of sequence"
    assert not linked
    return seq, position, f"event #{seq} (id {pk}) does not follow the previous event's hash"


def _canonical_jsonb(value, cache: dict) -> str:
    """The canonical text of a stored before/after value (fetched as jsonb text; equal texts, equal values)."""
    if value is None:
        return "null"
    text = cache.get(value)
    if text is None:
        if len(cache) > 50_000:
            cache.clear()
        text = cache[value] = _canonical(json.loads(value))
    return text


def _first_mismatch(rows, key: bytes) -> tuple[int, int] | None:
    cache: dict = {}
    sign = event_signer(key)
    for seq, pk, at, actor, actor_label, agency, action, target_type, target_id, label, before, after, prev, \
            stored in rows:
        if not isinstance(at, str):  # PostgreSQL writes the ISO text itself (PG_ISO_UTC)
            at = (at if at.tzinfo else at.replace(tzinfo=dt_timezone.utc)).astimezone(dt_timezone.utc).isoformat()
        text = event_text(seq, prev, at, actor, actor_label, agency, action,
                          target_type, target_id, label, _canonical_jsonb(before, cache),
                          _canonical_jsonb(after, cache))
        if not hmac.compare_digest(sign(text), stored):
            return seq, pk
    return None


# datetime.isoformat() of the UTC time, written by PostgreSQL (no datetime parsed and formatted per event in Python).
PG_ISO_UTC = ("""to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || CASE WHEN """
              """extract(microseconds FROM created_at)::bigint %% 1000000 = 0 THEN '' """
              """ELSE to_char(created_at AT TIME ZONE 'UTC', '.US') END || '+00:00'""")


def _segment_sql(table: str, vendor: str) -> str:
    columns = EVENT_COLUMNS
    if vendor == "postgresql":
        columns = columns.replace("created_at,", f"{PG_ISO_UTC},").replace("before,", "before::text,")
        columns = columns.replace("after,", "after::text,")
    return f"SELECT {columns} FROM {table} WHERE seq BETWEEN %s AND %s ORDER BY seq"


def _fetched(cursor, size: int = 5000):
    while rows := cursor.fetchmany(size):
        yield from rows


def _segment_here(segment: tuple[int, int], key: bytes) -> tuple[int, int] | None:
    """The first event of the seq segment whose HMAC does not match, on this process's connection."""
    sql = _segment_sql(AuditEvent._meta.db_table, connection.vendor)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, list(segment))
        return _first_mismatch(_fetched(cursor), key)


def _segment_worker(job) -> tuple[int, int] | None:
    """In a forked process: its own connection, a server-side cursor over the segment, plain tuples."""
    import psycopg

    params, table, segment, key = job
    with psycopg.connect(**params) as own, own.cursor(name="verify_audit_segment") as cursor:
        cursor.execute(_segment_sql(table, "postgresql"), list(segment))
        return _first_mismatch(_fetched(cursor, 10_000), key)


def _workers() -> int:
    """The processes a verification may use: the CPUs this process may run on (not the host's), at most
    MAX_WORKERS, so a container on a large host never opens a connection per host CPU."""
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                      MAX_WORKERS))


def _segments(first: int, last: int, parts: int) -> list[tuple[int, int]]:
    size = max(1, -(-(last - first + 1) // parts))
    return [(lo, min(lo + size - 1, last)) for lo in range(first, last + 1, size)]


def _hash_problems(first: int, last: int, count: int, key: bytes, check_links):
    """(the first HMAC mismatch as (seq, id) or None, check_links()'s answer), the HMACs recomputed in parallel
    when the database and the size allow it, while check_links runs here."""
    parallel = (connection.vendor == "postgresql" and not connection.in_atomic_block and count >= PARALLEL_FROM
                and _workers() > 1)
    if not parallel:
        links = check_links()
        for segment in _segments(first, last, max(1, -(-count // SEGMENT_EVENTS))):
            mismatch = _segment_here(segment, key)
            if mismatch:
                return mismatch, links
        return None, links
    import multiprocessing

    params = {k: v for k, v in connection.get_connection_params().items()
              if k not in ("cursor_factory", "context", "prepare_threshold")}
    workers = _workers()
    jobs = [(params, AuditEvent._meta.db_table, segment, key)
            for segment in _segments(first, last, max(workers * 2, -(-count // SEGMENT_EVENTS)))]
    with multiprocessing.get_context("fork").Pool(workers) as pool:  # forked before this process queries again
        pending = pool.map_async(_segment_worker, jobs)
        links = check_links()
        found = [m for m in pending.get() if m]
    return (min(found) if found else None), links


def verify_chain() -> ChainReport:
    """Recompute every keyed hash, check every link, then the head and every anchor written outside the database;
    name the first event (in seq order) that was changed, removed or inserted, or the anchor the chain no longer
    reaches. Links (seq and prev_hash) are checked set-based in SQL, the HMACs per seq segment."""
    anchors = read_anchors()
    problem = _anchor_problem(anchors)
    if problem:
        return ChainReport(0, problem, len(anchors))
    anchored = {int(a["seq"]): a for a in anchors}
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), min(seq), max(seq) FROM {table}")
        count, first, last_seq = cursor.fetchone()
    key = audit_key()
    mismatch, link = None, None
    if count:
        mismatch, link = _hash_problems(first, last_seq, count, key, lambda: _link_problem(table))
    found = []  # (seq, order of the check within an event, events checked, problem)
    if link:
        seq, position, text = link
        found.append((seq, 0, position, text))
    if mismatch:
        seq, pk = mismatch
        found.append((seq, 1, seq, f"event #{seq} (id {pk}) does not match its hash: its content was changed"))
    for event in AuditEvent.objects.filter(seq__in=list(anchored)).values("seq", "id", "hash"):
        anchor = anchored[event["seq"]]
        if anchor["hash"] != event["hash"]:
            found.append((event["seq"], 2, event["seq"], f"event #{event['seq']} (id {event['id']}) differs from the "
                                                         f"anchor signed at {anchor['at']}: the chain was rewritten"))
    if found:
        # Up to the first problem the seqs run 1, 2, 3 …, so an event's seq is the number of events checked.
        _seq, _order, checked, text = min(found)
        return ChainReport(checked, text)
    last = count
    last_hash = AuditEvent.objects.filter(seq=last).values_list("hash", flat=True).first() if last else GENESIS
    if anchored and max(anchored) > last:
        seq = max(anchored)
        return ChainReport(count, f"events #{last + 1}–#{seq} are missing: the anchor signed at "
                                  f"{anchored[seq]['at']} records event #{seq}", len(anchors))
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != last or head_hash != last_hash:
        if head_seq > last:
            return ChainReport(count, f"events #{last + 1}–#{head_seq} at the end of the chain are missing")
        return ChainReport(count, f"the chain's recorded head (#{head_seq}) does not match its last event (#{last})")
    return ChainReport(count, None, len(anchors))
