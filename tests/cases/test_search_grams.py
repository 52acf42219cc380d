"""The n-gram function behind the search indexes (PostgreSQL): the PL/pgSQL version of cases/0018 gives the same
set of grams as the SQL version of cases/0015 it replaced, so the indexes built with either hold the same keys."""
import importlib

import pytest
from django.db import connection

# The function of cases/0015 as the migration restores it on reversal, renamed into the session's temporary schema.
FIRST = importlib.import_module("ipenforce.cases.migrations.0018_faster_grams").PREVIOUS.replace(
    "FUNCTION ipenforce_grams", "FUNCTION pg_temp.first_grams")

TEXTS = [
    "", " ", "达", "达鞋", "深圳市诚达鞋业有限公司", "深盐市监罚〔2022〕1269号 假冒 商标\n案",
    "Nike 运动鞋\t tab  two  spaces", "ß straße ǅ", "全角　空格（U+3000）", "emoji 😀👍 mixed",
    "a", "ab", "a b", "\n\n", "ＡＢＣ全角字母", "重复重复重复重复",
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the n-gram indexes exist on PostgreSQL only")
@pytest.mark.django_db
def test_the_faster_grams_are_the_same_set_as_the_first():
    with connection.cursor() as cursor:
        cursor.execute(FIRST)
        for text in TEXTS:
            cursor.execute("SELECT ipenforce_grams(%s) @> pg_temp.first_grams(%s) "
                           "AND ipenforce_grams(%s) <@ pg_temp.first_grams(%s), ipenforce_grams(%s)",
                           [text] * 5)
            same, grams = cursor.fetchone()
            assert same, (text, grams)
