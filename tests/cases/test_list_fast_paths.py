"""The case list's fast paths (issue 20) answer exactly what the scope answers: the page, the API and the export read
plain rows; the search takes exact lookups, the n-gram indexes or a walk in the list's order; counts stop at a cap;
the case page reads only the relations a case has rows in."""
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ipenforce.cases import filters
from ipenforce.cases.demo import seed_demo_cases
from ipenforce.cases.filters import CASE_NUMBER, ID_NUMBER, USCC, filter_cases
from ipenforce.cases.models import Case, Party, Payment
from ipenforce.cases.selectors import case_list
from ipenforce.core import pagination
from ipenforce.orgs.selectors import visible_cases
from ipenforce.stats.demo import seed_demo_history
from tests.conftest import FUTIAN, NANSHAN

# Officers of a bureau and of a 所, a bureau head, another district, the city's supervisor, the police and the
# procuratorate (who see transferred cases only), and the superuser.
USERS = ["ft_officer1", "hqb_officer", "ft_head", "ns_officer1", "sz_supervisor", "sz_police", "sz_procurator",
         "admin"]


def reference(user, text: str) -> list[int]:
    """The scope's cases that `text` finds, tested one by one in Python, newest first."""
    found = []
    upper = text.upper()
    for case in visible_cases(user).prefetch_related("parties").order_by("-registered_at", "-pk"):
        parties = list(case.parties.all())
        if CASE_NUMBER.match(text):
            hit = case.number == text
        elif USCC.match(upper) or ID_NUMBER.match(upper):
            hit = any(upper in (p.uscc, p.id_number) for p in parties)
        else:
            hit = any(upper in value.upper() for value in [case.number or "", case.title, case.description,
                                                           *(p.name for p in parties)])
        if hit:
            found.append(case.pk)
    return found


@pytest.fixture
def cases(demo):
    """The demo city's cases (one of them transferred to the police) and its 813 historical ones; one person is a
    party in a Futian and a Nanshan case."""
    seed_demo_cases()
    seed_demo_history()
    for district in (FUTIAN, NANSHAN):
        case = Case.objects.filter(agency__name=district).order_by("pk").first()
        Party.objects.create(case=case, kind="natural_person", name="王小明", id_number="11010519491231002X")


@pytest.fixture
def terms(cases):
    """Terms found in the data: a common character, a pair, a party's name, a USCC, an ID number, a number, and
    a title only another district sees."""
    numbered = Case.objects.exclude(number=None).order_by("pk").first()
    company = Party.objects.exclude(uscc="").order_by("pk").first()
    person = Party.objects.exclude(id_number="").order_by("pk").first()
    title = Case.objects.order_by("pk").first().title
    ns = Case.objects.filter(agency__name__endswith="南山监管局").order_by("pk").first()
    return [title[0], title[:2], "侵权", company.name[2:6], company.uscc, person.id_number.lower(), numbered.number,
            ns.title[:4], "无此案由"]


@pytest.fixture(params=["index", "walk"])
def path(request, monkeypatch):
    """A free-text term goes through the n-gram indexes or (a common term, and always on SQLite) is tested case by
    case in the list's order: each test runs both ways, and both give the scope's reference in order."""
    monkeypatch.setattr(filters, "common_term", lambda text: request.param == "walk")
    return request.param


def test_the_search_gives_exactly_the_scoped_reference_for_every_user_and_term(demo, terms, path):
    assert Case.objects.count() > 100
    for username in USERS:
        user = demo.user(username)
        for text in terms:
            expected = reference(user, text)
            got = list(filter_cases(case_list(user), q=text).values_list("pk", flat=True))
            assert got == expected, (username, text)


def test_both_search_paths_give_the_same_rows_in_the_same_order(demo, terms, monkeypatch):
    found = 0
    for username in USERS:
        user = demo.user(username)
        for text in terms:
            pages = []
            for common in (False, True):
                monkeypatch.setattr(filters, "common_term", lambda text, common=common: common)
                pages.append(list(filter_cases(case_list(user), q=text, sort="-title").values_list("pk", flat=True)))
            assert pages[0] == pages[1], (username, text)
            found += len(pages[0])
    assert found > 100


def test_the_api_list_is_the_scoped_reference_in_order_with_its_capped_count(demo, terms, path, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    for username in ("ft_officer1", "sz_supervisor", "sz_police"):
        api = demo.api(username)
        for text in ("", *terms[:3]):
            expected = reference(demo.user(username), text) if text else list(
                visible_cases(demo.user(username)).order_by("-registered_at", "-pk").values_list("pk", flat=True))
            body = api.get("/api/v1/cases", q=text, limit=2, offset=0).json()
            assert [row["id"] for row in body["items"]] == expected[:2], (username, text)
            # counted up to the cap (5) or the end of the page after this one (4), whichever is further
            assert (body["count"], body["capped"]) == (min(len(expected), 5), len(expected) > 5), (username, text)
            deep = api.get("/api/v1/cases", q=text, limit=2, offset=6).json()
            assert [row["id"] for row in deep["items"]] == expected[6:8]
            assert (deep["count"], deep["capped"]) == (min(len(expected), 10), len(expected) > 10)


def test_the_list_page_shows_the_scoped_cases_with_their_labels_parties_and_links(demo, cases):
    user = demo.user("ft_officer1")
    expected = list(visible_cases(user).order_by("-registered_at", "-pk")[:25])
    response = demo.client("ft_officer1").get("/cases/")
    rows = response.context["page"].object_list
    assert [r["id"] for r in rows] == [c.pk for c in expected]
    first, case = rows[0], expected[0]
    assert first["url"] == reverse("cases:detail", args=[case.pk])
    assert (first["state_label"], first["ip_type_label"], first["agency"]) == (
        case.get_state_display(), case.get_ip_type_display(), case.agency.name)
    assert first["parties"] == [p.name for p in case.parties.order_by("pk")]
    assert first["url"] in response.content.decode()


def test_the_list_page_reads_a_fixed_number_of_queries(demo, cases, django_assert_max_num_queries):
    client = demo.client("sz_supervisor")
    with CaptureQueriesContext(connection) as few:
        client.get("/cases/", {"ip_type": "patent", "state": "verifying"})
    with django_assert_max_num_queries(len(few)):
        response = client.get("/cases/")
    assert len(response.context["page"].object_list) == 25


def test_the_export_rows_are_the_list_rows(demo, cases):
    response = demo.client("ft_officer1").get("/cases/export.xlsx")
    assert response.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content) if response.streaming else response.content),
                          read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))[1:]
    expected = list(visible_cases(demo.user("ft_officer1")).order_by("-registered_at", "-pk"))
    assert [r[1] for r in rows] == [c.title for c in expected]
    assert rows[0][6] == expected[0].get_state_display()


def test_the_case_page_reads_only_the_relations_a_case_has(demo, cases, django_assert_max_num_queries):
    client = demo.client("ft_officer1")
    case = visible_cases(demo.user("ft_officer1")).exclude(number=None).order_by("-pk").first()
    with CaptureQueriesContext(connection) as plain:
        assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert len(plain) <= 24
    Payment.objects.create(case=case, amount=Decimal("100.00"), paid_on=date(2026, 1, 5), receipt_no="R-1",
                           recorded_by=demo.user("ft_officer1"))
    with django_assert_max_num_queries(len(plain) + 1):
        response = client.get(f"/cases/{case.pk}/")
    assert "R-1" in response.content.decode()
    detail = demo.api("ft_officer1").get(f"/api/v1/cases/{case.pk}").json()
    assert detail["id"] == case.pk
