"""§4: a trademark case is not always 商标法第六十条 — F2 (art.51) and F3 (art.52) have their own fines, and neither
they nor 假冒专利 other than 假冒他人专利 (PLR art.101, CL art.216) are measured against a criminal threshold."""
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from ipenforce.cases import penalty

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key,offence,turnover,high", [
    ("fine.trademark_unregistered_required", "tm_unregistered_required", Decimal(60000), Decimal(12000)),  # 20 %
    ("fine.trademark_unregistered_required", "tm_unregistered_required", Decimal(40000), Decimal(10000)),
    ("fine.trademark_false_registered", "tm_false_registered", Decimal(100000), Decimal(20000)),
    ("fine.trademark_false_registered", "tm_false_registered", None, Decimal(10000)),
])
def test_trademark_articles_51_and_52_fines(key, offence, turnover, high):
    case = SimpleNamespace(ip_type="trademark", offence=offence, rule_date=date(2026, 1, 5),
                           illegal_turnover=turnover, illegal_gains=None)
    result = penalty.fine_range(case)
    assert result.rule_key == key and result.high == high


def test_article_52_case_has_its_range_and_no_crime_alert(walker):
    walker.register("trademark", offence="tm_false_registered", illegal_turnover="100000")
    assert walker.case["fine_range"]["rule"] == "fine.trademark_false_registered"
    assert walker.case["fine_range"]["high"] == "20000.00"
    assert walker.case["crime_checks"] == []
    walker.register("trademark", illegal_turnover="100000")  # art.60 infringement: over the art.213 threshold
    assert any(c["met"] for c in walker.case["crime_checks"])


def test_patent_marked_after_it_lapsed_is_not_measured_against_article_216(walker):
    walker.register("patent", offence="patent_other_acts", conduct_on="2025-01-01", illegal_gains="100000")
    assert walker.case["crime_checks"] == [] and walker.case["fine_range"]["rule"] == "fine.patent_counterfeiting"
    walker.register("patent", offence="patent_others", conduct_on="2025-01-01", illegal_gains="100000")
    assert [c["rule"] for c in walker.case["crime_checks"] if c["met"]] == ["crime.patent_counterfeiting"]


def test_an_offence_of_another_ip_type_is_refused(walker):
    body = {"title": "t", "source": "inspection", "ip_type": "copyright", "offence": "tm_false_registered",
            "description": "d", "discovered_on": "2026-01-04"}
    response = walker.api("ft_officer1").post("/api/v1/cases", body)
    assert response.status_code == 422 and response.json()["field"] == "offence"
