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
