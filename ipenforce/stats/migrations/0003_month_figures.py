"""The monthly rollup of the period report and the dashboard, and the triggers that keep it exact: every insert,
delete or figure-changing update of a case, a payment or a campaign tag appends the (agency, month) pairs it
touches to stats_stalemonth (PostgreSQL: PL/pgSQL functions; SQLite: one trigger per operation, same pairs). The
rollup is filled by `manage.py rebuild_month_figures` (until then every figure is computed live)."""
from django.db import migrations, models

# The columns a case's figures depend on (handled_on is computed from procedure, filed_on and decided_on).
CASE_COLUMNS = ("agency_id", "procedure", "ip_type", "is_ecommerce", "filed_on", "decided_on", "closed_on", "fine",
                "confiscation")
PAYMENT_COLUMNS = ("case_id", "paid_on", "amount")
INSERT = "INSERT INTO stats_stalemonth (agency_id, month) "


def _changed(columns, distinct):
    return " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in columns)


def _pg_rows(row):
    return {
        "case": f"""{INSERT}SELECT {row}.agency_id, date_trunc('month', d)::date
            FROM unnest(ARRAY[{row}.filed_on, {row}.decided_on, {row}.closed_on]) AS d WHERE d IS NOT NULL;""",
        "payment": f"""{INSERT}SELECT c.agency_id, date_trunc('month', {row}.paid_on)::date FROM cases_case c
            WHERE c.id = {row}.case_id;""",
        "tag": f"""{INSERT}SELECT c.agency_id, date_trunc('month', c.handled_on)::date FROM cases_case c
            WHERE c.id = {row}.case_id AND c.handled_on IS NOT NULL;""",
    }


# A case moved to another agency moves its payments' amounts with it.
PG_MOVED = f"""IF TG_OP = 'UPDATE' AND OLD.agency_id <> NEW.agency_id THEN
        {INSERT}SELECT a, date_trunc('month', p.paid_on)::date FROM cases_payment p
            CROSS JOIN unnest(ARRAY[OLD.agency_id, NEW.agency_id]) AS a WHERE p.case_id = NEW.id;
    END IF;"""
SQLITE_MOVED = f"""{INSERT}SELECT a, date(p.paid_on, 'start of month') FROM cases_payment p,
    (SELECT OLD.agency_id AS a UNION SELECT NEW.agency_id) WHERE p.case_id = NEW.id AND OLD.agency_id <> NEW.agency_id;"""


def _sqlite_rows(row):
    return {
        "case": f"""{INSERT}SELECT {row}.agency_id, date(d, 'start of month') FROM (SELECT {row}.filed_on AS d
            UNION ALL SELECT {row}.decided_on UNION ALL SELECT {row}.closed_on) WHERE d IS NOT NULL;""",
        "payment": f"""{INSERT}SELECT c.agency_id, date({row}.paid_on, 'start of month') FROM cases_case c
            WHERE c.id = {row}.case_id;""",
        "tag": f"""{INSERT}SELECT c.agency_id, date(c.handled_on, 'start of month') FROM cases_case c
            WHERE c.id = {row}.case_id AND c.handled_on IS NOT NULL;""",
    }


TABLES = {"case": ("cases_case", CASE_COLUMNS), "payment": ("cases_payment", PAYMENT_COLUMNS),
          "tag": ("cases_case_campaigns", ("case_id", "campaign_id"))}


def _postgresql():
    old, new = _pg_rows("OLD"), _pg_rows("NEW")
    for kind, (table, columns) in TABLES.items():
        moved = PG_MOVED if kind == "case" else ""
        yield f"""CREATE FUNCTION stats_mark_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN {old[kind]} END IF;
    IF TG_OP <> 'DELETE' THEN {new[kind]} END IF;
    {moved}
    RETURN NULL;
END $$"""
        yield (f"CREATE TRIGGER stats_{kind}_stale AFTER INSERT OR DELETE ON {table} FOR EACH ROW "
               f"EXECUTE FUNCTION stats_mark_{kind}()")
        yield (f"CREATE TRIGGER stats_{kind}_changed AFTER UPDATE ON {table} FOR EACH ROW "
               f"WHEN ({_changed(columns, 'IS DISTINCT FROM')}) EXECUTE FUNCTION stats_mark_{kind}()")


def _sqlite():
    old, new = _sqlite_rows("OLD"), _sqlite_rows("NEW")
    for kind, (table, columns) in TABLES.items():
        moved = SQLITE_MOVED if kind == "case" else ""
        yield f"CREATE TRIGGER stats_{kind}_inserted AFTER INSERT ON {table} BEGIN {new[kind]} END"
        yield f"CREATE TRIGGER stats_{kind}_deleted AFTER DELETE ON {table} BEGIN {old[kind]} END"
        yield (f"CREATE TRIGGER stats_{kind}_changed AFTER UPDATE ON {table} WHEN {_changed(columns, 'IS NOT')} "
               f"BEGIN {old[kind]} {new[kind]} {moved} END")


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = _postgresql() if vendor == "postgresql" else _sqlite() if vendor == "sqlite" else ()
    for sql in statements:
        schema_editor.execute(sql, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for kind, (table, _columns) in TABLES.items():
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS stats_mark_{kind}() CASCADE", params=None)
        elif vendor == "sqlite":
            for event in ("inserted", "deleted", "changed"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS stats_{kind}_{event}", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('stats', '0002_file_review_indicator'),
        ('cases', '0018_faster_grams'),
    ]

    operations = [
        migrations.CreateModel(
            name='RollupBuild',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('built_at', models.DateTimeField()),
            ],
        ),
        migrations.CreateModel(
            name='MonthFigure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agency_id', models.IntegerField()),
                ('month', models.DateField()),
                ('measure', models.CharField(max_length=10)),
                ('ip_type', models.CharField(max_length=20)),
                ('detail', models.CharField(max_length=20)),
                ('n', models.BigIntegerField()),
                ('amount', models.DecimalField(decimal_places=2, max_digits=18)),
            ],
            options={
                'indexes': [models.Index(fields=['agency_id', 'month'], name='monthfigure_agency_month_idx')],
            },
        ),
        migrations.CreateModel(
            name='StaleMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agency_id', models.IntegerField()),
                ('month', models.DateField()),
            ],
            options={
                'indexes': [models.Index(fields=['agency_id', 'month'], name='stalemonth_agency_month_idx')],
            },
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
