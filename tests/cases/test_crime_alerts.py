"""The "should be transferred" alert against the criminal thresholds, on both sides of 2025-04-26 (从旧兼从轻)."""
from datetime import date

import pytest

from ipenforce.orgs.selectors import work_queue
from tests.cases.test_time_limits import at

pytestmark = pytest.mark.django_db


def alerts(walker):
    return [c["rule"] for c in walker.case["crime_checks"] if c["met"]]


def test_trademark_case_over_the_threshold_alerts_the_agency_head(walker, demo):
    walker.register("trademark", illegal_gains="29999.99")
    assert alerts(walker) == []
    assert not work_queue(demo.user("ft_head")).filter(kind="case.crime_alert").exists()
    response = walker.api("ft_officer1").patch(f"/api/v1/cases/{walker.case['id']}",
                                              {"version": walker.case["version"], "illegal_gains": "30000"})
    walker.case = response.json()
    assert alerts(walker) == ["crime.trademark_counterfeiting", "crime.selling_counterfeit_goods"]
    item = work_queue(demo.user("ft_head")).get(kind="case.crime_alert")
    assert "应当移送" in item.title
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
    assert "涉嫌犯罪，应当移送公安机关" in page
    walker.case = walker.api("ft_officer1").patch(f"/api/v1/cases/{walker.case['id']}",
                                                  {"version": walker.case["version"], "illegal_gains": "100"}).json()
    assert alerts(walker) == [] and not work_queue(demo.user("ft_head")).filter(kind="case.crime_alert").exists()


def test_two_marks_lower_the_threshold(walker):
    walker.register("trademark", illegal_turnover="30000")
    assert alerts(walker) == []
    right = {"ip_type": "trademark", "trademark_number": "7654321", "trademark_class": 9, "holder": "另一品牌"}
    walker.api("ft_officer1").post(f"/api/v1/cases/{walker.case['id']}/rights",
                                   {"version": walker.case["version"], **right})
    walker.refresh()
    assert alerts(walker) == ["crime.trademark_counterfeiting"]


COPY, SELL = "crime.copyright_infringement", "crime.selling_infringing_copies"


@pytest.mark.parametrize("conduct,gains,expected", [
    ("2025-03-01", "60000", [COPY]),  # selling copies: the old 10万 still governs, being the more lenient
    ("2025-05-01", "60000", [COPY, SELL]),  # the 2025 interpretation: 5万
    ("2025-03-01", "100000", [COPY, SELL]),
    ("2025-05-01", "20000", []),
])
def test_selling_infringing_copies_before_and_after_the_2025_interpretation(walker, conduct, gains, expected):
    with at(date(2026, 1, 5)):
        walker.register("copyright", discovered_on="2026-01-04", conduct_on=conduct, illegal_gains=gains)
        assert sorted(alerts(walker)) == sorted(expected)


def test_patent_conduct_after_2025_has_no_verified_standard_and_says_so(walker):
    walker.register("patent", conduct_on="2025-06-01", illegal_gains="500000")
    check = walker.case["crime_checks"][0]
    assert check["met"] is False and "尚未核实" in check["tier"] and check["verified"] is False
    walker.register("patent", conduct_on="2025-01-01", illegal_gains="100000")
    assert alerts(walker) == ["crime.patent_counterfeiting"]


def test_copyright_turnover_before_2025_is_decided_by_the_2004_threshold_the_newer_version_lacks(walker, demo):
    """§3.3.5 (2004 interp. art.5 ✅): conduct 2024-06-01, 非法经营数额 60,000. The 2025 version encodes only the
    违法所得 threshold, so the turnover kind is decided by the 2004 version alone — not dropped as "lenient"."""
    with at(date(2026, 1, 5)):
        walker.register("copyright", discovered_on="2026-01-04", conduct_on="2024-06-01", illegal_turnover="60000")
    check = next(c for c in walker.case["crime_checks"] if c["rule"] == COPY)
    assert check["met"] is True
    assert "法释〔2004〕19号第五条" in check["governing"] and "非法经营数额≥50,000元" in check["tier"]
    assert any("较新版本未完整编码" in flag for flag in check["flags"])
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
    assert "法释〔2004〕19号第五条" in page and "较新版本未完整编码" in page


def test_a_kind_both_versions_define_takes_the_lighter(walker):
    """Gains 40,000 for conduct 2024-06-01: both versions define 违法所得 ≥ 3万, both are met."""
    with at(date(2026, 1, 5)):
        walker.register("copyright", discovered_on="2026-01-04", conduct_on="2024-06-01", illegal_gains="40000")
    check = next(c for c in walker.case["crime_checks"] if c["rule"] == COPY)
    assert check["met"] is True and "适用较轻的标准" in check["tier"]


@pytest.mark.parametrize("conduct,goods,sales,expected", [
    ("2024-06-01", "150000", None, True),  # 追诉标准（二）第七十条 / 2025 art.5: unsold 货值 ≥ 15万 (attempt)
    ("2024-06-01", "100000", "40000", False),  # sold + unsold 14万 < 15万, sold < 5万
    ("2025-06-01", "100000", "50000", True),  # sales 5万 reached
    ("2025-06-01", "110000", "40000", True),  # sold + unsold = 15万
])
def test_unsold_goods_count_for_selling_counterfeit_goods(walker, conduct, goods, sales, expected):
    extra = {"goods_value": goods} | ({"sales_amount": sales} if sales else {})
    with at(date(2026, 1, 5)):
        walker.register("trademark", discovered_on="2026-01-04", conduct_on=conduct, **extra)
    check = next(c for c in walker.case["crime_checks"] if c["rule"] == "crime.selling_counterfeit_goods")
    assert check["met"] is expected
    if expected and not sales:
        assert "以未遂论" in check["tier"]


def test_unsold_infringing_copies_before_2025_use_the_2008_value(walker):
    """§3.3.6: 追诉标准（一）第二十七条 — unsold copies worth ≥ 30万; the 2025 version's ×3 rule is not encoded."""
    with at(date(2026, 1, 5)):
        walker.register("copyright", discovered_on="2026-01-04", conduct_on="2024-06-01", goods_value="300000")
    check = next(c for c in walker.case["crime_checks"] if c["rule"] == SELL)
    assert check["met"] is True and "第二十七条" in check["governing"]
