"""Period reports on hand-made data with known answers, and the demo paragraph against the 2018 letter."""
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from ipenforce.cases.choices import Outcome, Procedure, State
from ipenforce.cases.models import Case
from ipenforce.stats.demo import seed_demo_history

pytestmark = pytest.mark.django_db
LETTER = ("1-6月，共查处知识产权案件486件，同比增长48.6%，其中专利案件127件，增长195.3%；结案407件，"
          "移送公安机关20件，罚没款271.01万元")


def _case(demo, agency, ip_type, filed, **extra):
    fields = {"title": "t", "state": State.INVESTIGATING, **extra}
    return Case.objects.create(agency=demo.agency(agency), source="inspection", ip_type=ip_type, description="d",
                               discovered_on=filed - timedelta(days=1), procedure=Procedure.ORDINARY, filed_on=filed,
                               created_by=demo.user("ft_officer1"), **fields)


def _summary(client, **params):
    response = client.get("/api/v1/reports/summary", **params)
    assert response.status_code == 200, response.json()
    return response.json()


def test_the_demo_paragraph_is_the_letters_sentence(demo):
    seed_demo_history()
    city = demo.agency("深圳市市场监督管理局").pk
    report = _summary(demo.api("sz_stats"), agency=city, start="2018-01-01", end="2018-06-30")
    assert report["text"] == LETTER
    page = demo.client("sz_stats").get("/reports/", {"agency": city, "start": "2018-01-01", "end": "2018-06-30"})
    assert LETTER in page.content.decode()
    export = demo.client("sz_stats").get("/reports/export.xlsx",
                                         {"agency": city, "start": "2018-01-01", "end": "2018-06-30"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[3][:3] == ("查处案件", 486, 327) and rows[-1][0] == LETTER


def test_growth_decrease_zero_base_and_money_on_known_data(demo):
    futian = "深圳市市场监督管理局福田监管局"
    for _n in range(4):
        _case(demo, futian, "trademark", date(2025, 3, 1))
    for _n in range(3):
        _case(demo, futian, "trademark", date(2026, 3, 1))
    for _n in range(2):
        _case(demo, futian, "patent", date(2026, 3, 2), outcome=Outcome.PENALTY, fine=Decimal("12345.67"),
              confiscation=Decimal("1000"), decided_on=date(2026, 3, 5), closed_on=date(2026, 3, 9),
              is_ecommerce=True)
    simple = _case(demo, futian, "copyright", date(2026, 3, 3))
    Case.objects.filter(pk=simple.pk).update(procedure=Procedure.SIMPLE, filed_on=None, decided_on=date(2026, 3, 3),
                                             fine=Decimal(200), outcome=Outcome.PENALTY)
    report = _summary(demo.api("ft_head"), agency=demo.agency(futian).pk, start="2026-01-01", end="2026-06-30")
    assert (report["filed"], report["filed_previous"]) == (6, 4)
    types = {t["ip_type"]: t for t in report["by_ip_type"]}
    assert types["trademark"]["growth"] == "-25.0" and types["patent"]["growth"] is None
    assert report["closed"] == 2 and report["ecommerce"] == 2
    assert report["fines_decided"] == "26891.34"  # 2 × (12,345.67 + 1,000) + 200
    assert report["text"] == ("1-6月，共查处知识产权案件6件，同比增长50.0%；结案2件，移送公安机关0件，罚没款2.69万元")
    flat = _summary(demo.api("ft_head"), agency=demo.agency(futian).pk, start="2026-03-01", end="2026-03-01")
    assert flat["text"].startswith("2026年03月01日至2026年03月01日，共查处知识产权案件3件，同比下降25.0%")
    empty = _summary(demo.api("ft_head"), agency=demo.agency(futian).pk, start="2024-01-01", end="2024-12-31")
    assert "与去年同期持平" in empty["text"]
    zero_base = _summary(demo.api("ft_head"), agency=demo.agency(futian).pk, start="2025-01-01", end="2025-06-30")
    assert "同比去年同期为0" not in zero_base["text"] and "去年同期为0" in zero_base["text"]


def test_cases_the_user_cannot_see_do_not_count(demo):
    _case(demo, "深圳市市场监督管理局福田监管局", "trademark", date(2026, 3, 1))
    _case(demo, "深圳市市场监督管理局南山监管局", "trademark", date(2026, 3, 1))
    city = demo.agency("深圳市市场监督管理局").pk
    assert _summary(demo.api("sz_stats"), agency=city, start="2026-01-01", end="2026-06-30")["filed"] == 2
    refused = demo.api("ft_head").get("/api/v1/reports/summary", agency=city, start="2026-01-01", end="2026-06-30")
    assert refused.status_code == 422 and refused.json()["field"] == "agency"
    own = _summary(demo.api("ft_head"), start="2026-01-01", end="2026-06-30")
    assert own["filed"] == 1 and own["agency"] == "深圳市市场监督管理局福田监管局"
    backwards = demo.api("ft_head").get("/api/v1/reports/summary", start="2026-06-30", end="2026-01-01")
    assert backwards.json()["code"] == "end_before_start"
