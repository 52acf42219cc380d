"""A cheaper `ipenforce_grams` (issue 20): the same set of grams — every character and every pair of adjacent
characters of the upper-cased text, none containing whitespace — in one PL/pgSQL pass over the characters instead
of a set-returning query that upper-cases the whole text once per gram, removes duplicates by sorting and runs a
regular expression on each gram. Measured on 2,016 generated cases: 5.5 s → 0.33 s. A GIN index over an array
keeps each distinct element once, so the indexes built with the old function hold exactly the keys the new one
gives and need no rebuild (tests/cases/test_search_grams.py compares the two)."""
from django.db import migrations

FASTER = r"""
CREATE OR REPLACE FUNCTION ipenforce_grams(value text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  chars text[] := string_to_array(regexp_replace(upper(value), '\s', ' ', 'g'), NULL);
  n int := coalesce(cardinality(chars), 0);
  grams text[] := '{}';
BEGIN
  FOR i IN 1..n LOOP
    CONTINUE WHEN chars[i] = ' ';
    grams := grams || chars[i];
    IF i < n AND chars[i + 1] <> ' ' THEN
      grams := grams || (chars[i] || chars[i + 1]);
    END IF;
  END LOOP;
  RETURN grams;
END $$;
"""
# The function of cases/0015, restored when this migration is reversed.
PREVIOUS = r"""
CREATE OR REPLACE FUNCTION ipenforce_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(upper(value), i, 1) AS g FROM generate_series(1, length(value)) i
    UNION ALL
    SELECT substr(upper(value), i, 2) FROM generate_series(1, length(value) - 1) i) t
  WHERE g !~ '\s' $$;
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_handled_on")]
    operations = [migrations.RunPython(_run(FASTER), _run(PREVIOUS))]
