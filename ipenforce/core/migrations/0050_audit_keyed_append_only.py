"""The audit chain becomes keyed (HMAC-SHA-256, key outside the database): existing events are re-hashed once,
in order, before the database is told to refuse every later UPDATE, DELETE and TRUNCATE of audit rows
(PostgreSQL trigger; SQLite keeps the model's and queryset's refusal)."""
from django.db import migrations

GENESIS = "0" * 64

TRIGGER = """
CREATE OR REPLACE FUNCTION ipenforce_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION ipenforce_audit_append_only();
CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION ipenforce_audit_append_only();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS ipenforce_audit_append_only();
"""


def rekey(apps, schema_editor):
    from ipenforce.core.audit import compute_hash

    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditHead = apps.get_model("core", "AuditHead")
    prev = GENESIS
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        event.prev_hash = prev
        event.hash = compute_hash(event)
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash=event.prev_hash, hash=event.hash)
        prev = event.hash
    AuditHead.objects.filter(pk=1).update(hash=prev)


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_work_item_people")]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
