"""The reporting calendar (weekly by a weekday, monthly by a day, clipped to the campaign) and the demo's running
campaign, seeded through the services."""
from datetime import date

import pytest

from ipenforce.campaigns.calendar import Period, periods
from ipenforce.campaigns.demo import NAME, seed_demo_campaign
from ipenforce.campaigns.models import Campaign, CampaignTag, UnitReport
from ipenforce.campaigns.selectors import is_late
from ipenforce.cases.demo import seed_demo_cases
from ipenforce.core import rules
from ipenforce.orgs.selectors import work_queue
from tests.conftest import FUTIAN, NANSHAN


def test_weekly_periods_end_the_day_before_the_report_weekday():
    # A Wednesday start, reports due on Fridays (weekday 4): the first period runs to Thursday.
    found = periods(cadence="weekly", starts_on=date(2026, 3, 4), ends_on=date(2026, 3, 20), weekday=4)
    assert found == [Period(date(2026, 3, 4), date(2026, 3, 5), date(2026, 3, 6)),
                     Period(date(2026, 3, 6), date(2026, 3, 12), date(2026, 3, 13)),
                     Period(date(2026, 3, 13), date(2026, 3, 19), date(2026, 3, 20)),
                     Period(date(2026, 3, 20), date(2026, 3, 20), date(2026, 3, 27))]
    assert len(periods(cadence="weekly", starts_on=date(2026, 3, 4), ends_on=date(2026, 3, 20), weekday=4,
                       until=date(2026, 3, 6))) == 2


def test_monthly_periods_are_calendar_months_due_on_the_day_of_the_next():
    found = periods(cadence="monthly", starts_on=date(2026, 1, 15), ends_on=date(2026, 3, 10), day=5)
    assert found == [Period(date(2026, 1, 15), date(2026, 1, 31), date(2026, 2, 5)),
                     Period(date(2026, 2, 1), date(2026, 2, 28), date(2026, 3, 5)),
                     Period(date(2026, 3, 1), date(2026, 3, 10), date(2026, 4, 5))]


def test_the_calendar_defaults_are_rules_with_their_citation():
    weekly = rules.version_on("campaign.weekly_report", date(2026, 3, 1))
    monthly = rules.version_on("campaign.monthly_report", date(2026, 3, 1))
    assert (weekly.duration, weekly.unit, weekly.mark) == (1, "natural_days", "◐")
    assert (monthly.duration, monthly.mark) == (4, "◐") and "每月4日前" in monthly.citation
    assert "常州" in weekly.citation and "可配置" in weekly.note


@pytest.mark.django_db
def test_the_demo_campaign_is_running_with_a_report_awaiting_futians_head(demo):
    seed_demo_cases()
    assert seed_demo_campaign() is True
    assert seed_demo_campaign() is False  # once
    campaign = Campaign.objects.get(name=NAME)
    assert campaign.lead_agency.name == "深圳市市场监督管理局"
    assert sorted(u.agency.name for u in campaign.units.all()) == sorted([FUTIAN, NANSHAN])
    assert CampaignTag.objects.filter(campaign=campaign).count() >= 3
    submitted = UnitReport.objects.get(campaign=campaign, state="submitted")
    assert submitted.agency.name == FUTIAN and submitted.figures["filed"] >= 1
    review = [w for w in work_queue(demo.user("ft_head")) if w.kind == "campaign_report.review"]
    assert [w.target_id for w in review] == [str(submitted.pk)]
    late = [r for r in UnitReport.objects.filter(campaign=campaign, agency__name=NANSHAN) if is_late(r)]
    assert late  # 南山's earlier weeks are unsent
    page = demo.client("ft_head").get(f"/campaigns/reports/{submitted.pk}/").content.decode()
    assert "审核通过" in page and "退回修改" in page


@pytest.mark.django_db
def test_the_periodic_task_opens_the_weeks_begun_and_refreshes_their_figures(demo):
    from ipenforce.campaigns.services import reports_open_running
    from ipenforce.cases.models import Case
    from tests.campaigns.test_walk import at, case, create_campaign, tag

    with at(date(2026, 3, 3)):
        cid = create_campaign(demo)["id"]
        assert reports_open_running() == 2  # week 1 for 福田 and 南山
        tagged = case(demo, FUTIAN, "patent", date(2026, 3, 3))
        tag(demo.api("ft_officer1"), cid, tagged.pk)
        Case.objects.filter(pk=tagged.pk).update(closed_on=date(2026, 3, 3))  # moved on without a tag change
        assert reports_open_running() == 0
        week1 = UnitReport.objects.get(agency__name=FUTIAN, period_start=date(2026, 3, 2))
        assert (week1.figures["filed"], week1.figures["closed"]) == (1, 1)
    with at(date(2026, 3, 10)):
        assert reports_open_running() == 2  # week 2
