"""Assignments (交办单): draft → head's sign-off → issued → receipt (the clock) → extension → report → returned
for more → accepted; an assigned lead becomes the receiver's lead with its origin kept; a receiver not competent
returns it and the assigner designates jurisdiction (指定管辖, A-04); overdue ones reach the assigner's head."""
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.command.models import Assignment, CaseLink
from ipenforce.command.services import assignments_escalate_overdue
from ipenforce.core.calendar import calendar_for
from ipenforce.core.clock import add_working_days
from ipenforce.core.models import WorkItem
from ipenforce.orgs.selectors import work_queue
from ipenforce.workbench.tasks import refresh_work_items
from tests.command.conftest import HQB, SHATOU

pytestmark = pytest.mark.django_db


def _work(demo, username, kind):
    return work_queue(demo.user(username)).filter(kind=kind)


def test_an_assignment_from_draft_to_acceptance(demo, draft):
    (assignment,) = draft()
    assert assignment.data["state"] == "draft"
    assignment.act("hqb_officer", "receive", expect=404)  # a draft is not the receiver's to see
    assignment.act("ft_officer1", "issue")
    assert assignment.data["approval"]["awaiting"] == "assigner_head"
    assert _work(demo, "ft_head", "assignment.approval").exists()
    assignment.act("ft_officer1", "approve", expect=403)  # the proposer never answers
    assignment.act("ft_head", "approve")
    assert assignment.data["state"] == "issued"
    assert _work(demo, "hqb_officer", "assignment.receive").exists()
    assignment.act("ft_officer1", "receive", expect=403)  # only the receiver signs for it

    assignment.refresh("hqb_officer")
    assignment.act("hqb_officer", "receive")
    today = timezone.localdate()
    due = add_working_days(calendar_for(today), today, 10)
    assert assignment.data["state"] == "received" and assignment.data["due_on"] == due.isoformat()
    work = _work(demo, "hqb_officer", "assignment.work").get()
    assert timezone.localdate(work.due_at) == due

    later = (due + timedelta(days=10)).isoformat()
    assignment.act("hqb_officer", "request_extension", new_due=due.isoformat(), reason="需要调取资料", expect=422)
    assignment.act("hqb_officer", "request_extension", new_due=later, reason="需要调取平台交易记录")
    assert assignment.data["approval"]["awaiting"] == "assigner"
    assignment.act("ft_officer2", "approve")  # the assigner's officers decide the extension
    assert assignment.data["due_on"] == later

    assignment.act("hqb_officer", "report", outcome="case_filed", report="已立案调查", expect=422)
    assignment.act("hqb_officer", "report", outcome="case_filed", case_number="深福华强北市监罚〔2026〕1号",
                   report="已立案调查")
    assert assignment.data["state"] == "reported"
    assert _work(demo, "ft_officer1", "assignment.review").exists()
    assignment.act("ft_officer1", "return_for_more", reason="请补充立案决定书")
    assert assignment.data["state"] == "received"
    assignment.act("hqb_officer", "report", outcome="case_filed", case_number="深福华强北市监罚〔2026〕1号",
                   report="已立案调查，附立案审批表")
    assignment.act("ft_officer1", "accept")
    assert assignment.data["state"] == "accepted"
    assert assignment.data["outcome_case_number"] == "深福华强北市监罚〔2026〕1号"
    assert not WorkItem.objects.filter(target_type="command.assignment", target_id=str(assignment.id),
                                       state=WorkItem.OPEN).exists()
    assert [s["action"] for s in assignment.data["steps"]][:3] == ["draft", "issue", "issue"]


def test_one_assignment_per_receiver(demo, draft):
    drafted = draft(receivers=(HQB, SHATOU))
    assert {d.data["receiver"] for d in drafted} == {HQB, SHATOU}


def test_only_subordinates_receive(demo, draft, walker):
    api = demo.api("ft_officer1")
    response = api.post("/api/v1/assignments", {"receiver_ids": [demo.agency("深圳市市场监督管理局南山监管局").pk],
                                                "kind": "task", "title": "x", "instructions": "y",
                                                "reply_within_days": 5})
    assert response.status_code == 422 and response.json()["code"] == "receiver_not_subordinate"
    response = demo.api("hqb_officer").post("/api/v1/assignments", {
        "receiver_ids": [demo.agency(HQB).pk], "kind": "task", "title": "x", "instructions": "y",
        "reply_within_days": 5})
    assert response.status_code == 403  # a 所 has nobody under it
    response = api.post("/api/v1/assignments", {"receiver_ids": [demo.agency(HQB).pk], "kind": "lead",
                                                "title": "x", "instructions": "y", "reply_within_days": 5})
    assert response.status_code == 422 and response.json()["field"] == "case_id"


def test_an_assigned_lead_becomes_the_receivers_lead_with_its_origin(demo, draft, walker):
    walker.register("trademark", title="华强北某店销售假冒耳机")
    origin = walker.case["id"]
    (assignment,) = draft(kind="lead", case_id=origin, title="交办：华强北某店销售假冒耳机")
    assignment.act("ft_officer1", "issue")
    assignment.act("ft_head", "approve")
    assignment.refresh("hqb_officer")
    assignment.act("hqb_officer", "receive")
    link = CaseLink.objects.get(assignment_id=assignment.id)
    copy = Case.objects.get(pk=link.created_id)
    assert link.origin_id == origin and copy.agency == demo.agency(HQB) and copy.source == "assigned"
    assert copy.title == "华强北某店销售假冒耳机" and copy.parties.count() == 1
    assert assignment.data["links"][0]["origin_id"] == origin
    # both sides see the link: the receiver on its lead, the assigner from the assignment
    assert demo.api("hqb_officer").get(f"/api/v1/cases/{copy.pk}").status_code == 200
    went = demo.api("ft_officer1").get(f"/api/v1/cases/{origin}/command-links").json()
    assert [(w["assignment_id"], w["created_id"]) for w in went] == [(assignment.id, copy.pk)]
    came = demo.api("hqb_officer").get(f"/api/v1/cases/{copy.pk}/command-links").json()
    assert came[0]["origin_id"] == origin and came[0]["origin_title"] == "华强北某店销售假冒耳机"
    assert demo.api("ns_officer1").get(f"/api/v1/cases/{copy.pk}/command-links").status_code == 404
    received = demo.client("hqb_officer").get(f"/cases/{copy.pk}/").content.decode()  # visible both ways
    assert "上级交办" in received and f"/assignments/{assignment.id}/" in received
    sent = demo.client("ft_officer1").get(f"/cases/{origin}/").content.decode()
    assert "已交办" in sent and f"/assignments/{assignment.id}/" in sent and HQB in sent
    page = demo.client("ft_officer1").get(f"/assignments/{assignment.id}/")
    assert f"/cases/{copy.pk}/" in page.content.decode()
    page = demo.client("hqb_officer").get(f"/assignments/{assignment.id}/")
    assert f"/cases/{origin}/" in page.content.decode()


def test_returned_for_lack_of_competence_and_designated(demo, draft):
    (assignment,) = draft()
    assignment.act("ft_officer1", "issue")
    assignment.act("ft_head", "approve")
    assignment.refresh("hqb_officer")
    assignment.act("hqb_officer", "decline", reason="当事人经营地址位于沙头街道，不属本所管辖")
    assert assignment.data["state"] == "declined"
    deadline = assignment.refresh("ft_officer1")["deadlines"][0]
    assert deadline["rule"] == "command.jurisdiction_designation" and deadline["verified"] is False
    refused = assignment.act("ft_officer1", "designate", expect=422, reason="x",
                             receiver_id=demo.agency("深圳市市场监督管理局南山监管局").pk)
    assert refused["code"] == "receiver_not_subordinate"
    assignment.act("ft_officer1", "designate", receiver_id=demo.agency(SHATOU).pk, reason="指定沙头所")
    assert assignment.data["approval"]["awaiting"] == "assigner_head"
    assignment.act("ft_head", "send_back", comment="请写明指定理由")
    assignment.act("ft_officer1", "designate", receiver_id=demo.agency(SHATOU).pk, reason="依法指定沙头所管辖")
    assignment.act("ft_head", "approve")
    assert assignment.data["state"] == "designated"
    following = Assignment.objects.get(previous_id=assignment.id)
    assert following.designated and following.receiver == demo.agency(SHATOU) and following.state == "issued"
    assert assignment.data["next_ids"] == [following.pk]
    assert assignment.data["deadlines"][0]["status"] == "met"


def test_a_declined_assignment_is_reassigned(demo, draft):
    (assignment,) = draft()
    assignment.act("ft_officer1", "issue")
    assignment.act("ft_head", "approve")
    assignment.refresh("hqb_officer")
    assignment.act("hqb_officer", "decline", reason="不属本所管辖")
    assignment.act("ft_officer1", "reassign", receiver_id=demo.agency(SHATOU).pk, reason="改派沙头所")
    assignment.act("ft_head", "approve")
    assert assignment.data["state"] == "reassigned"
    following = Assignment.objects.get(previous_id=assignment.id)
    assert not following.designated and following.state == "issued"


def test_overdue_assignments_reach_the_assigners_head(demo, draft):
    (assignment,) = draft(reply_within_days=1)
    assignment.act("ft_officer1", "issue")
    assignment.act("ft_head", "approve")
    assignment.refresh("hqb_officer")
    assignment.act("hqb_officer", "receive")
    assert assignments_escalate_overdue() == 0
    assert not _work(demo, "ft_head", "assignment.overdue").exists()
    with time_machine.travel(timezone.now() + timedelta(days=10)):
        assert refresh_work_items.call()["assignments_escalated"] == 1  # the periodic task
        assert assignments_escalate_overdue() == 0  # once
    assert _work(demo, "ft_head", "assignment.overdue").exists()
    assert assignment.refresh("ft_officer1")["escalated"]
    assignment.act("hqb_officer", "report", outcome="no_violation", report="未发现违法行为")
    assert not _work(demo, "ft_head", "assignment.overdue").exists()


def test_scope(demo, draft):
    (assignment,) = draft()
    assignment.act("ft_officer1", "issue")
    assignment.act("ft_head", "approve")
    for username in ("ns_officer1", "ns_police", "ft_police"):
        assert demo.api(username).get(f"/api/v1/assignments/{assignment.id}").status_code == 404
        assert demo.client(username).get(f"/assignments/{assignment.id}/").status_code == 404
    assert demo.api("ns_officer1").post(f"/api/v1/assignments/{assignment.id}/actions/receive",
                                        {"version": assignment.data["version"]}).status_code == 404
    listed = demo.api("ns_officer1").get("/api/v1/assignments").json()
    assert assignment.id not in [row["id"] for row in listed["items"]]
    assert demo.api("sz_supervisor").get(f"/api/v1/assignments/{assignment.id}").status_code == 200
    menu = demo.client("ns_police").get("/").content.decode()
    assert 'href="/assistance-requests/"' in menu and 'href="/assignments/"' not in menu
    tabs = demo.client("ns_police").get("/assistance-requests/").content.decode()
    assert 'href="/joint-operations/"' in tabs and 'href="/assignments/"' not in tabs
    assert 'href="/assignments/"' in demo.client("ns_officer1").get("/").content.decode()


def test_pages_walk(demo, draft):
    client = demo.client("ft_officer1")
    page = client.get("/assignments/new/")
    assert page.status_code == 200 and "草拟交办单" in page.content.decode()
    # The kind of matter is the assigner's choice, never a silent default.
    refused = client.post("/assignments/new/", {"receiver_ids": [demo.agency(HQB).pk], "title": "未选类型",
                                                "instructions": "请办理", "reply_within_days": 5})
    assert refused.status_code == 422 and "交办事项类型" in refused.content.decode()
    assert not Assignment.objects.filter(title="未选类型").exists()
    response = client.post("/assignments/new/", {"receiver_ids": [demo.agency(HQB).pk], "kind": "task",
                                                 "title": "页面草拟", "instructions": "请办理",
                                                 "reply_within_days": 5})
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = Assignment.objects.get(title="页面草拟")
    response = client.post(f"/assignments/{assignment.pk}/actions/issue/", {"version": assignment.version})
    assert response.status_code == 302
    head = demo.client("ft_head")
    page = head.get(f"/assignments/{assignment.pk}/").content.decode()
    assert 'data-testid="answer-form"' in page
    assignment.refresh_from_db()
    head.post(f"/assignments/{assignment.pk}/actions/approve/", {"version": assignment.version})
    assignment.refresh_from_db()
    assert assignment.state == "issued"
    hqb = demo.client("hqb_officer")
    assert f"/assignments/{assignment.pk}/" in hqb.get("/assignments/").content.decode()
    response = hqb.post(f"/assignments/{assignment.pk}/actions/report/", {"version": assignment.version,
                                                                          "report-report": "x"})
    assert response.status_code in (302, 422)
    response = hqb.post(f"/assignments/{assignment.pk}/actions/receive/", {"version": assignment.version})
    assert response.status_code == 302
    assignment.refresh_from_db()
    response = hqb.post(f"/assignments/{assignment.pk}/actions/report/", {
        "version": assignment.version, "report-outcome": "case_filed", "report-report": "已立案"})
    assert response.status_code == 422 and "案件编号" in response.content.decode()


def _docx_text(response) -> str:
    import io
    import zipfile
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        return archive.read("word/document.xml").decode()


def test_the_notices_are_generated(demo, draft, walker):
    walker.register("trademark", title="沙头某店销售假冒运动鞋")
    (assignment,) = draft(kind="lead", case_id=walker.case["id"], title="交办：沙头某店销售假冒运动鞋",
                          instructions="请核查该店进货来源")
    api = demo.api("ft_officer1")
    notice = api.post(f"/api/v1/assignments/{assignment.id}/notice")
    assert notice.status_code == 201, notice.json()
    body = notice.json()
    assert body["title"] == "案件交办通知书" and body["number"].startswith("深福市监交〔")
    text = _docx_text(api.get(body["download"].replace("/cases/", "/api/v1/cases/").rstrip("/")))
    assert "案件交办通知书" in text and "沙头某店销售假冒运动鞋" in text and "请核查该店进货来源" in text
    assert HQB in text and "10个工作日" in text
    assert demo.api("hqb_officer").post(f"/api/v1/assignments/{assignment.id}/notice").status_code == 404
    # the case's own documents page does not make it without the assignment
    made_here = api.post(f"/api/v1/cases/{walker.case['id']}/documents", {"kind": "assignment_notice"})
    assert made_here.status_code == 422 and made_here.json()["code"] == "document_made_elsewhere"

    assignment.act("ft_officer1", "issue")
    assignment.act("ft_head", "approve")
    assignment.refresh("hqb_officer")
    assignment.act("hqb_officer", "decline", reason="经营地址在沙头街道")
    assignment.act("ft_officer1", "designate", receiver_id=demo.agency(SHATOU).pk, reason="依法指定沙头所管辖")
    pending = demo.client("ft_head").get(f"/assignments/{assignment.id}/").content.decode()
    assert f"拟交由：{SHATOU}" in pending  # the head reads the agency's name, not its number
    assignment.act("ft_head", "approve")
    following = Assignment.objects.get(previous_id=assignment.id)
    response = demo.client("ft_officer1").post(f"/assignments/{following.pk}/notice/")
    assert response.status_code == 302
    designation = following.case.documents.get(kind="jurisdiction_designation")
    text = _docx_text(demo.api("ft_officer1").get(
        f"/api/v1/cases/{following.case_id}/documents/{designation.pk}"))
    assert "指定管辖通知书" in text and SHATOU in text and HQB in text and "依法指定沙头所管辖" in text


def test_a_notice_made_from_an_english_page_is_written_in_chinese(demo, draft, walker):
    """An officer reading the pages in English still issues a Chinese paper (the platform's language)."""
    walker.register("trademark", title="沙头某店销售假冒运动鞋")
    (assignment,) = draft(kind="lead", case_id=walker.case["id"], title="交办：沙头某店销售假冒运动鞋",
                          instructions="请核查该店进货来源")
    api = demo.api("ft_officer1")
    notice = api.client.post(f"/api/v1/assignments/{assignment.id}/notice", content_type="application/json",
                             headers={**api.headers, "Accept-Language": "en"})
    assert notice.status_code == 201, notice.json()
    text = _docx_text(api.get(notice.json()["download"].replace("/cases/", "/api/v1/cases/").rstrip("/")))
    assert "10个工作日" in text and "working days" not in text and "Lead" not in text


def test_the_notice_is_listed_by_its_title_on_the_case_documents_page(demo, draft, walker):
    walker.register("trademark", title="沙头某店销售假冒运动鞋")
    (assignment,) = draft(kind="lead", case_id=walker.case["id"], title="交办", instructions="请核查")
    assert demo.api("ft_officer1").post(f"/api/v1/assignments/{assignment.id}/notice").status_code == 201
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/documents/").content.decode()
    assert ">案件交办通知书</a>" in page


def test_a_step_that_needs_approval_says_it_was_sent_for_approval(demo, draft, walker):
    walker.register("trademark", title="沙头某店销售假冒运动鞋")
    (assignment,) = draft(kind="lead", case_id=walker.case["id"], title="交办", instructions="请核查")
    response = demo.client("ft_officer1").post(f"/assignments/{assignment.id}/actions/issue/",
                                               {"version": Assignment.objects.get(pk=assignment.id).version},
                                               follow=True)
    page = response.content.decode()
    assert "已提交审批：" in page and "待机关负责人审批" in page and "已办理：" not in page
