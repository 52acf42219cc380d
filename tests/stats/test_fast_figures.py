"""The report, dashboard and assessment read cases by agency ids and `Case.handled_on` through the (agency_id, date)
indexes: on varied cases (both procedures, dates on month, year and leap-day edges, fines, e-commerce, campaigns,
transfers, payments, cases changed after creation) they give exactly what a plain computation over the user's scope
gives, in a bounded number of queries."""
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ipenforce.cases.choices import FINISHED_STATES, IpType, Outcome, Procedure, State
from ipenforce.cases.figures import period_summary
from ipenforce.cases.models import AppealPeriod, Campaign, Case, Payment
from ipenforce.linkage.models import Transfer
from ipenforce.linkage.workflow import STATES as TRANSFER_STATES
from ipenforce.orgs.models import Agency
from ipenforce.orgs.selectors import case_agencies, visible_cases, visible_transfers
from ipenforce.stats import dashboard
from ipenforce.stats.assessment import assessment_report, officer_rows, unit_rows
from ipenforce.stats.demo import seed_demo_history
from ipenforce.stats.selectors import assessment_scope, report_scope, scheme_for_year
from ipenforce.workflow.models import Deadline
from tests.stats.test_assessment import _approval, _deadline
from tests.stats.test_reports import _case

pytestmark = pytest.mark.django_db
FUTIAN, HQB, NANSHAN = "深圳市市场监督管理局福田监管局", "福田监管局华强北市场监管所", "深圳市市场监督管理局南山监管局"
CITY = "深圳市市场监督管理局"
PERIODS = [(date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 2, 29), date(2024, 3, 31)),
           (date(2023, 12, 1), date(2024, 1, 31)), (date(2024, 2, 1), date(2024, 2, 29)),
           (date(2018, 1, 1), date(2018, 6, 30))]
READERS = ["sz_stats", "sz_head", "sz_supervisor", "ft_head", "ns_head", "admin", "sz_commission"]


def _moment(day: date, at=time(10)):
    return timezone.make_aware(datetime.combine(day, at))


def _handled_on(case) -> date | None:
    return {Procedure.ORDINARY: case.filed_on, Procedure.SIMPLE: case.decided_on}.get(case.procedure)


@pytest.fixture
def varied(demo):
    """The demo's 2017-2018 history and cases around the edges of 2023-2025, some changed after creation."""
    seed_demo_history()
    officer, hqb = demo.user("ft_officer1"), demo.user("hqb_officer")
    protect, thunder = Campaign.objects.get_or_create(name="护航")[0], Campaign.objects.get_or_create(name="雷霆")[0]
    days = [date(2023, 2, 28), date(2023, 3, 1), date(2023, 12, 31), date(2024, 1, 1), date(2024, 1, 31),
            date(2024, 2, 1), date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1), date(2024, 3, 31),
            date(2024, 6, 30), date(2024, 7, 1)]
    types = IpType.values
    cases = []
    for n, day in enumerate(days):
        for agency in (FUTIAN, HQB, NANSHAN):
            ip_type = types[(n + len(agency)) % len(types)]
            fine = Decimal(f"{1000 * n}.35") if n % 3 else None
            case = _case(demo, agency, ip_type, day, decided_on=day + timedelta(days=n % 4 * 9) if n % 2 else None,
                         fine=fine, confiscation=Decimal("99.99") if n % 4 == 1 else None,
                         closed_on=day + timedelta(days=n % 5 * 11) if n % 3 != 2 else None,
                         is_ecommerce=n % 2 == 0, outcome=Outcome.PENALTY if n % 2 else "",
                         state=State.CLOSED if n % 3 != 2 else State.INVESTIGATING)
            case.officers.add(hqb if agency == HQB else officer)
            if n % 3 == 0:
                case.campaigns.add(protect)
            if n % 4 == 0:
                case.campaigns.add(thunder)
            cases.append(case)
    # Simple-procedure cases: no filing date, counted on the day they are decided.
    for n, day in enumerate(days):
        case = _case(demo, FUTIAN if n % 2 else HQB, types[n % 3], day)
        Case.objects.filter(pk=case.pk).update(procedure=Procedure.SIMPLE, filed_on=None, decided_on=day,
                                               fine=Decimal(200 + n), closed_on=day, state=State.CLOSED)
    untriaged = _case(demo, FUTIAN, "patent", date(2024, 3, 1))
    Case.objects.filter(pk=untriaged.pk).update(procedure="", state=State.VERIFYING)
    # Changed after creation: re-filed by save(), turned simple, moved by bulk_update.
    cases[0].filed_on = date(2024, 2, 29)
    cases[0].save()
    turned = cases[1]
    Case.objects.filter(pk=turned.pk).update(procedure=Procedure.SIMPLE, decided_on=date(2024, 3, 31))
    moved = Case.objects.filter(pk__in=[c.pk for c in cases[2:5]])
    for case in moved:
        case.filed_on, case.decided_on = date(2024, 1, 1), date(2024, 2, 29)
    Case.objects.bulk_update(moved, ["filed_on", "decided_on"])
    for n, case in enumerate(cases[::4]):
        sent = [_moment(date(2024, 2, 29)), _moment(date(2023, 2, 28), time(23, 59, 59, 500000)),
                _moment(date(2024, 1, 1), time(0, 0)), _moment(date(2024, 6, 30), time(23, 59, 59, 999999)), None]
        Transfer.objects.create(case=case, bureau=case.agency, state=["sent", "received", "filed"][n % 3], report="r",
                                created_by=officer, sent_at=sent[n % len(sent)])
        Payment.objects.create(case=case, amount=Decimal("100.50") + n, paid_on=days[n % len(days)],
                               recorded_by=officer)
    for n, case in enumerate(cases[1::3]):
        _deadline(case, f"rule{n % 3}", date(2024, 1 + n % 6, 28), stopped=date(2024, 3, 1) if n % 2 else None)
        _approval(case, date(2024, 1 + n % 6, 2), decided=date(2024, 3, 1) if n % 2 else None)
        AppealPeriod.objects.create(case=case, kind="review", started_on=date(2024, 1, 1),
                                    ended_on=date(2024, 1 + n % 6, 15), outcome="annulled" if n % 2 else "upheld")
    return demo


def _reference_scope(user, agency):
    return (list(visible_cases(user).filter(agency__path__startswith=agency.path).prefetch_related("campaigns")),
            visible_transfers(user).filter(case__agency__path__startswith=agency.path))


def _reference_report(cases, transfers, start, end) -> dict:
    """The report's figures computed in Python from the scope's cases, by the definitions in cases.figures."""
    def within(day, low, high):
        return day is not None and low <= day <= high

    def sent(low, high):
        return [t for t in transfers if t.sent_at and low <= timezone.localdate(t.sent_at) <= high]

    from ipenforce.cases.figures import year_earlier
    periods = {"": (start, end), "_previous": (year_earlier(start), year_earlier(end))}
    out = {}
    for suffix, (low, high) in periods.items():
        handled = [c for c in cases if within(_handled_on(c), low, high)]
        out["filed" + suffix] = len(handled)
        out["types" + suffix] = Counter(c.ip_type for c in handled)
        out["closed" + suffix] = sum(within(c.closed_on, low, high) for c in cases)
        out["ecommerce" + suffix] = sum(c.is_ecommerce for c in handled)
        out["fines_decided" + suffix] = sum(((c.fine or 0) + (c.confiscation or 0) for c in cases
                                             if within(c.decided_on, low, high)), Decimal(0))
        out["fines_paid" + suffix] = sum((p.amount for p in Payment.objects.filter(case__in=[c.pk for c in cases])
                                          if within(p.paid_on, low, high)), Decimal(0))
        out["transferred" + suffix] = len(sent(low, high))
        out["campaigns" + suffix] = Counter(tag.name for c in handled for tag in c.campaigns.all())
    out["stages"] = Counter(t.state for t in sent(start, end))
    return out


def _as_reference(report: dict) -> dict:
    out = {}
    for suffix, key in (("", "filed"), ("_previous", "previous")):
        out["filed" + suffix] = report["filed" + suffix]
        out["types" + suffix] = Counter({t["ip_type"]: t[key] for t in report["by_ip_type"] if t[key]})
        for name in ("closed", "ecommerce", "fines_decided", "fines_paid", "transferred"):
            out[name + suffix] = report[name + suffix]
        out["campaigns" + suffix] = Counter({c["name"]: c[key] for c in report["campaigns"] if c[key]})
    out["stages"] = Counter({s["state"]: s["count"] for s in report["transfers_by_stage"]})
    return out


def test_handled_on_follows_every_writer(varied):
    cases = list(Case.objects.all())
    assert len(cases) > 500 and {c.procedure for c in cases} >= {Procedure.ORDINARY, Procedure.SIMPLE, ""}
    assert all(c.handled_on == _handled_on(c) for c in cases)
    assert Case.objects.filter(handled_on=date(2024, 2, 29)).count() >= 3


def test_case_agencies_are_exactly_the_visible_cases(varied):
    from ipenforce.orgs.models import User

    for user in User.objects.all():
        agencies = case_agencies(user)
        if agencies is not None:
            assert (set(visible_cases(user).values_list("pk", flat=True))
                    == set(Case.objects.filter(agency__in=agencies).values_list("pk", flat=True))), user.username


def test_report_is_the_reference_for_every_reader_agency_and_period(varied):
    checked = 0
    for username in READERS:
        user = varied.user(username)
        for agency_name in (CITY, FUTIAN, HQB):
            agency = Agency.objects.get(name=agency_name)
            try:
                _agency, cases, transfers = report_scope(user, agency.pk)
            except Exception:  # an agency outside the reader's scope
                continue
            ref_cases, ref_transfers = _reference_scope(user, agency)
            for start, end in PERIODS:
                fast = period_summary(cases, transfers, start=start, end=end)
                expected = _reference_report(ref_cases, ref_transfers, start, end)
                assert _as_reference(fast) == expected, (username, agency_name, start)
                # The same function over the plain scope querysets (how the campaign reports call it).
                plain = visible_cases(user).filter(agency__path__startswith=agency.path)
                assert period_summary(plain, ref_transfers, start=start, end=end) == fast
                checked += 1
    assert checked >= 60


def test_dashboard_charts_are_the_reference(varied):
    now = timezone.now()
    for username in ("sz_stats", "ft_head", "sz_supervisor", "admin"):
        user = varied.user(username)
        agency = user.agency or Agency.objects.get(name=CITY)
        _agency, cases, transfers = report_scope(user, agency.pk)
        ref_cases, ref_transfers = _reference_scope(user, agency)
        for start, end in PERIODS:
            charts = {key: dashboard.chart(key, cases, transfers, start, end) for key in dashboard.CHARTS}
            handled = [c for c in ref_cases if _handled_on(c) and start <= _handled_on(c) <= end]
            for key, field in (("filed_monthly", "filed_on"), ("closed_monthly", "closed_on")):
                months = Counter(f"{getattr(c, field):%Y-%m}" for c in ref_cases
                                 if getattr(c, field) and start <= getattr(c, field) <= end)
                assert dict(charts[key].rows) == {m: months.get(m, 0) for m in charts[key].labels}
                assert sum(charts[key].values) == sum(months.values())
            types = Counter(c.ip_type for c in handled)
            assert charts["by_ip_type"].values == [types.get(t, 0) for t in IpType.values]
            names = dict(Agency.objects.values_list("pk", "name"))
            assert Counter(dict(charts["by_agency"].rows)) == Counter(names[c.agency_id] for c in handled)
            assert charts["by_agency"].values == sorted(charts["by_agency"].values, reverse=True)
            open_states = Counter(c.state for c in ref_cases if c.state not in FINISHED_STATES)
            assert dict(charts["open_stages"].rows) == {str(State(s).label): open_states.get(s, 0)
                                                        for s in State.values if s not in FINISHED_STATES}
            overdue = Counter(d.title for d in Deadline.objects.filter(status="running", due_at__lt=now)
                              if d.subject_id in {c.pk for c in ref_cases} and d.subject_type.model == "case")
            assert Counter(dict(charts["overdue"].rows)) == overdue
            stages = Counter(t.state for t in ref_transfers if t.sent_at)
            assert dict(charts["transfers"].rows) == {str(TRANSFER_STATES[s]): n for s, n in stages.items()}


def _rows(rows) -> list:
    return [(r.key, r.name, r.values, r.contributions, r.score, r.rank) for r in rows]


def test_assessment_rows_are_the_reference(varied):
    for username in ("sz_head", "ft_head", "ft_officer1", "hqb_officer", "admin"):
        user = varied.user(username)
        for start, end in [(date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 2, 29), date(2024, 3, 31)),
                           (date(2018, 1, 1), date(2018, 6, 30))]:
            agency_id = None if username != "admin" else Agency.objects.get(name=CITY).pk
            fast = assessment_report(user, agency_id=agency_id, start=start, end=end)
            agency, _cases, _transfers, officers, show_units = assessment_scope(user, agency_id)
            if show_units:
                ref_cases, ref_transfers = _reference_scope(user, agency)
            else:
                ref_cases, ref_transfers = list(visible_cases(user)), visible_transfers(user)
            plain = Case.objects.filter(pk__in=[c.pk for c in ref_cases])
            scheme = scheme_for_year(start.year)
            assert _rows(fast["officers"]) == _rows(officer_rows(officers, plain, ref_transfers, start=start,
                                                                 end=end, scheme=scheme))
            if show_units:
                assert _rows(fast["units"]) == _rows(unit_rows(agency, plain, ref_transfers, start=start, end=end,
                                                               scheme=scheme))


@pytest.mark.parametrize("url, params", [
    ("/reports/", {"start": "2024-01-01", "end": "2024-06-30"}),
    ("/dashboard/", {"start": "2024-01-01", "end": "2024-06-30"}),
    ("/assessment/", {"start": "2024-01-01", "end": "2024-06-30"}),
])
def test_pages_answer_in_a_bounded_number_of_queries(varied, django_assert_max_num_queries, url, params):
    client = varied.client("sz_head")
    city = Agency.objects.get(name=CITY).pk
    assert client.get(url, {**params, "agency": city}).status_code == 200
    limits = {"/reports/": 17, "/dashboard/": 19, "/assessment/": 25}  # with session, user and menu
    with django_assert_max_num_queries(limits[url]):
        assert client.get(url, {**params, "agency": city}).status_code == 200


def test_report_api_in_a_bounded_number_of_queries(varied, django_assert_max_num_queries):
    api = varied.api("sz_stats")
    city = Agency.objects.get(name=CITY).pk
    with django_assert_max_num_queries(11):
        response = api.get("/api/v1/reports/summary", agency=city, start="2024-01-01", end="2024-06-30")
    assert response.status_code == 200 and response.json()["filed"] > 0
