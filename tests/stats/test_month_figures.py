"""The monthly rollup (stats.rollup) gives exactly the live figures of the period report and the dashboard: on
varied cases over many agencies and years, for periods of whole and partial months (leap day, year edges, periods
longer than a year), right after writes the triggers mark stale (before the worker runs) and after the worker; and
in a number of queries that does not grow with the data."""
import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ipenforce.cases.choices import IpType, Procedure, State
from ipenforce.cases.figures import period_summary
from ipenforce.cases.models import Campaign, Case, Payment
from ipenforce.core.clock import start_of
from ipenforce.core.errors import ApplicationError
from ipenforce.orgs.models import Agency
from ipenforce.stats import dashboard, rollup
from ipenforce.stats.models import MonthFigure, RollupBuild, StaleMonth
from ipenforce.stats.reports import period_report
from ipenforce.stats.selectors import CASE_HANDLING_KINDS, report_figures_scope
from ipenforce.workflow.models import Deadline, of_subject
from tests.stats.test_fast_figures import CITY, FUTIAN, HQB, NANSHAN, PERIODS, varied  # noqa: F401 - a fixture
from tests.stats.test_reports import _case

pytestmark = pytest.mark.django_db
MORE_PERIODS = PERIODS + [(date(2023, 1, 1), date(2024, 12, 31)), (date(2022, 11, 17), date(2025, 2, 3)),
                          (date(2024, 3, 1), date(2024, 3, 1)), (date(2017, 1, 1), date(2025, 12, 31))]
READERS = ("sz_stats", "ft_head", "admin")


@pytest.fixture
def spread(request):
    """`varied` plus cases of every case-handling agency on random dates of 2022-2025, with payments and tags."""
    demo = request.getfixturevalue("varied")
    chance = random.Random(20)
    agencies = list(Agency.objects.filter(kind__in=CASE_HANDLING_KINDS).values_list("name", flat=True))
    tags = list(Campaign.objects.all())
    for n in range(160):
        day = date(2022, 1, 1) + timedelta(days=chance.randrange(4 * 365 + 1))
        case = _case(demo, agencies[n % len(agencies)], IpType.values[n % 3], day, is_ecommerce=n % 3 == 0,
                     fine=Decimal(chance.randrange(1, 10 ** 6)) / 100 if n % 2 else None,
                     decided_on=day + timedelta(days=n % 40) if n % 2 else None,
                     closed_on=day + timedelta(days=n % 70) if n % 4 else None)
        if n % 5 == 0:
            Case.objects.filter(pk=case.pk).update(procedure=Procedure.SIMPLE, decided_on=day)
        if n % 3 == 1:
            case.campaigns.add(tags[n % len(tags)])
        if n % 4 == 1:
            Payment.objects.create(case=case, amount=Decimal("33.33") * (n % 7 + 1), paid_on=day + timedelta(days=20),
                                   recorded_by=demo.user("ft_officer1"))
        if n % 6 == 2:  # time limits, running and past due or not, or met: the overdue chart
            Deadline.objects.create(**of_subject(case), rule=f"r{n}", title=f"期限{n % 4}", owner="officers",
                                    started_at=start_of(day),
                                    due_at=start_of(day + timedelta(days=30 + 700 * (n % 4 == 2))),
                                    unit="days", citation="-", status="met" if n % 12 == 2 else "running")
    call_command("rebuild_month_figures", verbosity=0)
    return demo


def _scopes(demo):
    for username in READERS:
        user = demo.user(username)
        for name in (CITY, FUTIAN, HQB):
            try:
                agency, cases, transfers, agencies = report_figures_scope(user, Agency.objects.get(name=name).pk)
            except ApplicationError:  # an agency outside the reader's scope
                continue
            yield user, agency, cases, transfers, agencies


def _check(demo, periods=MORE_PERIODS) -> int:
    checked = 0
    for user, _agency, cases, transfers, agencies in _scopes(demo):
        assert agencies is not None
        for start, end in periods:
            live = period_summary(cases, transfers, start=start, end=end)
            counted = rollup.case_figures(agencies, start=start, end=end)
            assert period_summary(cases, transfers, start=start, end=end, counted=counted) == live, (user, start)
            rolled = dashboard.Rolled(agencies, start, end)
            for key in dashboard.CHARTS:  # the current-state charts too (their time limits in the fixture)
                assert (dashboard.chart(key, cases, transfers, start, end, rolled)
                        == dashboard.chart(key, cases, transfers, start, end)), (user, key, start)
            checked += 1
    return checked


def _stored() -> list:
    return sorted(MonthFigure.objects.values_list("agency_id", "month", "measure", "ip_type", "detail", "n", "amount"))


def test_the_rollup_gives_the_live_figures(spread):
    assert rollup.built() and MonthFigure.objects.count() > 300 and not StaleMonth.objects.exists()
    assert _check(spread) >= 60


def test_writes_are_exact_before_and_after_the_worker(spread):
    cases = list(Case.objects.filter(filed_on__year=2024).exclude(decided_on=None).order_by("pk"))
    nanshan, futian = Agency.objects.get(name=NANSHAN), Agency.objects.get(name=FUTIAN)
    officer = spread.user("ft_officer1")
    moved = cases[0]
    moved.filed_on, moved.closed_on = date(2024, 2, 29), date(2024, 5, 31)  # another month, the leap day
    moved.save()
    Case.objects.filter(pk=cases[1].pk).update(agency=nanshan)  # another agency, with its payments
    Payment.objects.create(case=cases[1], amount=Decimal("12.34"), paid_on=date(2024, 4, 30), recorded_by=officer)
    Case.objects.filter(pk=cases[2].pk).update(procedure=Procedure.SIMPLE, fine=Decimal("5000.01"), is_ecommerce=True)
    Case.objects.filter(pk=cases[3].pk).update(ip_type=IpType.COPYRIGHT, confiscation=Decimal("0.99"))
    Payment.objects.filter(case__agency=futian).update(paid_on=date(2024, 1, 31))
    Case.objects.get(pk=cases[4].pk).delete()
    tag = Campaign.objects.create(name="清风")
    cases[5].campaigns.add(tag)
    cases[6].campaigns.clear()
    Case.objects.filter(pk=cases[7].pk).update(state=State.CLOSED)  # no figure changes: nothing marked
    assert StaleMonth.objects.exists()
    _check(spread)  # the triggers' marks, before the worker
    assert rollup.refresh_stale() > 0 and not StaleMonth.objects.exists()
    _check(spread)
    refreshed = _stored()
    rollup.rebuild()
    assert _stored() == refreshed  # the worker's months are what a full rebuild computes


def test_a_mere_save_marks_nothing_and_an_unbuilt_rollup_is_not_read(spread):
    case = Case.objects.exclude(filed_on=None).first()
    case.title = "renamed"
    case.save()
    assert not StaleMonth.objects.exists()
    RollupBuild.objects.all().delete()
    Case.objects.filter(pk=case.pk).update(filed_on=date(2024, 1, 15))
    assert rollup.refresh_stale() == 0 and not StaleMonth.objects.exists() and not rollup.built()
    city = Agency.objects.get(name=CITY).pk
    _agency, cases, transfers, _ids = report_figures_scope(spread.user("sz_stats"), city)
    live = period_summary(cases, transfers, start=date(2024, 1, 1), end=date(2024, 6, 30))
    report = period_report(spread.user("sz_stats"), city, start=date(2024, 1, 1), end=date(2024, 6, 30))
    assert report == {**live, "agency": CITY}


def _queries(demo, start, end) -> int:
    city = Agency.objects.get(name=CITY).pk
    user = demo.user("sz_stats")
    with CaptureQueriesContext(connection) as report:
        period_report(user, city, start=start, end=end)
    _agency, cases, transfers, agencies = report_figures_scope(user, city)
    with CaptureQueriesContext(connection) as charts:
        rolled = dashboard.Rolled(agencies, start, end)
        for key in dashboard.CHARTS:
            dashboard.chart(key, cases, transfers, start, end, rolled)
    return len(report), len(charts)


def test_queries_are_few_and_do_not_grow_with_the_data(spread):
    whole, edges = (date(2024, 1, 1), date(2024, 6, 30)), (date(2023, 12, 15), date(2024, 6, 14))
    before = {period: _queries(spread, *period) for period in (whole, edges)}
    # Report: scope 5 (with the agency-id sets), built, stale marks, rollup, transfers, campaign names; dashboard:
    # stale marks, rollup, agency names and the three current-state charts. Partial months add one query per measure.
    assert before[whole] == (10, 6) and before[edges] == (15, 9)
    spread_more = random.Random(5)
    for n in range(60):
        _case(spread, FUTIAN if n % 2 else HQB, IpType.PATENT, date(2024, 1, 1) + timedelta(spread_more.randrange(180)))
    rollup.refresh_stale()
    assert {period: _queries(spread, *period) for period in (whole, edges)} == before


def test_the_overdue_chart_counts_each_scopes_running_time_limits_past_due(spread):
    case_type = ContentType.objects.get_for_model(Case)
    late = list(Deadline.objects.filter(subject_type=case_type, status="running", due_at__lt=timezone.now()))
    assert late
    for user, _agency, cases, transfers, _agencies in _scopes(spread):
        ids = set(cases.values_list("pk", flat=True))
        chart = dashboard.chart("overdue", cases, transfers, date(2024, 1, 1), date(2024, 6, 30))
        assert dict(zip(chart.labels, chart.values)) == Counter(d.title for d in late if d.subject_id in ids), user
