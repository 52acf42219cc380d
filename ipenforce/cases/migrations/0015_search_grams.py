"""PostgreSQL only: n-gram GIN indexes for the case search (`q`), which serve 1- and 2-character Chinese terms
that pg_trgm cannot (issue 20). `ipenforce_grams(text)` is every character and every pair of adjacent characters of
the upper-cased text; a term's grams (`ipenforce_query_grams`: the character itself, or its pairs) are contained in
those of every text containing it, so `grams(column) @> query_grams(term)` narrows to a superset through the index
and `LIKE` rechecks. The case's number, title and description share one index; parties have their own, and the
search combines the two with UNION. SQLite keeps its scan."""
from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION ipenforce_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(upper(value), i, 1) AS g FROM generate_series(1, length(value)) i
    UNION ALL
    SELECT substr(upper(value), i, 2) FROM generate_series(1, length(value) - 1) i) t
  WHERE g !~ '\s' $$;

CREATE OR REPLACE FUNCTION ipenforce_query_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(value) = 1 THEN ARRAY[upper(value)]
         ELSE coalesce((SELECT array_agg(DISTINCT substr(upper(value), i, 2))
                        FROM generate_series(1, length(value) - 1) i
                        WHERE substr(value, i, 2) !~ '\s'), '{}') END $$;
"""
CASE_TEXT = "coalesce(number, '') || ' ' || title || ' ' || description"
INDEXES = [
    ("case_text_grams", "cases_case", f"ipenforce_grams({CASE_TEXT})"),
    ("party_name_grams", "cases_party", "ipenforce_grams(name)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS)
    for name, table, expression in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS ipenforce_grams(text); "
                          "DROP FUNCTION IF EXISTS ipenforce_query_grams(text)")


class Migration(migrations.Migration):
    dependencies = [("cases", "0014_labels_copies_trade_secrets")]
    operations = [migrations.RunPython(create, drop)]
