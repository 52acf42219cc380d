"""The lists whose scope is read as agency-id sets (issue 20: `agency_id = ANY (…)` on an indexed column instead of an
OR over joined agencies' paths) give exactly the rows the path-based definitions gave, for every demo user, on rows
that put every agency in every role; and publications carry their case's agency, from the service and from the
migration's backfill."""
import importlib

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.command.models import Assignment
from ipenforce.command.selectors import assignment_list
from ipenforce.credit.models import Publication
from ipenforce.credit.selectors import publication_list
from ipenforce.linkage import supervision
from ipenforce.linkage.models import Transfer
from ipenforce.orgs.choices import JUSTICE_KINDS, OUTSIDE_KINDS, OVERSIGHT_KINDS, AgencyKind
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.selectors import (
    sees_jurisdiction,
    visible_agencies,
    visible_cases,
    visible_complaints,
    visible_notices,
    visible_transfers,
)
from ipenforce.protection.models import Complaint, TakedownNotice
from ipenforce.supervision.models import SupervisedCase
from ipenforce.supervision.permissions import reads_supervision
from ipenforce.supervision.selectors import supervised_case_list

pytestmark = pytest.mark.django_db


# ---- the path-based definitions as they were, the reference ----------------------------------------------------

def _usable(user) -> bool:
    return user.is_active and (user.is_superuser or user.agency_id is not None)


def _old_transfers(user):
    if not _usable(user):
        return Transfer.objects.none()
    if user.is_superuser:
        return Transfer.objects.all()
    agency = user.agency
    scope = Q(bureau__path__startswith=agency.path) | Q(case__agency__path__startswith=agency.path)
    if agency.kind in JUSTICE_KINDS:
        scope |= (Q(police__path__startswith=agency.path) | Q(procuratorate__path__startswith=agency.path)
                  | Q(court__path__startswith=agency.path))
        scope |= Q(**{f"{agency.kind}__region_code__startswith": agency.jurisdiction_prefix})
    if sees_jurisdiction(user):
        scope |= Q(bureau__region_code__startswith=agency.jurisdiction_prefix)
    return Transfer.objects.filter(scope)


def _old_protection(user, own: Q) -> Q:
    agency = user.agency
    if agency.kind in OUTSIDE_KINDS:
        return own
    scope = own | Q(centre__path__startswith=agency.path)
    if sees_jurisdiction(user):
        scope |= Q(centre__region_code__startswith=agency.jurisdiction_prefix)
    return scope


def _protection_readers(user) -> bool:
    return _usable(user) and (user.is_superuser or user.agency.kind not in JUSTICE_KINDS - OVERSIGHT_KINDS)


def _old_notices(user):
    if not _protection_readers(user):
        return TakedownNotice.objects.none()
    if user.is_superuser:
        return TakedownNotice.objects.all()
    agency = user.agency
    scope = _old_protection(user, Q(platform__path__startswith=agency.path)
                            | Q(right_holder__path__startswith=agency.path))
    if agency.kind in (AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE):
        scope |= Q(centre__region_code__startswith=agency.jurisdiction_prefix)
    return TakedownNotice.objects.filter(scope)


def _old_complaints(user):
    if not _protection_readers(user):
        return Complaint.objects.none()
    if user.is_superuser:
        return Complaint.objects.all()
    path = user.agency.path
    return Complaint.objects.filter(_old_protection(user, Q(complainant__path__startswith=path)
                                                    | Q(bureau__path__startswith=path)))


def _old_assignments(user):
    if not _usable(user):
        return Assignment.objects.none()
    if user.is_superuser:
        return Assignment.objects.all()
    path = user.agency.path
    assigner, receiver = Q(assigner__path__startswith=path), Q(receiver__path__startswith=path)
    if sees_jurisdiction(user):
        assigner |= Q(assigner__in=visible_agencies(user))
        receiver |= Q(receiver__in=visible_agencies(user))
    return Assignment.objects.filter(assigner | (receiver & ~Q(state__in=("draft", "withdrawn"))))


def _old_supervised(user):
    if not reads_supervision(user):
        return SupervisedCase.objects.none()
    if user.is_superuser:
        return SupervisedCase.objects.all()
    readable = Exists(visible_cases(user).filter(pk=OuterRef("case_id")))
    mine = Agency.objects.filter(path__startswith=user.agency.path)
    return SupervisedCase.objects.filter(readable | Q(supervisor_agency__in=mine))


# ---- the data: every agency on every side ----------------------------------------------------------------------

def _varied(demo) -> None:
    """Cases in every enforcement agency; transfers, notices, complaints, assignments and supervisions whose agency
    fields run through all the agencies at different strides (so every agency meets every other in each role),
    in states the lists filter on."""
    officer, today = demo.user("ft_officer1"), timezone.localdate()
    agencies = list(Agency.objects.order_by("pk"))
    bureaus = [a for a in agencies if a.kind in (AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE)]
    cases = []
    for n, unit in enumerate(bureaus):
        case = Case.objects.create(agency=unit, source="inspection", ip_type="trademark", description="d",
                                   title=f"范围{n}", discovered_on=today, created_by=officer,
                                   crime_alerts=["crime.trademark_counterfeit"] if n % 2 else [])
        Publication.objects.create(case=case, agency_id=case.agency_id, state="published",
                                   decision_number=f"罚〔2026〕{n}号", party_name="某公司", violation="侵权",
                                   penalty="罚款", authority=unit.name, decided_on=today, published_on=today,
                                   ends_on=today, created_by=officer)
        cases.append(case)
        Case.objects.create(agency=unit, source="inspection", ip_type="trademark", description="d",
                            title=f"未移送{n}", discovered_on=today, created_by=officer,
                            crime_alerts=["crime.trademark_counterfeit"])  # over the threshold, never transferred
    for n, agency in enumerate(agencies):
        def pick(stride: int, n: int = n) -> Agency:
            return agencies[(n * stride + stride) % len(agencies)]

        case = cases[n % len(cases)]
        Transfer.objects.create(case=case, bureau=agency, police=pick(3) if n % 4 else None,
                                procuratorate=pick(5) if n % 3 else None, court=pick(7) if n % 2 else None,
                                state=("not_filed", "upheld", "sent", "filed")[n % 4], report="r",
                                created_by=officer)
        TakedownNotice.objects.create(platform=agency, right_holder=pick(3) if n % 3 else None,
                                      centre=pick(5) if n % 4 else None, right_holder_name="权利人", identity="i",
                                      ip_type="trademark", right_text="r", listings="l", evidence="e",
                                      state="sent", sent_on=today, created_by=officer)
        Complaint.objects.create(centre=agency, complainant=pick(3) if n % 2 else None,
                                 bureau=pick(5) if n % 3 else None, complainant_name="c", ip_type="trademark",
                                 state="received", received_on=today, created_by=officer)
        Assignment.objects.create(assigner=agency, receiver=pick(3), kind="task", title="t", instructions="i",
                                  reply_within_days=20, state=("draft", "issued", "withdrawn", "received")[n % 4],
                                  created_by=officer)
        SupervisedCase.objects.create(case=cases[n % len(cases)], supervisor_agency=agency, instructions="i",
                                      interval_days=7, deadline=today, created_by=officer,
                                      state="supervising" if n < len(cases) else "closed")  # one open a case


def _readers(demo) -> list[User]:
    """Every demo user, a superuser, an inactive user and one without an agency."""
    users = list(User.objects.order_by("pk"))
    users.append(User(username="nobody_here", is_active=True))
    gone = demo.user("ft_officer1")
    gone.is_active = False
    users.append(gone)
    users.append(User.objects.create_superuser(username="root_scope", password="x-123456789"))
    return users


def test_each_list_gives_exactly_what_the_path_definitions_gave(demo):
    _varied(demo)
    seen = {}
    for user in _readers(demo):
        lists = {
            "transfers": (visible_transfers(user), _old_transfers(user)),
            "non-filings": (supervision.unchallenged_non_filings(user),
                            _old_transfers(user).filter(state__in=["not_filed", "upheld"])),
            "notices": (visible_notices(user), _old_notices(user)),
            "complaints": (visible_complaints(user), _old_complaints(user)),
            "assignments": (assignment_list(user), _old_assignments(user)),
            "supervised": (supervised_case_list(user), _old_supervised(user)),
            "publications": (publication_list(user), Publication.objects.filter(case__in=visible_cases(user))),
            "untransferred": (supervision.untransferred_over_threshold(user),
                              visible_cases(user).exclude(crime_alerts=[]).exclude(
                                  transfers__in=Transfer.objects.exclude(state="refused"))),
        }
        for name, (new, old) in lists.items():
            rows = sorted(new.values_list("pk", flat=True))
            assert rows == sorted(set(old.values_list("pk", flat=True))), (user.username, name)
            seen[name] = seen.get(name, 0) + len(rows)
    assert all(seen.values()), seen  # every list gave some readers rows


def test_the_supervision_view_and_module_lists_query_a_fixed_number_of_times(demo, django_assert_max_num_queries):
    _varied(demo)
    pages = [("sz_procurator", "/transfers/supervision/", {}, 11), ("sz_supervisor", "/supervision/cases/", {}, 10),
             ("centre_staff", "/protection/", {"all": 1}, 14), ("ft_officer1", "/credit/", {}, 8),
             ("sz_supervisor", "/assignments/", {"all": 1}, 8)]
    for username, path, params, most in pages:
        client = demo.client(username)
        client.get(path, params)
        with django_assert_max_num_queries(most):
            assert client.get(path, params).status_code == 200, path


def test_a_publication_carries_its_cases_agency_and_the_backfill_restores_it(demo):
    _varied(demo)
    assert all(p.agency_id == p.case.agency_id for p in Publication.objects.select_related("case"))
    other = demo.agency("深圳市市场监督管理局南山监管局")
    Publication.objects.update(agency=other)
    backfill = importlib.import_module("ipenforce.credit.migrations.0004_publication_agency").BACKFILL
    with connection.cursor() as cursor:
        cursor.execute(backfill)
    rows = list(Publication.objects.select_related("case"))
    assert rows and all(p.agency_id == p.case.agency_id for p in rows)
    assert any(p.case.agency_id != other.pk for p in rows)


@pytest.mark.parametrize("username", ["ft_officer1", "sz_supervisor", "centre_staff", "sz_procurator"])
def test_the_id_sets_are_read_once_per_user(demo, username, django_assert_num_queries):
    user = demo.user(username)
    str(visible_transfers(user).query), str(visible_notices(user).query)  # the agency, roles and id sets read
    with django_assert_num_queries(0):
        for _ in range(3):
            str(visible_transfers(user).query), str(visible_notices(user).query)
