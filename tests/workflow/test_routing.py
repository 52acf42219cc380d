"""Work reaches the people who must act across the agency tree: a 市场监管所's case from lead to the police, every
approval in the right person's 我的待办 (the bureau's head for a 所 that has none), the legal reviewer's item,
the 所's own officers sending the transfer and handing the goods over, the case's clocks held while the police
have it, and every item closed when its cause ends."""
import pytest

from ipenforce.cases.models import Case
from ipenforce.core.models import WorkItem
from ipenforce.orgs.models import RoleGrant, User
from ipenforce.orgs.selectors import work_queue
from tests.cases.conftest import today

pytestmark = pytest.mark.django_db
HQB = "福田监管局华强北市场监管所"
T = "linkage.transfer"


def kinds(demo, username, target_id, target_type="cases.case") -> set[str]:
    return set(work_queue(demo.user(username)).filter(target_type=target_type, target_id=str(target_id))
               .values_list("kind", flat=True))


def open_kinds(target_id, target_type="cases.case") -> set[str]:
    return set(WorkItem.objects.filter(target_type=target_type, target_id=str(target_id), state="open")
               .values_list("kind", flat=True))


def test_a_field_office_case_from_lead_to_the_police(demo, walker):
    case = walker.register("trademark", username="hqb_officer", illegal_turnover="600000")
    cid = case["id"]
    # The lead: its verification limit for the 所's officers, 指定办案人员 for the bureau's unit head (the 所 has
    # none), the suspected crime for the bureau's head.
    assert kinds(demo, "hqb_officer", cid) == {"deadline:admin.lead_verification"}
    assert "deadline:admin.lead_verification" not in kinds(demo, "ft_officer1", cid)  # the 所 has officers
    assert kinds(demo, "ft_unithead", cid) == {"case.assign_officers"}
    assert kinds(demo, "ft_head", cid) == {"case.crime_alert"}

    walker.act("hqb_officer", "triage", procedure="ordinary", reason="按违法经营额计罚")
    refused = walker.act("hqb_officer", "file", expect=422)
    assert refused["code"] == "officers_required" and "林科长" in refused["message"]  # who must act is named

    walker.act("ft_unithead", "assign_officers", officers=[demo.user("hqb_officer").pk, demo.user("hqb_officer2").pk])
    assert "case.assign_officers" not in open_kinds(cid)
    assert kinds(demo, "hqb_officer2", cid) == {"deadline:admin.lead_verification"}  # both officers now

    walker.act("hqb_officer", "file", comment="拟立案")
    assert kinds(demo, "ft_unithead", cid) == {"case.approval"}
    assert walker.refresh("ft_unithead")["pending_approval"]["awaiting_people"] == "办案机构负责人（林科长）"
    walker.act("ft_unithead", "approve", comment="同意")
    assert kinds(demo, "ft_head", cid) == {"case.approval", "case.crime_alert"}  # the bureau's head approves
    walker.refresh("ft_head")
    walker.act("ft_head", "approve", comment="同意立案")
    assert walker.state == "investigating" and "case.approval" not in open_kinds(cid)
    assert kinds(demo, "hqb_officer", cid) == {"deadline:admin.decision_ordinary"}

    walker.refresh("hqb_officer")
    walker.act("hqb_officer", "submit_report", findings="销售假冒注册商标的商品", proposed_fine="100000")
    assert kinds(demo, "ft_legal", cid) == {"deadline:admin.review"}  # the legal reviewer's, not the officer's
    assert "deadline:admin.review" not in kinds(demo, "hqb_officer", cid)
    walker.refresh("ft_legal")
    walker.act("ft_legal", "review_pass", opinion="同意")

    walker.refresh("hqb_officer")
    walker.act("hqb_officer", "propose_transfer", report="涉嫌假冒注册商标罪，非法经营数额六十万元")
    transfer = walker.api("hqb_officer").get(f"/api/v1/transfers/{walker.refresh('hqb_officer')['transfers'][0]}")
    tid = transfer.json()["id"]
    assert "case.crime_alert" not in open_kinds(cid)  # a transfer is proposed: the alert has done its work
    assert kinds(demo, "ft_head", tid, T) == {"deadline:linkage.transfer_approval"}

    def step(username, action, **data):
        current = walker.api(username).get(f"/api/v1/transfers/{tid}").json()
        response = walker.api(username).post(f"/api/v1/transfers/{tid}/actions/{action}",
                                             {"version": current["version"], **data})
        assert response.status_code == 200, (action, response.json())
        return response.json()

    step("ft_head", "approve", comment="同意移送")
    assert kinds(demo, "hqb_officer", tid, T) == {"deadline:linkage.transfer_send"}
    assert walker.api("hqb_officer").post(f"/api/v1/cases/{cid}/documents",
                                          {"kind": "crime_transfer"}).status_code == 201
    step("hqb_officer", "send", police_id=demo.agency("深圳市公安局福田分局").pk, letter=True, report=True,
         goods_list=True, test_reports=True)
    held = Case.objects.get(pk=cid)
    assert held.state == "transferred"
    assert {d.status for d in held.deadlines.filter(status__in=["running", "paused"])} == {"paused"}
    assert open_kinds(cid) == set()  # nothing runs on the case while the police hold it
    assert kinds(demo, "ft_police", tid, T) == {"deadline:linkage.police_receipt"}

    step("ft_police", "acknowledge")
    step("ft_police", "file", filed_on=str(today()))
    assert kinds(demo, "hqb_officer", tid, T) == {"deadline:linkage.goods_handover"}
    step("hqb_officer", "handover_goods", goods="假冒耳机1200个及账册")
    assert "deadline:linkage.goods_handover" not in open_kinds(tid, "linkage.transfer")
    assert kinds(demo, "ft_police", tid, T) == {"transfer.next_step"}  # the police's move: arrest or prosecution


def test_a_field_office_with_its_own_head_approves_its_own_cases(demo, walker):
    walker.register("trademark", username="hqb_officer")
    walker.to_investigation(officers=("hqb_officer", "hqb_officer2"))
    head = User.objects.create_user("hqb_head", password="x", agency=demo.agency(HQB), full_name="所长")
    RoleGrant.objects.create(user=head, role="agency_head")
    walker.refresh("hqb_officer")
    walker.act("hqb_officer", "suspend", reason="权属争议")
    # Resolved when the queue is read: the 所's new head has it, the bureau's head no longer does.
    assert kinds(demo, "hqb_head", walker.case["id"]) == {"case.approval"}
    assert "case.approval" not in kinds(demo, "ft_head", walker.case["id"])
    assert walker.act("ft_head", "approve", expect=403, comment="同意")["code"] == "permission_denied"
    walker.act("hqb_head", "approve", comment="同意")
    assert walker.state == "suspended"


def test_the_proposer_never_approves_their_own_proposal(demo, walker):
    walker.register("trademark")
    unit_head = demo.user("ft_unithead")  # also a case officer
    walker.act("ft_unithead", "assign_officers", officers=[unit_head.pk, demo.user("ft_officer1").pk])
    walker.act("ft_unithead", "triage", procedure="ordinary", reason="普通程序")
    walker.act("ft_unithead", "file", comment="拟立案")
    assert "case.approval" not in kinds(demo, "ft_unithead", walker.case["id"])
    refused = walker.act("ft_unithead", "approve", expect=403, comment="同意")
    assert "林科长" in refused["message"]


def test_a_decision_to_transfer_needs_the_review_and_opens_the_transfer(demo, walker):
    walker.register("trademark", illegal_turnover="600000")
    walker.to_investigation()
    walker.to_decision(proposed_fine=300000)
    walker.act("ft_officer1", "decide", outcome="transfer_police", reason="非法经营数额达到追诉标准")
    walker.approve_chain("ft_unithead", "ft_head")
    case = walker.refresh()
    assert case["state"] == "deciding" and len(case["transfers"]) == 1
    transfer = walker.api("ft_officer1").get(f"/api/v1/transfers/{case['transfers'][0]}").json()
    assert transfer["state"] == "approved" and "send" in transfer["available_actions"]
    assert walker.act("ft_officer1", "propose_transfer", expect=422, report="再次")["code"] == "transfer_open"
    assert walker.act("ft_officer1", "decide", expect=422, outcome="penalty", fine="1")["code"] == "transfer_open"


def test_a_returned_case_resumes_its_clocks_where_they_stopped(demo, walker):
    walker.register("trademark", illegal_turnover="600000")
    walker.to_investigation()
    walker.act("ft_officer1", "propose_transfer", report="涉嫌犯罪")
    tid = walker.refresh()["transfers"][0]

    def step(username, action, **data):
        version = walker.api(username).get(f"/api/v1/transfers/{tid}").json()["version"]
        response = walker.api(username).post(f"/api/v1/transfers/{tid}/actions/{action}", {"version": version, **data})
        assert response.status_code == 200, (action, response.json())

    step("ft_head", "approve")
    walker.api("ft_officer1").post(f"/api/v1/cases/{walker.case['id']}/documents", {"kind": "crime_transfer"})
    step("ft_officer1", "send", police_id=demo.agency("深圳市公安局福田分局").pk, letter=True, report=True,
         goods_list=True, test_reports=True)
    assert "deadline:admin.decision_ordinary" not in open_kinds(walker.case["id"])
    step("ft_police", "acknowledge")
    step("ft_police", "not_file", reason="未达追诉标准")
    step("ft_police", "return_for_admin", reason="退回依法处理")
    case = walker.refresh()
    assert case["state"] == "investigating"
    assert kinds(demo, "ft_officer1", walker.case["id"]) == {"deadline:admin.decision_ordinary"}
    assert walker.act("ft_officer1", "decide", expect=422, outcome="penalty", fine="1")["code"] == "wrong_state"


def test_a_steps_recorded_inputs_read_as_words():
    from ipenforce.workflow.definitions import Action, Field
    from ipenforce.workflow.presenters import payload_facts

    action = Action("report", "报告", frozenset({"open"}), (), fields=(
        Field("stage", "choice", "所处阶段", choices=(("police", "公安侦办阶段"),)),
        Field("publicised", "bool", "已宣传报道", required=False),
        Field("fine", "money", "罚款", required=False),
        Field("officer_ids", "users", "办案人员", required=False),
        Field("note", "text", "说明", required=False)))
    facts = payload_facts(action, {"stage": "police", "publicised": False, "fine": "500.00", "officer_ids": [3],
                                   "note": "", "late": True})
    assert [(f["label"], f["text"]) for f in facts] == [("所处阶段", "公安侦办阶段"), ("已宣传报道", "否"),
                                                        ("罚款", "500.00元")]
    assert payload_facts(None, {"stage": "police"}) == []


def test_a_deadline_of_a_rule_no_file_knows_any_more_is_an_ordinary_limit():
    from ipenforce.workflow.deadlines import is_window

    assert is_window("supervision.review_request") is True
    assert is_window("admin.statement_period") is False
    assert is_window("no.such_rule") is False
