"""Each publication carries its case's agency (issue 20): added empty, filled set-based from the cases in one
UPDATE … FROM (PostgreSQL, and SQLite from 3.33); 0005 makes it required and indexes it in the list's order (in a
transaction of its own: PostgreSQL does not alter a table with the backfill's foreign-key checks pending)."""
import django.db.models.deletion
from django.db import migrations, models

BACKFILL = """UPDATE credit_publication SET agency_id = cases_case.agency_id FROM cases_case
              WHERE cases_case.id = credit_publication.case_id"""


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0016_decision_and_case_file'),
        ('credit', '0003_list_order_index'),
        ('orgs', '0003_outside_organisations'),
    ]

    operations = [
        migrations.AddField(
            model_name='publication',
            name='agency',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name='+', to='orgs.agency'),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop, elidable=False),
    ]
