"""The audit trail proves itself: every way of rewriting it with database access alone is detected by
verify_audit (keyed chain + signed anchors outside the database), and PostgreSQL refuses the rewrite outright."""
import hashlib
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from ipenforce.core.audit import GENESIS, _canonical, anchor_path, audit_anchor_write, audit_append, verify_chain
from ipenforce.core.models import AuditEvent, AuditHead

pytestmark = pytest.mark.django_db
EVENTS = 6


def _sql(statement, params=()):
    """Tamper as a database superuser would, past the trigger (PostgreSQL) that refuses it to everyone else."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(statement.replace("{t}", AuditEvent._meta.db_table).replace("{h}", AuditHead._meta.db_table),
                       params)


def _rows():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, hash FROM {AuditEvent._meta.db_table} ORDER BY seq")
        return cursor.fetchall()


def _plain_sha256(event: AuditEvent) -> str:
    """What a forger without the key can compute: the chain's payload hashed without the HMAC key."""
    from datetime import timezone as dt_timezone

    moment = event.created_at.astimezone(dt_timezone.utc).isoformat()
    payload = {"seq": event.seq, "prev": event.prev_hash, "at": moment,
               "actor": event.actor_id, "actor_label": event.actor_label, "agency": event.agency_id,
               "action": event.action, "target": [event.target_type, event.target_id, event.target_label],
               "before": event.before, "after": event.after}
    return hashlib.sha256(_canonical(payload).encode()).hexdigest()


def edit():
    _sql("UPDATE {t} SET action = 'forged' WHERE seq = 3")


def delete():
    _sql("DELETE FROM {t} WHERE seq = 3")


def insert():
    second = AuditEvent.objects.get(seq=2)
    _sql("UPDATE {t} SET seq = seq + 1000 WHERE seq >= 3")
    _sql("UPDATE {t} SET seq = seq - 999 WHERE seq >= 1000")
    forged = AuditEvent(seq=3, created_at=second.created_at, action="forged", target_type="t", target_id="x",
                        prev_hash=second.hash)
    forged.hash = _plain_sha256(forged)
    AuditEvent.objects.bulk_create([forged])


def swap():
    _sql("UPDATE {t} SET seq = -1 WHERE seq = 2")
    _sql("UPDATE {t} SET seq = 2 WHERE seq = 3")
    _sql("UPDATE {t} SET seq = 3 WHERE seq = -1")


def truncate_tail():
    _sql("DELETE FROM {t} WHERE seq > 4")


def truncate_tail_and_head():
    fourth = AuditEvent.objects.get(seq=4)
    _sql("DELETE FROM {t} WHERE seq > 4")
    _sql("UPDATE {h} SET seq = 4, hash = %s WHERE id = 1", [fourth.hash])


def recompute_chain():
    """Edit event 3, then recompute it and every later hash and the head, without the key."""
    _sql("UPDATE {t} SET action = 'forged' WHERE seq = 3")
    prev = AuditEvent.objects.get(seq=2).hash
    for event in AuditEvent.objects.filter(seq__gte=3).order_by("seq"):
        event.prev_hash = prev
        new_hash = _plain_sha256(event)
        _sql("UPDATE {t} SET prev_hash = %s, hash = %s WHERE seq = %s", [prev, new_hash, event.seq])
        prev = new_hash
    _sql("UPDATE {h} SET hash = %s WHERE id = 1", [prev])


def empty_table():
    _sql("DELETE FROM {t}")
    _sql("UPDATE {h} SET seq = 0, hash = %s WHERE id = 1", [GENESIS])


def forge_anchor():
    """Cut the tail and rewrite the anchor file to match the shorter chain (without the key)."""
    truncate_tail_and_head()
    lines = [json.loads(line) for line in anchor_path().read_text().splitlines()]
    lines[-1].update(seq=4, hash=AuditEvent.objects.get(seq=4).hash)
    anchor_path().write_text("".join(json.dumps(line) + "\n" for line in lines))


TAMPERS = [edit, delete, insert, swap, truncate_tail, truncate_tail_and_head, recompute_chain, empty_table,
           forge_anchor]


class Rollback(Exception):
    pass


def _detected(tamper) -> str | None:
    """Build a fresh anchored chain, tamper with it, verify; everything is rolled back afterwards."""
    problem = None
    try:
        with transaction.atomic():
            for index in range(EVENTS):
                audit_append(actor=None, action="test.event", target_type="t", target_id=str(index), after={"i": index})
            assert audit_anchor_write()["seq"] == EVENTS
            assert verify_chain().ok
            tamper()
            problem = verify_chain().problem
            raise Rollback
    except Rollback:
        pass
    anchor_path().unlink(missing_ok=True)
    return problem


@pytest.mark.parametrize("tamper", TAMPERS, ids=[t.__name__ for t in TAMPERS])
def test_tamper_class_is_detected(tamper):
    assert _detected(tamper) is not None


def test_tamper_suite_prints_what_it_detected(capsys):
    detected = {tamper.__name__: _detected(tamper) for tamper in TAMPERS}
    with capsys.disabled():
        print(f"\naudit tamper suite ({connection.vendor}): {sum(1 for p in detected.values() if p)}/{len(TAMPERS)}"
              " tamper classes detected")
        for name, problem in detected.items():
            print(f"  {name}: {problem}")
    assert all(detected.values())


def test_verify_command_reports_anchors(capsys):
    for index in range(3):
        audit_append(actor=None, action="test.event", target_type="t", target_id=str(index))
    call_command("audit_anchor")
    audit_append(actor=None, action="test.event", target_type="t", target_id="late")
    call_command("verify_audit")
    assert "4 events checked, 1 anchors verified" in capsys.readouterr().out
    empty_table()
    with pytest.raises(CommandError, match="anchor"):
        call_command("verify_audit")


def test_chain_needs_the_key(settings):
    audit_append(actor=None, action="test.event", target_type="t", target_id="1")
    assert verify_chain().ok
    settings.AUDIT_KEY = "another-key-entirely"
    assert "content was changed" in verify_chain().problem


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("statement", ["UPDATE {t} SET action = 'x'", "DELETE FROM {t}", "TRUNCATE {t}"])
def test_postgresql_refuses_update_delete_truncate(statement):
    audit_append(actor=None, action="test.event", target_type="t", target_id="1")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as if the insert had been committed
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement.replace("{t}", AuditEvent._meta.db_table))
    assert AuditEvent.objects.count() == 1


def test_no_deletion_path_in_the_application():
    """Retention: audit rows are kept for good (≥ 6 months required); nothing in the application deletes them."""
    event = audit_append(actor=None, action="test.event", target_type="t", target_id="1")
    for attempt in (event.delete, AuditEvent.objects.all().delete, lambda: AuditEvent.objects.update(action="x")):
        with pytest.raises(TypeError):
            attempt()
    assert AuditEvent.objects.count() == 1
