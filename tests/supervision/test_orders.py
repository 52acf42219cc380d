"""Enforcement supervision orders walked through the API: 执法监督通知书 → 决定书 (with the head's approval) →
correction and its report within 10 working days; a review asked within 5 working days and answered; a late review
refused; the documents generated; scope."""
from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.utils import timezone
from docx import Document

from ipenforce.orgs.selectors import work_queue
from ipenforce.workflow.models import Deadline

pytestmark = pytest.mark.django_db
FUTIAN = "深圳市市场监督管理局福田监管局"


def issue(demo, username="sz_supervisor", **extra):
    response = demo.api(username).post("/api/v1/supervision/orders", {
        "target_id": demo.agency(FUTIAN).pk, "matter": "部分案件未按期送达处罚决定书", **extra})
    assert response.status_code == 201, response.json()
    return response.json()


def act(demo, username, order, action, expect=200, **data):
    response = demo.api(username).post(f"/api/v1/supervision/orders/{order['id']}/actions/{action}",
                                       {"version": order["version"], **data})
    assert response.status_code == expect, response.json()
    return response.json() if expect == 200 else order


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)


def decided(demo, correct_in=20):
    order = issue(demo)
    assert order["state"] == "noticed"
    assert work_queue(demo.user("ft_head")).filter(kind="supervision_order.next_step").exists()
    order = act(demo, "ft_head", order, "explain", explanation="送达人员变动，已整改")
    correct_by = timezone.localdate() + timedelta(days=correct_in)
    order = act(demo, "sz_supervisor", order, "decide", decision="责令规范送达程序", correct_by=str(correct_by))
    assert order["state"] == "explained" and order["pending_approval"]["awaiting"] == "issuer_head"
    act(demo, "sz_supervisor", order, "approve", expect=403, comment="同意")  # the proposer cannot approve
    order = act(demo, "sz_head", order, "approve", comment="同意")
    assert order["state"] == "ordered" and order["correct_by"] == str(correct_by)
    return order, correct_by


def test_an_order_through_correction_and_its_report(demo):
    order, correct_by = decided(demo)
    correction = [d for d in order["deadlines"] if d["rule"] == "supervision.correction"][0]
    assert correction["due_on"] == str(correct_by)  # the deadline set in the decision, not the default
    review = [d for d in order["deadlines"] if d["rule"] == "supervision.review_request"][0]
    assert review["status"] == "running" and review["window"] and review["status_label"] == "期间内"
    # The review window is the target's right, not its work: no work item, and it ends rather than going overdue.
    assert work_queue(demo.user("ft_head")).filter(kind="deadline:supervision.correction").exists()
    assert not work_queue(demo.user("ft_head")).filter(kind="deadline:supervision.review_request").exists()
    with time_machine.travel(timezone.now() + timedelta(days=40), tick=False):
        later = demo.api("ft_head").get(f"/api/v1/supervision/orders/{order['id']}").json()
        ended = [d for d in later["deadlines"] if d["rule"] == "supervision.review_request"][0]
        assert (ended["status"], ended["status_label"]) == ("ended", "期间已届满")
        overdue = [d for d in later["deadlines"] if d["rule"] == "supervision.correction"][0]
        assert (overdue["status"], overdue["status_label"]) == ("overdue", "已超期")
    notice = demo.api("ft_head").get(f"/api/v1/supervision/orders/{order['id']}/documents/notice")
    assert notice.status_code == 200 and "执法监督通知书" in text_of(notice.content)
    decision = text_of(demo.api("ft_head").get(f"/api/v1/supervision/orders/{order['id']}/documents/decision").content)
    assert "执法监督决定书" in decision and "责令规范送达程序" in decision and "10个工作日内" in decision
    assert "5个工作日内" in decision

    act(demo, "ft_officer1", order, "record_correction", expect=403, corrected_on=str(timezone.localdate()),
        measures="x")
    order = act(demo, "ft_head", order, "record_correction", corrected_on=str(timezone.localdate()),
                measures="已重新培训送达人员")
    report = [d for d in order["deadlines"] if d["rule"] == "supervision.correction_report"][0]
    assert report["unit"] == "working_days" and report["status"] == "running"
    assert work_queue(demo.user("ft_head")).filter(kind="deadline:supervision.correction_report").exists()
    order = act(demo, "ft_head", order, "report", report="已纠正，附整改材料")
    assert order["state"] == "reported"
    order = act(demo, "sz_supervisor", order, "accept", comment="同意")
    assert order["state"] == "closed"
    met = {d.rule: d.status for d in Deadline.objects.filter(supervision_order=order["id"])}
    assert met["supervision.correction"] == "met" and met["supervision.correction_report"] == "met"


def test_a_review_within_five_working_days_is_answered_and_a_late_one_refused(demo):
    order, _correct_by = decided(demo)
    order = act(demo, "ft_head", order, "request_review", reason="送达程序合法")
    assert order["state"] == "review"
    answer = [d for d in order["deadlines"] if d["rule"] == "supervision.review_answer"][0]
    assert answer["unit"] == "working_days" and answer["status"] == "running"
    assert work_queue(demo.user("sz_supervisor")).filter(kind="deadline:supervision.review_answer").exists()
    new_date = timezone.localdate() + timedelta(days=40)
    act(demo, "sz_supervisor", order, "answer_review", expect=422, outcome="changed", answer="延长")
    order = act(demo, "sz_supervisor", order, "answer_review", outcome="changed", answer="延长纠正期限",
                correct_by=str(new_date))
    order = act(demo, "sz_head", order, "approve", comment="同意")
    assert order["state"] == "ordered" and order["correct_by"] == str(new_date)
    assert [d for d in order["deadlines"] if d["rule"] == "supervision.correction"][0]["due_on"] == str(new_date)

    late, _ = decided(demo)
    with time_machine.travel(timezone.now() + timedelta(days=15), tick=False):
        refused = demo.api("ft_head").post(f"/api/v1/supervision/orders/{late['id']}/actions/request_review",
                                           {"version": late["version"], "reason": "迟到"})
        assert refused.status_code == 422 and refused.json()["code"] == "review_period_over"


def test_only_an_upper_bureau_issues_and_other_districts_see_nothing(demo):
    body = {"target_id": demo.agency(FUTIAN).pk, "matter": "x"}
    assert demo.api("ft_head").post("/api/v1/supervision/orders", body).status_code == 403  # not its own
    assert demo.api("ns_head").post("/api/v1/supervision/orders", body).status_code == 404  # cannot see 福田
    order = issue(demo)
    assert demo.api("ns_head").get(f"/api/v1/supervision/orders/{order['id']}").status_code == 404
    assert demo.api("ns_head").get("/api/v1/supervision/orders").json()["count"] == 0
    assert demo.api("ft_police").get("/api/v1/supervision/orders").json()["count"] == 0
    act(demo, "ns_head", order, "explain", expect=404, explanation="x")
    page = demo.client("ft_head").get(f"/supervision/orders/{order['id']}/")
    assert page.status_code == 200 and "说明情况" in page.content.decode()
