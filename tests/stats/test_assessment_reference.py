"""The assessment's figures, per unit and per officer, are exactly those of a plain computation in Python over the
scope's cases and their time limits, approvals, appeals, transfers and file reviews (with rows at the edges of the
period, cases with several officers or none, and rows of other subjects sharing a case's id), and the page answers in
a number of queries that does not grow with the units, officers or cases."""
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ipenforce.cases.choices import CORRECTED_OUTCOMES
from ipenforce.cases.models import AppealPeriod, Case
from ipenforce.core.clock import end_of, start_of
from ipenforce.linkage.models import Transfer
from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.selectors import visible_subtree_transfers, visible_transfers
from ipenforce.orgs.services import agency_create, user_create
from ipenforce.stats.assessment import _values, assessment_report
from ipenforce.stats.indicators import OFFICER, UNIT
from ipenforce.stats.selectors import CASE_HANDLING_KINDS, assessment_scope
from ipenforce.supervision.models import FileReview, ReviewDraw
from ipenforce.workflow.models import Approval, Deadline
from tests.stats.test_assessment import _scheme
from tests.stats.test_fast_figures import CITY, FUTIAN, NANSHAN, _handled_on, varied  # noqa: F401
from tests.stats.test_reports import _case

pytestmark = pytest.mark.django_db
PERIODS = [(date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 2, 29), date(2024, 3, 31)),
           (date(2024, 6, 30), date(2024, 6, 30)), (date(2018, 1, 1), date(2018, 6, 30))]


@pytest.fixture
def edges(request):
    """The varied cases with more officers per case, time limits, approvals, appeals and file reviews on the edges of
    the periods, and a transfer's time limit and approval whose subject id is a case's id."""
    demo = request.getfixturevalue("varied")
    _scheme(demo, year=2024, days=3)
    cases = list(Case.objects.filter(agency__path__startswith=demo.agency(FUTIAN).path).order_by("pk"))
    second = demo.user("ft_officer2")
    moments = [start_of(date(2024, 1, 1)), end_of(date(2024, 6, 30)), start_of(date(2024, 7, 1)),
               end_of(date(2024, 2, 28)), start_of(date(2024, 2, 29)), end_of(date(2024, 3, 31)),
               start_of(date(2024, 1, 1)) - timedelta(microseconds=1), end_of(date(2023, 12, 31))]
    case_type = ContentType.objects.get_for_model(Case)
    draw = ReviewDraw.objects.create(reviewer_agency=demo.agency(CITY), unit=demo.agency(FUTIAN),
                                     period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), rule="r",
                                     sample_size=9, seed="s", checklist="c", checklist_version="1",
                                     created_by=demo.user("sz_supervisor"))
    for n, case in enumerate(cases[:40]):
        at = moments[n % len(moments)]
        if n % 3 == 0:
            case.officers.add(second)
        if n % 7 == 0:
            case.officers.clear()
        Deadline.objects.create(subject_type=case_type, subject_id=case.pk, rule=f"e{n}", title="t", owner="officers",
                                started_at=at - timedelta(days=30), due_at=at, unit="days", citation="x",
                                stopped_at=[None, at + timedelta(seconds=1), at][n % 3])
        approval = Approval.objects.create(subject_type=case_type, subject_id=case.pk, action="file", chain=["u"],
                                           proposer=case.created_by,
                                           status=Approval.PENDING if n % 2 else Approval.APPROVED)
        Approval.objects.filter(pk=approval.pk).update(created_at=at, decided_at=None if n % 2 else at + timedelta(
            days=n % 6))
        AppealPeriod.objects.create(case=case, kind="litigation", started_on=date(2023, 6, 1),
                                    ended_on=timezone.localdate(at), outcome=["changed", "upheld", "void"][n % 3])
        if n % 4 == 0:
            FileReview.objects.create(draw=draw, case=case, score=Decimal(f"{80 + n}.5") if n % 8 else None,
                                      state=FileReview.SCORED, scored_at=at)
    transfer = Transfer.objects.create(case=cases[0], bureau=cases[0].agency, state="sent", report="r",
                                       created_by=demo.user("ft_officer1"), sent_at=moments[0])
    other = {"subject_type": ContentType.objects.get_for_model(Transfer), "subject_id": cases[1].pk}
    Deadline.objects.create(**other, rule="p", title="t", owner="police", started_at=moments[0], due_at=moments[1],
                            unit="days", citation="x")
    Approval.objects.create(**other, action="x", chain=["u"], proposer=transfer.created_by, status=Approval.PENDING)
    return demo


def _local_day(moment):
    return timezone.localdate(moment) if moment else None


def _rows_by_case() -> dict:
    """Every row of the other tables, by the id of its case."""
    rows = defaultdict(lambda: defaultdict(list))
    for name, model in (("deadlines", Deadline), ("approvals", Approval)):
        for row in model.objects.filter(subject_type__model="case"):
            rows[row.subject_id][name].append(row)
    for name, model in (("transfers", Transfer), ("appeals", AppealPeriod), ("reviews", FileReview)):
        for row in model.objects.all():
            rows[row.case_id][name].append(row)
    return rows


def _case_tallies(case, rows, start, end, stale_days) -> dict:
    """One case's raw counts for the period, read row by row."""
    asof = min(end, timezone.localdate())
    within = lambda day: day is not None and start <= day <= end  # noqa: E731
    decided = case.procedure == "ordinary" and within(case.decided_on) and case.filed_on is not None
    handled = within(_handled_on(case))
    deadlines = [d for d in rows["deadlines"] if d.due_at and start_of(start) <= d.due_at <= end_of(end)]
    reviews = [r for r in rows["reviews"] if r.score is not None and within(_local_day(r.scored_at))]
    tally = {
        "filed": int(handled), "filed_closed": int(handled and case.closed_on is not None and case.closed_on <= end),
        "closed": int(within(case.closed_on)), "decided": int(decided),
        "decision_time": (case.decided_on - case.filed_on) if decided else timedelta(0),
        "fines": ((case.fine or 0) + (case.confiscation or 0)) if within(case.decided_on) else 0,
        "due": len(deadlines),
        "overdue": sum(1 for d in deadlines if (d.stopped_at and d.stopped_at > d.due_at)
                       or (d.stopped_at is None and d.due_at < start_of(asof))),
        "transfers": sum(1 for t in rows["transfers"] if within(_local_day(t.sent_at))),
        "corrected": sum(1 for a in rows["appeals"] if within(a.ended_on) and a.outcome in CORRECTED_OUTCOMES),
        "review_points": sum(r.score for r in reviews), "reviewed": len(reviews), "stale": 0,
    }
    if stale_days is not None:
        wait = timedelta(days=stale_days)
        cutoff = timezone.make_aware(datetime.combine(asof, time.max)) - wait
        tally["stale"] = sum(1 for a in rows["approvals"] if within(_local_day(a.created_at))
                             and ((a.decided_at and a.decided_at > a.created_at + wait)
                                  or (a.decided_at is None and a.status == Approval.PENDING and a.created_at < cutoff)))
    return tally


def _summed(tallies) -> dict:
    total = defaultdict(int, decision_time=timedelta(0))
    for tally in tallies:
        for key, value in tally.items():
            total[key] += value
    return total


def _reference(user, agency_id, start, end, stale_days, rows):
    agency, cases, _transfers, officers, show_units = assessment_scope(user, agency_id)
    cases = list(cases.select_related("agency").prefetch_related("officers").order_by("pk"))
    per_case = {c.pk: _case_tallies(c, rows[c.pk], start, end, stale_days) for c in cases}
    units = {}
    if show_units:
        units[agency.pk] = [c for c in cases if c.agency_id == agency.pk]
        for child in Agency.objects.filter(parent=agency, kind__in=CASE_HANDLING_KINDS, is_active=True):
            units[child.pk] = [c for c in cases if c.agency.path.startswith(child.path)]
    unit_values = {key: _values(_summed(per_case[c.pk] for c in members), UNIT) for key, members in units.items()}
    officer_values = {o.pk: _values(_summed(per_case[c.pk] for c in cases if o in c.officers.all()), OFFICER)
                      for o in officers}
    return unit_values, officer_values


@pytest.mark.parametrize("username", ["sz_head", "ft_head", "admin", "ft_officer1", "hqb_officer"])
def test_every_figure_is_the_plain_computation(edges, username):
    user = edges.user(username)
    agency_id = edges.agency(CITY).pk if username == "admin" else None
    rows = _rows_by_case()
    for start, end in PERIODS:
        report = assessment_report(user, agency_id=agency_id, start=start, end=end)
        stale_days = report["scheme"].stale_approval_days if report["scheme"] else None
        units, officers = _reference(user, agency_id, start, end, stale_days, rows)
        assert {r.key: r.values for r in report["units"]} == units, (username, start)
        assert {r.key: r.values for r in report["officers"]} == officers, (username, start)


def test_the_figures_are_not_empty(edges):
    report = assessment_report(edges.user("sz_head"), agency_id=None, start=date(2024, 1, 1), end=date(2024, 12, 31))
    futian = next(r.values for r in report["units"] if r.name == FUTIAN)
    assert futian["overdue"] and futian["stale_approvals"] and futian["corrected"] and futian["file_review"]
    assert futian["transfers"] and futian["fines"] and futian["decision_days"]
    assert {r.name for r in report["units"]} >= {FUTIAN, NANSHAN}


def _page_queries(demo) -> int:
    client = demo.client("sz_head")
    params = {"start": "2024-01-01", "end": "2024-12-31", "agency": demo.agency(CITY).pk}
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/assessment/", params).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_units_officers_or_cases(edges):
    _page_queries(edges)
    before = _page_queries(edges)
    city, futian, admin = edges.agency(CITY), edges.agency(FUTIAN), edges.user("sz_admin")
    officers = []
    for n in range(3):
        unit = agency_create(actor=admin, parent=city, kind=futian.kind, level=futian.level,
                             region_code=futian.region_code, name=f"新区监管局{n}", short_name=f"新区{n}")
        officers += [user_create(actor=admin, username=f"new{n}_{m}", password="Str0ng!Passw0rd#2024", agency=unit,
                                 roles=[Role.CASE_OFFICER], full_name=f"新{n}{m}") for m in range(3)]
        for day in range(1, 6):
            _case(edges, unit.name, "trademark", date(2024, 3, day), closed_on=date(2024, 4, day)).officers.set(
                officers[-3:])
    after = _page_queries(edges)
    report = assessment_report(edges.user("sz_head"), agency_id=None, start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert {r.name: r.values["filed"] for r in report["units"]}["新区监管局2"] == 5
    assert {r.key for r in report["officers"]} >= {o.pk for o in officers}
    assert after == before <= 26  # with the reader's agency-id sets (one query)


def test_subtree_transfers_are_the_visible_ones(edges):
    Transfer.objects.create(case=Case.objects.filter(agency__name=NANSHAN).first(), bureau=edges.agency(FUTIAN),
                            state="sent", report="r", created_by=edges.user("ft_officer1"), sent_at=timezone.now())
    for user in User.objects.all():
        for agency in Agency.objects.all():
            expected = visible_transfers(user).filter(case__agency__path__startswith=agency.path)
            assert set(visible_subtree_transfers(user, agency)) == set(expected), (user.username, agency.name)
