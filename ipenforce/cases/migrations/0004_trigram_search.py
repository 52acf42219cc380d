"""PostgreSQL only: trigram GIN indexes for the free-text case search (`q`); SQLite scans instead.
Needs a Unicode LC_CTYPE database (C.UTF-8 / zh_CN.UTF-8) for pg_trgm to index Chinese characters."""
from django.db import migrations

INDEXES = [
    ("case_title_trgm", "cases_case", "title"),
    ("case_number_trgm", "cases_case", "number"),
    ("case_description_trgm", "cases_case", "description"),
    ("party_name_trgm", "cases_party", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}) gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_recent_index")]
    operations = [migrations.RunPython(create, drop)]
