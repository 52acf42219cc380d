"""The queues read through a union of two index range scans (issue 20); they give exactly the rows of the one
scoped WHERE they replaced: the items naming the user, or for a role they hold at an agency they cover, less
those that exclude them — for every demo user, on work of cases and of subjects that are not cases."""
import itertools
from datetime import timedelta

import pytest
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ipenforce.core.models import WorkItem, WorkItemPerson
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import Agency, RoleGrant, User
from ipenforce.orgs.selectors import covered_agencies, work_queue
from ipenforce.orgs.services import user_update
from ipenforce.workflow.selectors import approval_queue
from tests.conftest import FUTIAN

pytestmark = pytest.mark.django_db


def reference_queue(user, where: Q | None = None):
    """The queue as one WHERE (the scope before issue 20), the reference the fast path must equal."""
    mine = Q(pk__in=WorkItemPerson.objects.filter(user=user, excluded=False).values("item_id"))
    if user.agency_id is not None:
        by_role = Q()
        for role, agencies in covered_agencies(user).items():
            by_role |= Q(eligible_role=role, assignee_agency_id__in=agencies)
        if by_role:
            mine |= by_role & ~Q(pk__in=WorkItemPerson.objects.filter(user=user, excluded=True).values("item_id"))
    rows = WorkItem.objects.filter(mine, state=WorkItem.OPEN)
    if where is not None:
        rows = rows.filter(where)
    return rows.order_by(models.F("due_at").asc(nulls_last=True), "created_at", "pk")


def _varied_work(demo, walker):
    """Cases with approvals waiting (the proposer excluded), and work on subjects that are not cases: for roles at
    agencies with and without holders, for named people, with people excluded, some closed, some due."""
    walker.register("trademark")
    walker.to_investigation()
    walker.act("ft_officer1", "extend_decision", reason="案情复杂")  # an approval the proposer must not answer
    now = timezone.now()
    users = list(User.objects.filter(agency__isnull=False).order_by("pk"))
    holders: dict[tuple[int, str], list[int]] = {}
    for user_id, agency_id, role in RoleGrant.objects.filter(user__in=users).order_by("pk").values_list(
            "user_id", "user__agency_id", "role"):
        holders.setdefault((agency_id, role), []).append(user_id)
    roles = [Role.AGENCY_HEAD, Role.UNIT_HEAD, Role.CASE_OFFICER, Role.LEGAL_REVIEWER, Role.SUPERVISOR]
    # Work for each role where somebody holds it (some excluding a holder), and for roles nobody holds at an agency.
    pairs = list(holders) + [(a.pk, role) for a, role in zip(Agency.objects.order_by("pk"), itertools.cycle(roles),
                                                             strict=False)]
    for i, (agency_id, role) in enumerate(pairs):
        agency = Agency.objects.get(pk=agency_id)
        kind = "lead.approval" if i % 3 == 0 else f"task{i % 4}"
        due = None if i % 2 else now + timedelta(days=i % 7 - 2)
        named = [users[(i * 7) % len(users)].pk] if i % 5 == 0 else []
        excluded = holders.get((agency_id, role), [])[:1] if i % 2 == 0 else []
        work_item_open(kind=kind, title=f"事项{i}", target=agency, assignee_agency=agency, eligible_role=role,
                       people=named, excluded=excluded, due_at=due)
        if i % 6 == 5:
            work_item_close(kind=kind, target=agency)
    return users


def test_the_queues_equal_the_scoped_reference_for_every_user(demo, walker):
    users = _varied_work(demo, walker)
    futian = demo.agency(FUTIAN)
    # A user holding two roles, and one left without anybody in a role below them.
    user_update(actor=demo.user("ft_admin"), user=demo.user("ft_officer1"),
                changes={"roles": [Role.CASE_OFFICER, Role.UNIT_HEAD]})
    assert WorkItemPerson.objects.filter(excluded=True).exists() and WorkItem.objects.filter(state="done").exists()
    assert WorkItem.objects.filter(kind__endswith=".approval", state="open", target_type="orgs.agency").exists()
    compared = 0
    for user in User.objects.filter(pk__in=[u.pk for u in users]).order_by("pk"):
        expected = list(reference_queue(user).values_list("pk", flat=True))
        assert list(work_queue(user).values_list("pk", flat=True)) == expected, user.username
        approvals = list(reference_queue(user, Q(kind__endswith=".approval")).values_list("pk", flat=True))
        assert list(approval_queue(user).values_list("pk", flat=True)) == approvals, user.username
        compared += bool(expected)
    assert compared >= 5  # the comparison ran on real queues, not only on empty ones
    assert work_queue(demo.user("ft_head")).filter(assignee_agency=futian).exists()


def test_the_api_lists_the_approvals_waiting_with_a_capped_count(demo, walker, monkeypatch):
    walker.register("trademark")
    walker.to_investigation()
    walker.act("ft_officer1", "extend_decision", reason="案情复杂")
    waiting = list(approval_queue(demo.user("ft_head")).values_list("pk", flat=True))
    body = demo.api("ft_head").get("/api/v1/work-items?approvals=true").json()
    assert [row["id"] for row in body["items"]] == waiting and body["count"] == len(waiting) >= 1
    assert not body["capped"] and all(row["kind"].endswith(".approval") for row in body["items"])
    everything = demo.api("ft_head").get("/api/v1/work-items").json()
    assert everything["count"] >= body["count"]
    from ipenforce.core.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 0)  # past the cap: a lower bound, and said so
    capped = demo.api("ft_head").get("/api/v1/work-items?limit=1").json()
    assert capped["capped"] == (everything["count"] > 1) and capped["count"] == min(everything["count"], 1)
