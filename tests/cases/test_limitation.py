"""T16 — 《行政处罚法》第三十六条: a violation not discovered within 2 years (5 where life, health or financial
security is involved with harmful consequences), counted from the end of a continuing act, is not penalised; filing
is refused with `limitation_expired` and the lead page says so from registration on."""
from datetime import date

import pytest

from ipenforce.cases.limitation import limitation_for
from ipenforce.cases.models import Case
from tests.cases.test_guards import refused
from tests.cases.test_time_limits import at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("conduct,ended,safety,barred", [
    (date(2023, 1, 4), None, False, True),  # three years before discovery
    (date(2024, 1, 4), None, False, False),  # exactly two years: still in time
    (date(2024, 1, 3), None, False, True),
    (date(2022, 6, 1), date(2024, 6, 1), False, False),  # continuing act: counted from its end
    (date(2023, 1, 4), None, True, False),  # life / health / financial safety: 5 years
    (date(2020, 1, 3), None, True, True),
])
def test_two_years_five_with_safety_from_the_end_of_a_continuing_act(conduct, ended, safety, barred):
    result = limitation_for(conduct_on=conduct, conduct_ended_on=ended, harms_safety=safety,
                            discovered_on=date(2026, 1, 4))
    assert result.barred is barred
    assert result.ref == "T16" and "第三十六条" in result.citation


def test_the_guard_refuses_filing_and_the_on_the_spot_decision():
    assert refused("file", time_barred="超过时效") == "limitation_expired"
    assert refused("simple_decide", {"penalty": "warning"}, state="simple", procedure="simple",
                   time_barred="超过时效") == "limitation_expired"
    assert refused("file") is None


def test_a_time_barred_lead_cannot_be_filed_and_its_page_says_so(walker, demo):
    with at(date(2026, 1, 5)):
        walker.register("trademark", discovered_on="2026-01-04", conduct_on="2023-01-04")
        assert walker.case["limitation"]["barred"] is True and walker.case["limitation"]["rule"] == "admin.limitation"
        page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
        assert "已超过追责时效" in page and "第三十六条" in page
        walker.act("ft_unithead", "assign_officers",
                   officers=[demo.user("ft_officer1").pk, demo.user("ft_officer2").pk])
        walker.act("ft_officer1", "triage", procedure="ordinary", reason="按违法经营额计算罚款")
        refusal = walker.act("ft_officer1", "file", expect=422, comment="拟立案")
        assert refusal["code"] == "limitation_expired" and "追责时效" in refusal["message"]
        assert Case.objects.get(pk=walker.case["id"]).number is None
        # the conduct went on until 2025: counted from its end, the lead is in time and may be filed
        walker.refresh()
        walker.case = walker.api("ft_officer1").patch(f"/api/v1/cases/{walker.case['id']}", {
            "version": walker.case["version"], "conduct_ended_on": "2025-03-01"}).json()
        assert walker.case["limitation"]["barred"] is False
        walker.act("ft_officer1", "file", comment="拟立案")


def test_without_a_conduct_date_the_page_says_it_cannot_be_checked(walker, demo):
    walker.register("trademark")
    assert walker.case["limitation"]["due"] is None
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
    assert "无法判断是否超过追责时效" in page


def test_the_end_of_the_conduct_cannot_precede_its_start(walker):
    response = walker.api("ft_officer1").post("/api/v1/cases", {
        "title": "t", "source": "inspection", "ip_type": "trademark", "description": "d",
        "discovered_on": "2026-01-04", "conduct_on": "2025-01-04", "conduct_ended_on": "2024-01-04"})
    assert response.status_code == 422 and response.json()["field"] == "conduct_ended_on"

