"""One worked example per rule that no procedure test exercises, with the values legal-rules.md gives (§1.3, §2.2,
§1.4, §1.5, §4). Dates start on Monday 2026-03-02, a month without holidays; the start day is not counted."""
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from ipenforce.cases import penalty
from ipenforce.core import rules

pytestmark = pytest.mark.django_db
MON = date(2026, 3, 2)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("key,ref,start,due", [
    ("admin.complaint_mediation_verification", "T1a", MON, date(2026, 3, 23)),  # 15 working days
    ("admin.onspot_fine_handover", "T9", MON, date(2026, 3, 4)),  # 2 working days
    ("admin.assistance_request", "T13", MON, date(2026, 3, 23)),  # 15 working days
    ("admin.publicity_withdraw", "T14", MON, date(2026, 3, 5)),  # 3 working days
    ("admin.publicity_other_province", "T15a", MON, date(2026, 3, 16)),  # 10 working days
    ("admin.publicity_period", "T15b", MON, date(2029, 3, 2)),  # 3 years
    ("admin.publicity_period_minor", "T15b", MON, date(2026, 6, 2)),  # 3 months
    ("admin.limitation_safety", "T16", MON, date(2031, 3, 2)),  # 5 years
    ("complaint.acceptance", "T17", MON, date(2026, 3, 11)),  # 7 working days
    ("report.filing_notice", "T18", MON, date(2026, 3, 9)),  # 5 working days
    ("admin.reconsideration_application", "T19", date(2026, 3, 9), date(2026, 5, 8)),  # 60 days
    ("admin.litigation", "T20", MON, date(2026, 9, 2)),  # 6 months
    ("admin.demand_notice", "T21", MON, date(2026, 3, 16)),  # 10 working days
    ("admin.court_enforcement", "T22", MON, date(2026, 6, 2)),  # 3 months
    ("admin.public_notice_service", "T23", MON, date(2026, 4, 1)),  # 30 days
    ("linkage.arrest_request", "L14", MON, date(2026, 3, 5)),  # 3 days after detention
    ("linkage.nonarrest_reconsideration", "L15a", date(2026, 3, 4), date(2026, 3, 9)),  # 5 days
    ("linkage.nonprosecution_reconsideration", "L17a", MON, date(2026, 3, 9)),  # 7 days
    ("linkage.appeal_ruling", "L19", date(2026, 3, 4), date(2026, 3, 9)),  # 5 days (ruling)
])
def test_time_limit_worked_example(key, ref, start, due):
    assert rules.get_rule(key).ref == ref
    assert rules.due_for(key, start)[0].due == due


@pytest.mark.parametrize("key,ref", [("admin.urgent_measure_report", "T12"),
                                     ("linkage.police_supplement_notice", "L4a")])
def test_24_hour_limits(key, ref):
    start = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
    assert rules.get_rule(key).ref == ref
    assert rules.due_for(key, start)[0].due == datetime(2026, 3, 3, 10, 0, tzinfo=SHANGHAI)


def test_arrest_request_extends_by_up_to_four_days():
    assert rules.due_for("linkage.arrest_request", MON, extensions_granted=1)[0].due == date(2026, 3, 9)


def _case(ip_type, turnover=None, gains=None):
    return SimpleNamespace(ip_type=ip_type, rule_date=date(2026, 1, 5), illegal_turnover=turnover,
                           illegal_gains=gains)


@pytest.mark.parametrize("key,case,low,high", [
    # F1 TML art.60: T ≥ 5万 → ≤ 5 × T; below or none → ≤ 25万
    ("fine.trademark_infringement", _case("trademark", turnover=Decimal(60000)), 0, 300000),
    ("fine.trademark_infringement", _case("trademark", turnover=Decimal(40000)), 0, 250000),
    ("fine.trademark_infringement", _case("trademark"), 0, 250000),
    # F5 PL art.68: ≤ 5 × G; no G or G ≤ 5万 → ≤ 25万
    ("fine.patent_counterfeiting", _case("patent", gains=Decimal(60000)), 0, 300000),
    ("fine.patent_counterfeiting", _case("patent", gains=Decimal(30000)), 0, 250000),
    # F6 CRL art.53: T ≥ 5万 → 1×–5× T; else ≤ 25万
    ("fine.copyright_infringement", _case("copyright", turnover=Decimal(60000)), 60000, 300000),
    ("fine.copyright_infringement", _case("copyright", turnover=Decimal(40000)), 0, 250000),
])
def test_fine_range_worked_example(key, case, low, high):
    result = penalty.fine_range(case)
    assert result.rule_key == key and (result.low, result.high) == (Decimal(low), Decimal(high))


def test_late_payment_surcharge_3_percent_a_day_capped_at_the_fine():
    """T8: APL arts.72(1), 73 ¶3."""
    assert rules.get_rule("late_payment.surcharge").ref == "T8"
    due = date(2026, 3, 2)
    assert penalty.surcharge(Decimal(10000), due, date(2026, 3, 12), []) == Decimal(3000)
    assert penalty.surcharge(Decimal(10000), due, date(2026, 8, 1), []) == Decimal(10000)
    # not counted while a review runs (days 3–12 paused → 0 of those 10 days)
    assert penalty.surcharge(Decimal(10000), due, date(2026, 3, 12), [(date(2026, 3, 3), None)]) == Decimal(0)


def test_onspot_collection_and_simple_procedure_values():
    """§1.4: on-the-spot collection ≤ 100 yuan (APL arts.68–69); simple procedure 200 / 3,000 (art.51)."""
    on = date(2026, 1, 5)
    assert rules.version_on("onspot_collection.max_fine", on).values["any_party"].amount == Decimal(100)
    assert penalty.simple_fine_limit("natural_person", on) == Decimal(200)
    assert penalty.simple_fine_limit("organisation", on) == Decimal(3000)


def test_no_switch_back_is_a_local_pattern():
    version = rules.version_on("simple_procedure.no_switch_back", date(2026, 1, 5))
    assert version.local and not version.adopted_for("440304")
