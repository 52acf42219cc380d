"""The audit chain: every write is recorded, and verify_audit names the first event changed, removed or inserted."""
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ipenforce.core.audit import GENESIS, audit_append, verify_chain
from ipenforce.core.models import AuditEvent, AuditHead

pytestmark = pytest.mark.django_db


def _events(n=3):
    return [audit_append(actor=None, action="test.event", target_type="t", target_id=str(i),
                         after={"i": i}) for i in range(n)]


def _sql(statement, params=()):
    """Tamper as a database superuser would: past the PostgreSQL trigger that refuses it to everyone else."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(statement.replace("{t}", AuditEvent._meta.db_table), params)


def test_chain_links_each_event_to_the_previous():
    first, second, third = _events()
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash and third.prev_hash == second.hash
    assert [e.seq for e in (first, second, third)] == [1, 2, 3]
    assert AuditHead.objects.get().hash == third.hash
    report = verify_chain()
    assert report.ok and report.checked == 3


def test_verify_command_prints_the_count(capsys):
    _events(4)
    call_command("verify_audit")
    assert "4 events checked" in capsys.readouterr().out


def test_changed_row_is_named():
    _events()
    _sql("UPDATE {t} SET action = 'forged' WHERE seq = 2")
    with pytest.raises(CommandError, match=r"event #2 .*content was changed"):
        call_command("verify_audit")


def test_removed_row_is_named():
    _events()
    _sql("DELETE FROM {t} WHERE seq = 2")
    report = verify_chain()
    assert not report.ok and "#2" in report.problem and "missing" in report.problem


def test_removed_last_row_is_found_through_the_head():
    _events()
    _sql("DELETE FROM {t} WHERE seq = 3")
    report = verify_chain()
    assert not report.ok and "#3" in report.problem


def test_inserted_row_is_named():
    first, second, _third = _events()
    _sql("UPDATE {t} SET seq = seq + 1000 WHERE seq >= 2")  # make room, as a forger would
    _sql("UPDATE {t} SET seq = seq - 999 WHERE seq >= 1000")
    forged = AuditEvent(seq=2, created_at=first.created_at, action="forged", target_type="t", target_id="x",
                        prev_hash=first.hash, hash="f" * 64)
    AuditEvent.objects.bulk_create([forged])
    report = verify_chain()
    assert not report.ok and "#2" in report.problem


def test_application_cannot_update_or_delete_events():
    event = _events(1)[0]
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize("text", ["plain", "深圳市华鑫贸易有限公司涉嫌侵犯著作权案", 'quote " and \\ backslash',
                                  "tab\tnew\nline\r\x00\x1f\x7f", "emoji 😀 and \u2028\u2029 separators", ""])
@pytest.mark.parametrize("people", [(None, None), (7, 3)])
def test_event_text_is_byte_identical_to_the_canonical_json(text, people):
    """The bulk loader and the verifier's workers hash the string-formatted text; it must be the same bytes as
    _canonical over the payload dict (what compute_hash signed before, and what every stored hash covers)."""
    from datetime import UTC, datetime

    from ipenforce.core.audit import _canonical, event_text

    actor, agency = people
    for at in (datetime(2026, 1, 2, 9, 30, tzinfo=UTC), datetime(2026, 1, 2, 9, 30, 1, 250, tzinfo=UTC)):
        before, after = ({"state": text, "n": [1, None, 2.5]}, None) if actor else (None, {"title": text, "ok": True})
        payload = {"seq": 12345678901, "prev": GENESIS, "at": at.isoformat(), "actor": actor, "actor_label": text,
                   "agency": agency, "action": f"case.{text}", "target": ["cases.case", "42", text],
                   "before": before, "after": after}
        assert event_text(12345678901, GENESIS, at.isoformat(), actor, text, agency, f"case.{text}", "cases.case",
                          "42", text, _canonical(before), _canonical(after)) == _canonical(payload)


# Verification per seq segment (the HMACs of each segment recomputed on its own, in parallel on PostgreSQL) must give
# the verdicts one pass in order gives: the first problem in seq order, counted the same way.
SEGMENTS = [(1, 4), (5, 8), (9, 12)]


@pytest.fixture
def segmented(monkeypatch):
    from ipenforce.core import audit

    monkeypatch.setattr(audit, "SEGMENT_EVENTS", 4)
    _events(12)
    assert audit._segments(1, 12, 3) == SEGMENTS


def test_broken_link_in_the_middle_of_a_later_segment_is_named(segmented):
    _sql("UPDATE {t} SET prev_hash = %s WHERE seq = 10", ["e" * 64])
    report = verify_chain()
    assert report.problem == f"event #10 (id {AuditEvent.objects.get(seq=10).pk}) does not follow the previous " \
                             "event's hash"
    assert report.checked == 10


@pytest.mark.parametrize("seq", [2, 7, 12])
def test_changed_event_in_each_segment_is_named(segmented, seq):
    _sql("UPDATE {t} SET after = %s WHERE seq = %s", ['{"i": 99}', seq])
    report = verify_chain()
    assert report.problem == f"event #{seq} (id {AuditEvent.objects.get(seq=seq).pk}) does not match its hash: " \
                             "its content was changed"
    assert report.checked == seq


def test_the_first_of_changes_in_several_segments_is_named(segmented):
    _sql("UPDATE {t} SET action = 'forged' WHERE seq IN (11, 6)")
    report = verify_chain()
    assert report.problem.startswith("event #6 ") and report.checked == 6


def test_missing_event_at_a_segment_boundary_is_named(segmented):
    sixth = AuditEvent.objects.get(seq=6)
    _sql("DELETE FROM {t} WHERE seq = 5")
    report = verify_chain()
    assert report.problem == f"events #5–#5 are missing before event #6 (id {sixth.pk})"
    assert report.checked == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel verification is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_parallel_workers_give_the_same_verdicts(monkeypatch):
    """Committed events, verified by forked processes on their own connections (not inside the test's transaction),
    each segment holding a problem of its own: the first is named, as in one pass."""
    from ipenforce.core import audit

    monkeypatch.setattr(audit, "PARALLEL_FROM", 1)
    monkeypatch.setattr(audit, "SEGMENT_EVENTS", 4)
    _events(12)
    spy = []
    monkeypatch.setattr(audit, "_segment_here", lambda *args: spy.append(args))  # must not be the path taken
    assert verify_chain().ok and verify_chain().checked == 12
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
        cursor.execute("UPDATE core_auditevent SET action = 'forged' WHERE seq IN (7, 12)")
        assert verify_chain().problem.startswith("event #7 ")
        cursor.execute("UPDATE core_auditevent SET prev_hash = %s WHERE seq = 10", ["e" * 64])
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 3")
        report = verify_chain()
        cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
    assert report.problem.startswith("events #3–#3 are missing before event #4 ") and report.checked == 3
    assert spy == []


@pytest.mark.parametrize("key", [b"", b"k" * 32, b"k" * 64, b"k" * 65, bytes(range(200))])
def test_event_signer_is_hmac_sha256(key):
    import hashlib
    import hmac

    from ipenforce.core.audit import event_signer

    sign = event_signer(key)
    for text in ("", "abc", "深圳市" * 100):
        assert sign(text) == hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
