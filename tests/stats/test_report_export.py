"""The period report .xlsx: a title row with agency, period and 统计口径, a named sheet, and the figure of the same
dates a year earlier beside every row (from the report's own aggregates, no query per row)."""
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from ipenforce.cases.choices import Outcome, Procedure, State
from ipenforce.cases.figures import DEFINITIONS
from ipenforce.cases.models import Campaign, Case, Payment

pytestmark = pytest.mark.django_db
FUTIAN = "深圳市市场监督管理局福田监管局"


def _case(demo, filed, **extra):
    return Case.objects.create(agency=demo.agency(FUTIAN), source="inspection", ip_type="trademark", description="d",
                               title="t", state=State.INVESTIGATING, discovered_on=filed - timedelta(days=1),
                               procedure=Procedure.ORDINARY, filed_on=filed, created_by=demo.user("ft_officer1"),
                               **extra)


def _decided(demo, filed, fine, paid):
    case = _case(demo, filed, outcome=Outcome.PENALTY, fine=Decimal(fine), decided_on=filed + timedelta(days=3),
                 closed_on=filed + timedelta(days=5), is_ecommerce=True)
    Payment.objects.create(case=case, amount=Decimal(paid), paid_on=filed + timedelta(days=4),
                           recorded_by=demo.user("ft_officer1"))
    return case


def test_the_workbook_has_title_named_sheet_and_prior_year_beside_every_row(demo):
    campaign, _new = Campaign.objects.get_or_create(name="护航")
    _decided(demo, date(2025, 3, 1), "1000", "400").campaigns.add(campaign)
    _decided(demo, date(2026, 3, 1), "3000", "3000").campaigns.add(campaign)
    _decided(demo, date(2026, 4, 1), "1000", "500")
    _case(demo, date(2026, 5, 1))
    params = {"agency": demo.agency(FUTIAN).pk, "start": "2026-01-01", "end": "2026-06-30"}
    response = demo.client("ft_head").get("/reports/export.xlsx", params)
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["知识产权案件统计"]
    rows = list(workbook["知识产权案件统计"].iter_rows(values_only=True))
    assert FUTIAN in rows[0][0] and "2026-01-01" in rows[0][0] and "2026-06-30" in rows[0][0]
    assert rows[1][0].startswith("统计口径：") and str(DEFINITIONS["filed"]) in rows[1][0]
    assert str(DEFINITIONS["yoy"]) in rows[1][0]
    assert rows[2] == ("项目", "本期", "上年同期", "同比（%）")
    table = {r[0]: r[1:4] for r in rows[3:-1]}
    assert table["查处案件"] == (3, 1, 200)
    assert table["结案"] == (2, 1, 100)
    assert table["移送公安机关"] == (0, 0, None)
    assert table["罚没款（元，决定）"] == (4000, 1000, 300)
    assert table["罚没款（元，已缴）"] == (3500, 400, 775)
    assert table["涉电商案件"] == (2, 1, 100)
    assert table["护航"] == (1, 1, 0)
    assert all(r[2] is not None for r in rows[3:-1]), "every row has its prior-year figure"
    assert rows[-1][0].startswith("1-6月，共查处知识产权案件3件")


def test_the_page_and_api_show_the_prior_year_of_every_row(demo):
    _decided(demo, date(2025, 3, 1), "1000", "400")
    _decided(demo, date(2026, 3, 1), "3000", "3000")
    params = {"agency": demo.agency(FUTIAN).pk, "start": "2026-01-01", "end": "2026-06-30"}
    summary = demo.api("ft_head").get("/api/v1/reports/summary", **params).json()
    assert (summary["fines_decided_previous"], summary["fines_decided_growth"]) == ("1000.00", "200.0")
    assert (summary["fines_paid_previous"], summary["ecommerce_previous"]) == ("400.00", 1)
    assert summary["closed_growth"] == "0.0" and summary["transferred_growth"] is None
    page = demo.client("ft_head").get("/reports/", params).content.decode()
    assert "<td>1000.00</td><td>200.0</td>" in page and "<td>400.00</td><td>650.0</td>" in page
