"""Indexes of the procuratorate's supervision view (issue 20): the unchallenged non-filings newest first, and the
cases carrying a crime alert per agency, newest first — the candidates of 以罚代刑, a small part of a province's
cases, which the view otherwise finds by reading every case of the region. The second is on cases_case but is
this view's alone (the case app never filters on crime alerts), so linkage creates it, on PostgreSQL only (a
partial index over jsonb; SQLite's demo scans)."""
from django.conf import settings
from django.db import migrations, models

ALERT_INDEX = "linkage_case_alert_idx"


def create_alert_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {ALERT_INDEX} ON cases_case "
                              "(agency_id, registered_at DESC, id DESC) WHERE crime_alerts <> '[]'::jsonb")


def drop_alert_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {ALERT_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0016_decision_and_case_file'),
        ('linkage', '0005_steps_and_deadlines_on_workflow'),
        ('orgs', '0003_outside_organisations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='transfer',
            index=models.Index(condition=models.Q(('state__in', ['not_filed', 'upheld'])), fields=['-created_at', '-id'], name='transfer_nonfiling_idx'),
        ),
        migrations.RunPython(create_alert_index, drop_alert_index),
    ]
