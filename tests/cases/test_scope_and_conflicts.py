"""Data scope, rights, stale versions, bad input, aggravation, and concurrent approvals on PostgreSQL."""
from decimal import Decimal

import pytest
from django.db import connection

from ipenforce.cases.models import Case, NumberSeries
from ipenforce.core.errors import ApplicationError
from ipenforce.workflow.services import perform
from tests.cases.conftest import COMPANY, RIGHTS, today
from tests.conftest import run_at_once

pytestmark = pytest.mark.django_db


def test_another_district_cannot_read_list_export_or_act(walker, demo):
    walker.register("trademark")
    case_id = walker.case["id"]
    nanshan = demo.api("ns_officer1")
    assert nanshan.get(f"/api/v1/cases/{case_id}").status_code == 404
    assert nanshan.get("/api/v1/cases").json()["count"] == 0
    assert nanshan.post(f"/api/v1/cases/{case_id}/actions/triage",
                        {"version": 1, "procedure": "ordinary", "reason": "x"}).status_code == 404
    page = demo.client("ns_officer1")
    assert page.get(f"/cases/{case_id}/").status_code == 404
    assert page.post(f"/cases/{case_id}/actions/triage/", {"version": 1}).status_code == 404
    assert b"trademark" not in page.get("/cases/export.xlsx").content
    # The city bureau sees its districts' cases; police see none (only transfers reach them).
    assert demo.api("sz_head").get(f"/api/v1/cases/{case_id}").status_code == 200
    assert demo.api("ft_police").get(f"/api/v1/cases/{case_id}").status_code == 404


def test_stale_version_409_forbidden_403_unknown_action_404(walker):
    walker.register("trademark")
    stale = walker.api("ft_officer1").post(f"/api/v1/cases/{walker.case['id']}/actions/triage",
                                           {"version": 99, "procedure": "ordinary", "reason": "x"})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert walker.act("ft_legal", "triage", expect=403, procedure="ordinary", reason="x")["code"] == "permission_denied"
    assert walker.act("ft_officer1", "fly", expect=404)["code"] == "unknown_action"
    bad = walker.act("ft_officer1", "triage", expect=422, procedure="fast", reason="x")
    assert bad["code"] == "invalid_choice" and bad["field"] == "procedure"


def test_approver_cannot_approve_own_proposal_and_only_awaited_role_answers(walker):
    walker.register("trademark", illegal_turnover="1000")
    officers = [walker.demo.user("ft_unithead").pk, walker.demo.user("ft_officer1").pk]
    walker.act("ft_unithead", "assign_officers", officers=officers)
    walker.act("ft_unithead", "triage", procedure="ordinary", reason="x")
    walker.act("ft_unithead", "file")
    assert walker.act("ft_unithead", "approve", expect=403)["code"] == "permission_denied"
    assert walker.act("ft_head", "approve", expect=403)["code"] == "permission_denied"  # awaits the unit head
    assert walker.act("ft_officer1", "triage", expect=422, procedure="ordinary",
                      reason="y")["code"] == "approval_pending"
    walker.refresh()
    assert walker.case["pending_approval"]["awaiting_role"] == "unit_head"
    assert walker.act("ft_officer1", "send_back", expect=403)["code"] == "permission_denied"


def test_rejection_needs_a_comment_and_leaves_the_state(walker):
    walker.register("trademark")
    walker.to_investigation()
    walker.act("ft_officer1", "suspend", reason="x")
    walker.refresh("ft_head")
    assert walker.act("ft_head", "reject", expect=422)["code"] == "comment_required"
    walker.act("ft_head", "reject", comment="理由不充分")
    assert walker.state == "investigating" and walker.case["pending_approval"] is None
    assert walker.case["timeline"][-1]["kind"] == "reject"


def test_bad_identifiers_are_refused_with_the_field_and_nothing_saved(demo):
    api = demo.api("ft_officer1")
    body = {"title": "t", "source": "inspection", "ip_type": "patent", "description": "d",
            "discovered_on": str(today()), "parties": [COMPANY]}
    bad_patent = api.post("/api/v1/cases",
                          {**body, "rights": [{**RIGHTS["patent"], "patent_number": "ZL201810123456.0"}]})
    assert bad_patent.status_code == 422 and bad_patent.json()["field"] == "rights[0].patent_number"
    bad_id = api.post("/api/v1/cases", {**body, "parties": [
        {"kind": "natural_person", "name": "张三", "id_number": "110105194912310021"}]})
    assert bad_id.json()["code"] == "invalid_id_number" and bad_id.json()["field"] == "parties[0].id_number"
    bad_class = api.post("/api/v1/cases", {**body, "ip_type": "trademark",
                                           "rights": [{**RIGHTS["trademark"], "trademark_class": 46}]})
    assert bad_class.json()["field"] == "rights[0].trademark_class"
    assert not Case.objects.exists()


def test_repeat_trademark_infringement_is_flagged_for_aggravation(walker):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    walker.to_decision(Decimal(100000))
    walker.act("ft_officer1", "decide", outcome="penalty", fine="100000")
    walker.approve_chain("ft_unithead", "ft_head")
    first = walker.case["number"]
    walker.register("trademark", illegal_turnover="10000", discovered_on=str(today()))
    fine_range = walker.case["fine_range"]
    assert fine_range["aggravated"] and fine_range["prior_cases"] == [first]
    assert (fine_range["low"], fine_range["high"]) == ("0", "250000")
    assert "从重" in fine_range["aggravation"]


@pytest.mark.django_db(transaction=True)
def test_two_heads_approving_at_once_give_exactly_one_success(walker, demo):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections need PostgreSQL")
    walker.register("trademark")
    walker.to_investigation()
    walker.act("ft_officer1", "suspend", reason="鉴定")
    second_head = demo.user("ft_head")
    clone = demo.user("ft_head")
    clone.pk, clone.username = None, "ft_head2"
    clone.save()
    clone.role_grants.create(role="agency_head")
    version = Case.objects.get(pk=walker.case["id"]).version

    def approve(user):
        return perform(procedure="case", actor=user, subject_id=walker.case["id"], action="approve", version=version,
                       data={})

    results = run_at_once(approve, [(second_head,), (clone,)])
    codes = sorted(r.code if isinstance(r, ApplicationError) else "ok" for r in results)
    assert codes == ["ok", "stale_version"]
    assert Case.objects.get(pk=walker.case["id"]).state == "suspended"


@pytest.mark.django_db(transaction=True)
def test_concurrent_filings_take_consecutive_numbers(walker, demo):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections need PostgreSQL")
    ids = []
    for _n in range(4):
        walker.register("trademark")
        walker.act("ft_unithead", "assign_officers",
                   officers=[demo.user("ft_officer1").pk, demo.user("ft_officer2").pk])
        walker.act("ft_officer1", "triage", procedure="ordinary", reason="x")
        walker.act("ft_officer1", "file")
        walker.refresh("ft_unithead")
        walker.act("ft_unithead", "approve")
        ids.append((walker.case["id"], walker.case["version"]))
    head = demo.user("ft_head")

    def approve(case_id, version):
        return perform(procedure="case", actor=head, subject_id=case_id, action="approve", version=version, data={})

    assert not [r for r in run_at_once(approve, ids) if isinstance(r, Exception)]
    seqs = sorted(Case.objects.values_list("number_seq", flat=True))
    assert seqs == [1, 2, 3, 4] and NumberSeries.objects.get().last == 4
