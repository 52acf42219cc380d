"""The dashboard: every chart from one aggregate query over the user's scope, table view and download."""
from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ipenforce.stats.demo import seed_demo_history
from tests.stats.test_reports import _case

pytestmark = pytest.mark.django_db
RANGE = {"start": "2018-01-01", "end": "2018-06-30"}


def test_charts_count_within_scope_in_few_queries(demo):
    seed_demo_history()
    city = demo.agency("深圳市市场监督管理局").pk
    client = demo.client("sz_head")
    client.get("/dashboard/", {"agency": city, **RANGE})
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/dashboard/", {"agency": city, **RANGE})
    assert page.status_code == 200 and len(queries) <= 20
    charts = {c["key"]: c for c in page.context["chart_data"]}
    assert sum(charts["filed_monthly"]["values"]) == 486 and len(charts["filed_monthly"]["labels"]) == 6
    assert charts["by_ip_type"]["values"] == [127, 300, 59]
    assert sum(charts["closed_monthly"]["values"]) == 407
    assert sum(charts["transfers"]["values"]) == 20
    futian = demo.client("ft_head").get("/dashboard/", RANGE).context["chart_data"]
    assert sum(next(c for c in futian if c["key"] == "by_ip_type")["values"]) < 486  # only its own subtree


def test_chart_download_and_access(demo):
    _case(demo, "深圳市市场监督管理局福田监管局", "patent", date(2026, 3, 1))
    export = demo.client("ft_head").get("/dashboard/by_ip_type.xlsx", {"start": "2026-01-01", "end": "2026-06-30"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1] == ("专利（假冒专利）", 1)
    assert demo.client("ft_officer1").get("/dashboard/").status_code == 404
    assert demo.client("ft_head").get("/dashboard/nothing.xlsx").status_code == 404
