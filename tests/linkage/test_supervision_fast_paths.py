"""The procuratorate's supervision view reads through index paths (issue 20: an anti-join instead of hashing every
transfer): on varied data its lists give exactly the rows and order the scope gives, for every kind of reader, and
the page's queries do not grow with its rows."""
import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.linkage import supervision
from ipenforce.linkage.models import SupervisionOpinion, Transfer
from ipenforce.orgs.selectors import visible_cases, visible_transfers

pytestmark = pytest.mark.django_db
UNITS = ["深圳市市场监督管理局福田监管局", "深圳市市场监督管理局南山监管局", "福田监管局华强北市场监管所",
         "深圳市市场监督管理局"]
READERS = ["sz_procurator", "qh_procurator", "ft_officer1", "ns_officer1", "hqb_officer", "sz_supervisor",
           "sz_head", "ft_police", "sz_commission", "sz_court", "centre_staff"]
ALERT = ["crime.trademark_counterfeit"]


def _varied(demo, rounds: int = 1) -> None:
    """Cases in four units with and without a crime alert, with no transfer, a refused one, a live one, or a
    refused one then a live one; registered at colliding times so the order's tie-break counts."""
    officer, now = demo.user("ft_officer1"), timezone.now()
    police = demo.agency("深圳市公安局福田分局")
    combos = itertools.product(range(rounds), UNITS, ([], ALERT), ((), ("refused",), ("sent",), ("refused", "filed")))
    for n, (_round, unit, alerts, transfers) in enumerate(combos):
        case = Case.objects.create(agency=demo.agency(unit), source="inspection", ip_type="trademark",
                                   description="d", title=f"比较{n}", discovered_on=timezone.localdate(),
                                   created_by=officer, crime_alerts=alerts)
        Case.objects.filter(pk=case.pk).update(registered_at=now - timedelta(hours=n % 3))
        for state in transfers:
            Transfer.objects.create(case=case, bureau=case.agency, police=police, state=state, report="r",
                                    created_by=officer)
        if n % 5 == 0:
            SupervisionOpinion.objects.create(case=case, procuratorate=demo.agency("深圳市人民检察院"), text="意见",
                                              issued_by=demo.user("sz_procurator"))


def _reference_untransferred(user) -> list[int]:
    live = set(Transfer.objects.exclude(state="refused").values_list("case_id", flat=True))
    rows = [c for c in visible_cases(user) if c.crime_alerts and c.pk not in live]
    return [c.pk for c in sorted(rows, key=lambda c: (c.registered_at, c.pk), reverse=True)]


def test_untransferred_cases_are_exactly_the_scoped_reference(demo):
    _varied(demo)
    seen = 0
    for username in READERS:
        user = demo.user(username)
        fast = list(supervision.untransferred_over_threshold(user).values_list("pk", flat=True))
        assert fast == _reference_untransferred(user), username
        seen += len(fast)
    assert seen  # the data gave some readers rows


def test_the_other_supervision_lists_are_exactly_the_scoped_reference(demo):
    _varied(demo)
    for username in READERS:
        user = demo.user(username)
        transfers = set(visible_transfers(user).values_list("pk", flat=True))
        assert {t.pk for t in supervision.unchallenged_non_filings(user)} == {
            t.pk for t in Transfer.objects.filter(state__in=["not_filed", "upheld"]) if t.pk in transfers}, username
        cases = set(visible_cases(user).values_list("pk", flat=True))
        expected = {o.pk for o in SupervisionOpinion.objects.all() if o.case_id in cases}
        assert {o.pk for o in supervision.opinions(user)} == (expected if username not in (
            "ft_police", "sz_court") else set()), username


def test_the_supervision_page_does_not_query_per_row(demo):
    client = demo.client("sz_procurator")
    _varied(demo)
    client.get("/transfers/supervision/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/transfers/supervision/").status_code == 200
    _varied(demo, rounds=3)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/transfers/supervision/")
    assert response.status_code == 200
    assert len(many) == len(few) <= 13
