"""The case search (issue 20): 1- and 2-character Chinese terms, a party's name, a whole case number and a party's
USCC or ID number — the same answers on SQLite (scan) and PostgreSQL (n-gram indexes, cases/0015)."""
import pytest
from django.db import connection
from django.utils import timezone

from ipenforce.cases import filters
from ipenforce.cases.filters import filter_cases
from ipenforce.cases.models import Case, Party
from tests.conftest import FUTIAN


@pytest.fixture(autouse=True, params=["index", "walk"])
def path(request, monkeypatch):
    """Every search test runs both ways a free-text term can go on PostgreSQL: through the n-gram indexes, and
    (as a common term does) case by case in the list's order. On SQLite both are the scan."""
    monkeypatch.setattr(filters, "common_term", lambda text: request.param == "walk")
    return request.param


@pytest.fixture
def cases(demo):
    agency, officer = demo.agency(FUTIAN), demo.user("ft_officer1")
    made = {}
    for key, number, title, party, uscc, id_number in [
        ("shoes", "深福市监罚〔2026〕901号", "销售假冒运动鞋案", "深圳市鑫辉贸易有限公司", "91440300MA5FX0K83L", ""),
        ("bags", "深福市监罚〔2026〕9011号", "销售侵权手提包案", "王小明", "", "11010519491231002X"),
        ("toys", None, "儿童玩具涉嫌假冒专利", "深圳市华业科技有限公司", "", ""),
        ("percent", None, "折扣100%_促销的耳机", "某经营部", "", ""),
    ]:
        case = Case.objects.create(agency=agency, number=number, title=title, source="inspection",
                                   ip_type="trademark", description="基准测试", discovered_on=timezone.localdate(),
                                   created_by=officer)
        Party.objects.create(case=case, kind="organisation" if uscc else "natural_person", name=party, uscc=uscc,
                             id_number=id_number)
        made[key] = case.pk
    return made


def found(text: str) -> set[int]:
    return set(filter_cases(Case.objects.all(), q=text).values_list("pk", flat=True))


def test_one_and_two_character_terms_find_titles_and_party_names(cases):
    assert found("鞋") == {cases["shoes"]}
    assert found("鑫") == {cases["shoes"]}  # only in the party's name
    assert found("鑫辉") == {cases["shoes"]}
    assert found("假冒") == {cases["shoes"], cases["toys"]}
    assert found("华业科技") == {cases["toys"]}
    assert found("小明") == {cases["bags"]}
    assert found("鞋包") == set()  # both characters occur, never together


def test_whole_case_number_is_exact_and_a_part_of_one_is_text(cases):
    assert found("深福市监罚〔2026〕901号") == {cases["shoes"]}  # not 9011号
    assert found("〔2026〕901") == {cases["shoes"], cases["bags"]}


def test_uscc_and_id_number_are_exact_on_the_parties(cases):
    assert found("91440300MA5FX0K83L") == {cases["shoes"]}
    assert found("91440300ma5fx0k83l") == {cases["shoes"]}
    assert found("11010519491231002x") == {cases["bags"]}
    assert found("91440300MA5FX0K83M") == set()


def test_like_wildcards_in_a_term_are_literal(cases):
    assert found("%") == {cases["percent"]}
    assert found("0%_") == {cases["percent"]}
    assert found("_") == {cases["percent"]}


def test_search_is_combined_with_the_other_filters_and_the_scope(cases, demo):
    assert set(filter_cases(Case.objects.all(), q="假冒", state="verifying").values_list("pk", flat=True)) == {
        cases["shoes"], cases["toys"]}
    assert set(filter_cases(Case.objects.all(), q="假冒", ip_type="patent").values_list("pk", flat=True)) == set()
    api = demo.api("ns_officer1")  # another district: sees none of Futian's cases
    assert api.get("/api/v1/cases", q="鑫辉").json()["count"] == 0
    assert demo.api("ft_officer1").get("/api/v1/cases", q="鑫辉").json()["count"] == 1


def test_a_whole_case_number_is_matched_directly_and_free_text_through_the_index(cases, path):
    sql = str(filter_cases(Case.objects.all(), q="深福市监罚〔2026〕901号").query)
    assert "cases_party" not in sql and "SELECT" not in sql.split("WHERE", 1)[1]  # no subquery: the unique btree
    sql = str(filter_cases(Case.objects.all(), q="玩具").query)
    assert ("ipenforce_grams" in sql) == (connection.vendor == "postgresql" and path == "index")
    # walked, the parties are looked up per case, never as an EXISTS PostgreSQL would hash over all the parties
    assert ("EXISTS" in sql) is False


def test_a_term_is_common_when_the_statistics_expect_it_in_many_cases(cases, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the statistics of the n-gram indexes are PostgreSQL's")
    monkeypatch.undo()  # the real estimate, not the path fixture's
    monkeypatch.setattr(filters, "COMMON_SHARE", 0.5)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case; ANALYZE cases_party")
    assert filters.common_term("基准")  # in every case's description
    assert filters.common_term("有限")  # in half of the parties' names
    assert not filters.common_term("鑫辉")  # in one case of four
    assert not filters.common_term("无此词")
    assert filters.common_term("a b")  # no n-gram: every row would be a candidate
