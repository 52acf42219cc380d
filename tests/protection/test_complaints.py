"""The complaint desk (快速维权): a rights holder files, the centre lists everything missing in one notice, the
rights holder supplements, the centre accepts within its target and refers a lead to the competent bureau, whose
outcome flows back to the complainant; the acceptance target across holidays (C-09: a configurable target)."""
from datetime import date

from ipenforce.cases.models import Case
from ipenforce.protection.effects import acceptance_target
from ipenforce.protection.models import CentreSettings, Complaint
from ipenforce.protection.services import centre_target_set, complaint_register
from ipenforce.workflow.services import perform
from tests.conftest import FUTIAN
from tests.protection.conftest import COMPLETE
from tests.protection.helpers import ok, step


def test_a_complaint_goes_to_a_district_bureau_and_its_outcome_comes_back(outside):
    holder, centre = outside.api("rights_holder"), outside.api("centre_staff")
    filed = ok(holder.post("/api/v1/complaints", {**COMPLETE, "evidence": "", "request": ""}), 201)
    assert filed["state"] == "received" and filed["missing"] == ["侵权证据", "请求事项"]
    refused = step(centre, "complaints", filed["id"], "accept")
    assert refused.status_code == 422 and refused.json()["code"] == "complaint_incomplete"
    asked = ok(step(centre, "complaints", filed["id"], "request_completion", extra="委托书原件"))
    assert asked["state"] == "incomplete"
    for item in ("侵权证据", "请求事项", "委托书原件"):  # everything missing in one notice
        assert item in asked["missing_notice"]
    assert step(holder, "complaints", filed["id"], "accept").status_code == 403
    ok(step(holder, "complaints", filed["id"], "supplement", evidence="公证购买的商品", request="请求查处"))
    accepted = ok(step(centre, "complaints", filed["id"], "accept"))
    assert accepted["state"] == "accepted" and accepted["deadlines"][0]["status"] == "met"

    futian = outside.agency(FUTIAN)
    referred = ok(step(centre, "complaints", filed["id"], "refer_to_bureau", bureau_id=futian.pk))
    assert referred["state"] == "referred" and referred["bureau"] == FUTIAN
    case = Case.objects.get(pk=referred["case_id"])
    assert case.agency == futian and case.source == "complaint" and case.protection_complaints.get().pk == filed["id"]
    assert any(s.action == "referred_by_centre" for s in case.steps.all())  # linked both ways
    officer = outside.api("ft_officer1")
    assert ok(officer.get(f"/api/v1/cases/{case.pk}"))["id"] == case.pk  # the bureau works the lead
    assert ok(officer.get(f"/api/v1/complaints/{filed['id']}"))["id"] == filed["id"]  # and sees the complaint

    for username, action in (("ft_officer1", "not_file"), ("ft_unithead", "approve"), ("ft_head", "approve")):
        case.refresh_from_db()
        perform(procedure="case", subject_id=case.pk, action=action, actor=outside.user(username),
                version=case.version, data={"reason": "经核查，被投诉柜台已停业，无违法商品。", "comment": "同意"})
    back = ok(holder.get(f"/api/v1/complaints/{filed['id']}"))
    assert back["state"] == "concluded" and "不予立案" in back["outcome"] and "已停业" in back["outcome"]
    page = outside.client("rights_holder").get(f"/protection/complaints/{filed['id']}/").content.decode()
    assert "已停业" in page and "不予立案" in page


def test_the_centre_registers_a_complaint_on_its_page(outside):
    client = outside.client("centre_staff")
    response = client.post("/protection/complaints/new/", {**COMPLETE, "complainant_name": "张某",
                                                            "received_on": "2026-11-02", "key_enterprise": "on"})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.key_enterprise and complaint.complainant is None and complaint.state == "received"
    assert client.get(response["Location"]).status_code == 200
    bad = client.post("/protection/complaints/new/", {"complainant_name": "张某"})
    assert bad.status_code == 422 and "这个字段是必填项" in bad.content.decode()


def _acceptance_due(complaint: Complaint) -> date:
    return complaint.deadlines.get(rule="protection.complaint_acceptance").due_on


def test_the_acceptance_target_counts_working_days_across_national_day(outside):
    """Received on 2026-09-29: five working days are 09-30, 10-08, 10-09, 10-10 (a make-up working day), 10-12.
    A centre's own target of three ends on 10-09; the rule row is marked unverified (a target, not law)."""
    staff = outside.user("centre_staff")
    first = complaint_register(actor=staff, data={**COMPLETE, "complainant_name": "张某"},
                               received_on=date(2026, 9, 29))
    assert _acceptance_due(first) == date(2026, 10, 12)
    assert first.deadlines.get().verified is False
    CentreSettings.objects.create(centre=staff.agency, acceptance_working_days=3)
    second = complaint_register(actor=staff, data={**COMPLETE, "complainant_name": "张某"},
                                received_on=date(2026, 9, 29))
    assert _acceptance_due(second) == date(2026, 10, 9)
    acceptance_target(second)  # applying it again changes nothing
    assert _acceptance_due(second) == date(2026, 10, 9)


def test_only_the_centre_sets_its_targets(outside):
    from ipenforce.core.errors import PermissionDenied
    from ipenforce.orgs.models import RoleGrant

    staff = outside.user("centre_staff")
    try:
        centre_target_set(actor=staff, acceptance_working_days=3)
        raise AssertionError("centre staff without the head's role set a target")
    except PermissionDenied:
        pass
    RoleGrant.objects.create(user=staff, role="agency_head")
    staff = outside.user("centre_staff")
    assert centre_target_set(actor=staff, acceptance_working_days=3).acceptance_working_days == 3
    page = outside.client("centre_staff").get("/protection/targets/").content.decode()
    assert "不是法定期限" in page
