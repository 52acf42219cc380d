"""Repeat-infringement checks on the case: run when a lead is registered and when its decision is drafted, their
result with the earlier decision's number on the case page and its API twin — TML art 60 (D-33), Guangdong's same
right again (D-34, "credit.repeat_same_right") and Shenzhen's three within five years (D-37, ⚠:
"credit.repeat_window_shenzhen", "credit.repeat_count_shenzhen") — without linking into another district's case."""
from datetime import date

import pytest

from ipenforce.core import rules
from ipenforce.credit import repeat
from ipenforce.credit.models import RepeatCheck
from tests.cases.conftest import CaseWalker
from tests.credit.conftest import PERSON, decided
from tests.credit.test_party import south_decision  # noqa: F401 — the 南山 decision fixture

pytestmark = pytest.mark.django_db


def _checks(demo, case_id, username="ft_officer1"):
    response = demo.api(username).get(f"/api/v1/credit/cases/{case_id}/repeat-checks")
    assert response.status_code == 200, response.json()
    return response.json()


def test_a_first_lead_is_checked_on_registration_and_nothing_is_found(walker, demo):
    case = walker.register("trademark")
    [check] = _checks(demo, case["id"])
    assert check["occasion"] == "registered" and check["findings"] == []
    page = demo.client("ft_officer1").get(f"/cases/{case['id']}/").content.decode()
    assert 'data-testid="repeat-check"' in page and "未发现重复侵权记录" in page


def test_a_repeat_trademark_infringer_across_districts_is_flagged_with_the_earlier_number(
        walker, demo, south_decision):  # noqa: F811
    case = walker.register("trademark")
    [registered] = _checks(demo, case["id"])
    rules_met = {f["rule"]: f for f in registered["findings"]}
    assert set(rules_met) == {"tml_art60", "credit.repeat_same_right"}  # same mark 12345678, Guangdong agency
    assert [d["number"] for d in rules_met["tml_art60"]["decisions"]] == [south_decision["number"]]
    assert rules_met["tml_art60"]["decisions"][0]["authority"] == south_decision["agency"]
    assert all(d["case_id"] is None for f in registered["findings"] for d in f["decisions"])
    walker.to_investigation()
    walker.to_decision(proposed_fine="30000")
    walker.act("ft_officer1", "decide", outcome="penalty", fine="30000", reason="")  # drafted, awaiting approval
    checks = _checks(demo, case["id"])
    assert [c["occasion"] for c in checks] == ["registered", "decision_drafted"]
    assert {f["rule"] for f in checks[1]["findings"]} == {"tml_art60", "credit.repeat_same_right"}
    page = demo.client("ft_officer1").get(f"/cases/{case['id']}/").content.decode()
    assert page.count('data-testid="repeat-check"') == 2 and south_decision["number"] in page
    assert f"/cases/{south_decision['id']}/" not in page  # 南山's case is named, never linked
    # 南山 does not see 福田's case, nor its checks
    assert demo.api("ns_officer1").get(f"/api/v1/credit/cases/{case['id']}/repeat-checks").status_code == 404


def test_a_patent_case_of_another_party_is_no_repeat(walker, demo, south_decision):  # noqa: F811
    case = walker.register("patent", party=PERSON)
    assert _checks(demo, case["id"])[0]["findings"] == []


def test_a_decision_not_to_penalise_is_not_checked_again(walker, demo):
    walker.register("trademark")
    walker.to_investigation()
    walker.to_decision(proposed_fine="30000")
    walker.act("ft_officer1", "decide", outcome="no_penalty", fine=None, reason="情节轻微")
    assert RepeatCheck.objects.filter(case_id=walker.case["id"]).count() == 1


def _d(number, day, ip_type="patent"):
    return {"case_id": None, "number": number, "authority": "某局", "decided_on": day, "ip_type": ip_type}


def test_shenzhen_three_within_five_years_is_a_pattern_marked_unverified():
    on = date(2026, 6, 1)
    window = rules.version_on("credit.repeat_window_shenzhen", on)
    count = rules.version_on("credit.repeat_count_shenzhen", on)
    assert (window.duration, count.values["penalties"].amount) == (5, 3)
    assert not window.verified and not count.verified  # the research read a news summary only
    two = [_d("甲", date(2022, 1, 10)), _d("乙", date(2024, 3, 1))]
    flag = repeat.shenzhen_repeat(two, on, "440304", current=True)
    assert flag is not None and flag.rule == "credit.repeat_count_shenzhen" and flag.verified is False
    assert [d["number"] for d in flag.decisions] == ["甲", "乙"]
    assert repeat.shenzhen_repeat(two, on, "440304", current=False) is None  # two only, without this case
    old = [_d("甲", date(2021, 5, 31)), _d("乙", date(2024, 3, 1))]
    assert repeat.shenzhen_repeat(old, on, "440304", current=True) is None  # the first is over five years ago
    assert repeat.shenzhen_repeat(two, on, "310115", current=True) is None  # not adopted outside Shenzhen


def test_trademark_art60_counts_the_case_itself_within_five_years():
    on = date(2026, 6, 1)
    assert repeat.trademark_repeat([_d("甲", date(2021, 6, 2), "trademark")], on, current=True) is not None
    assert repeat.trademark_repeat([_d("甲", date(2021, 5, 31), "trademark")], on, current=True) is None
    assert repeat.trademark_repeat([_d("甲", date(2025, 1, 1), "trademark")], on, current=False) is None


def test_the_same_right_rule_applies_to_guangdong_agencies_only():
    version = rules.version_on("credit.repeat_same_right", date(2026, 1, 1))
    assert version.adopted_for("440304") and not version.adopted_for("310115")
    assert rules.get_rule("credit.repeat_same_right").version_on_or_none(date(2022, 4, 30)) is None


def test_registration_by_another_district_sees_the_first_decision(demo, walker):
    first = decided(walker)
    other = CaseWalker(demo)
    case = other.register("trademark", username="ns_officer1")
    [check] = _checks(demo, case["id"], "ns_officer1")
    assert [d["number"] for f in check["findings"] for d in f["decisions"]][:1] == [first["number"]]
