"""The case list sorts by a clicked column (kept in the query string), through the one filter definition the API
and the .xlsx export share; most recently registered first by default."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ipenforce.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db
USCC = "91440300708461136T"
TITLES = ("甲案", "乙案", "丙案")


def _three_cases(demo):
    from ipenforce.cases.services import case_register

    officer = demo.user("ft_officer1")
    today = timezone.localdate()
    for n, (title, days) in enumerate([("乙案", 30), ("甲案", 10), ("丙案", 20)]):
        case_register(actor=officer, data={"title": title, "source": "inspection", "ip_type": "trademark",
                                           "description": "巡查", "discovered_on": today - timedelta(days=days)},
                      parties=[{"kind": "organisation", "name": f"深圳市某{n}电子有限公司", "uscc": USCC}],
                      rights=[], campaign_ids=[])
    return officer


def _titles(html: str) -> list[str]:
    return sorted((t for t in ("甲案", "乙案", "丙案") if t in html), key=html.index)


def test_the_list_opens_most_recent_first_and_sorts_by_a_clicked_header(demo):
    _three_cases(demo)
    client = demo.client("ft_officer1")
    page = client.get("/cases/").content.decode()
    assert _titles(page) == ["丙案", "甲案", "乙案"]  # registered last first
    assert 'href="?sort=discovered"' in page
    by_discovery = client.get("/cases/?sort=discovered").content.decode()
    assert _titles(by_discovery) == ["乙案", "丙案", "甲案"]  # discovered 30, 20, 10 days ago
    assert 'href="?sort=-discovered"' in by_discovery and "发现日期 ▲" in by_discovery
    newest = client.get("/cases/?sort=-discovered&ip_type=trademark").content.decode()
    assert _titles(newest) == ["甲案", "丙案", "乙案"]
    assert "ip_type=trademark" in newest.split('data-sort="title"')[1].split("</th>")[0]  # the filter is kept


def test_the_api_and_the_export_sort_the_same_way(demo):
    _three_cases(demo)
    body = demo.api("ft_officer1").get("/api/v1/cases?sort=discovered").json()
    titles = [row["title"] for row in body["items"] if row["title"] in ("甲案", "乙案", "丙案")]
    assert titles == ["乙案", "丙案", "甲案"]
    from ipenforce.cases.exports import case_rows

    rows = case_rows(demo.user("ft_officer1"), {"sort": "-title"})
    assert [c.title for c in rows if c.title in TITLES] == sorted(TITLES, reverse=True)
    assert demo.api("ft_officer1").get("/api/v1/cases?sort=password").status_code == 422
    with pytest.raises(ValidationFailed) as refused:  # a bad filter is refused, never exported unfiltered
        case_rows(demo.user("ft_officer1"), {"sort": "nonsense"})
    assert refused.value.code == "invalid_filter" and "排序" in refused.value.message
    default = list(case_rows(demo.user("ft_officer1"), {}))
    assert [c.title for c in default if c.title in ("甲案", "乙案", "丙案")] == ["丙案", "甲案", "乙案"]
