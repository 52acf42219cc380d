"""The supervised-case list reads the case scope as a per-row EXISTS (issue 20: `case IN (visible cases)` under an OR
hashed every case of the region): on varied data it gives exactly the rows and order the scope gives, for every
kind of reader and filter, and the page counts at most a capped number of rows."""
import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.core.pagination import CappedPaginator
from ipenforce.orgs.models import Agency
from ipenforce.orgs.selectors import visible_cases
from ipenforce.supervision.models import SupervisedCase
from ipenforce.supervision.permissions import reads_supervision
from ipenforce.supervision.selectors import supervised_case_list

pytestmark = pytest.mark.django_db
UNITS = ["深圳市市场监督管理局福田监管局", "深圳市市场监督管理局南山监管局", "福田监管局华强北市场监管所",
         "深圳市市场监督管理局"]
SUPERVISORS = ["深圳市市场监督管理局", "深圳市市场监督管理局福田监管局", "深圳市市场监督管理局南山监管局"]
READERS = ["sz_supervisor", "sz_head", "ft_head", "ft_officer1", "ns_officer1", "hqb_officer", "sz_procurator",
           "sz_commission", "ft_police", "centre_staff"]


def _varied(demo, rounds: int = 1) -> None:
    """Supervisions by three agencies of cases in four units, open and closed, with deadlines that collide."""
    officer, today = demo.user("ft_officer1"), timezone.localdate()
    combos = itertools.product(range(rounds), UNITS, SUPERVISORS, ("supervising", "closing", "closed"))
    for n, (_round, unit, supervisor, state) in enumerate(combos):
        case = Case.objects.create(agency=demo.agency(unit), source="inspection", ip_type="trademark",
                                   description="d", title=f"督办比较{n}", discovered_on=today, created_by=officer)
        SupervisedCase.objects.create(case=case, supervisor_agency=demo.agency(supervisor), instructions="督办",
                                      interval_days=7, deadline=today + timedelta(days=n % 4), state=state,
                                      next_report_due=today + timedelta(days=n % 3 - 1), created_by=officer)


def _reference(user, open_only: bool) -> list[int]:
    if not reads_supervision(user):
        return []
    cases = set(visible_cases(user).values_list("pk", flat=True))
    mine = set(Agency.objects.filter(path__startswith=user.agency.path).values_list("pk", flat=True))
    rows = [s for s in SupervisedCase.objects.all() if (s.case_id in cases or s.supervisor_agency_id in mine)
            and not (open_only and s.state == "closed")]
    return [s.pk for s in sorted(rows, key=lambda s: (s.deadline, s.pk))]


def test_the_supervised_case_list_is_exactly_the_scoped_reference(demo):
    _varied(demo)
    seen = 0
    for username, open_only in itertools.product(READERS, (True, False)):
        user = demo.user(username)
        fast = list(supervised_case_list(user, open_only=open_only).values_list("pk", flat=True))
        assert fast == _reference(user, open_only), (username, open_only)
        seen += len(fast)
    assert seen


def test_the_supervised_case_page_counts_at_most_the_cap(demo):
    client = demo.client("sz_supervisor")
    _varied(demo)
    client.get("/supervision/cases/?all=1")
    with CaptureQueriesContext(connection) as few:
        client.get("/supervision/cases/?all=1")
    _varied(demo, rounds=3)
    old_cap, CappedPaginator.cap = CappedPaginator.cap, 60
    try:
        with CaptureQueriesContext(connection) as many:
            response = client.get("/supervision/cases/?all=1")
    finally:
        CappedPaginator.cap = old_cap
    assert response.status_code == 200
    assert len(many) == len(few)
    assert response.context["page"].paginator.capped
    counts = [q["sql"] for q in many.captured_queries
              if "COUNT(" in q["sql"].upper() and "supervision_supervisedcase" in q["sql"]]
    assert counts and all("LIMIT 61" in sql for sql in counts)
