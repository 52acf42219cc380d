"""Assistance requests (协助调查函): sent in writing, received (15 working days from receipt, A-08), answered on
time with files that enter the requesting case's evidence; extended before expiry; refused after it; to an agency
outside the platform answered by hand; to the police only where addressed; the supplier notification (A-14)."""
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ipenforce.command.models import AssistanceRequest
from ipenforce.core.calendar import calendar_for
from ipenforce.core.clock import add_working_days
from ipenforce.evidence.models import EvidenceItem
from ipenforce.orgs.selectors import work_queue
from tests.command.conftest import NANSHAN, PDF, Subject

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assistance-requests"


@pytest.fixture
def requested(demo, walker):
    def make(assisted=NANSHAN, **extra):
        walker.register("trademark", title="假冒耳机案")
        walker.to_investigation()
        payload = {"assisted_id": demo.agency(assisted).pk if assisted else None, "case_id": walker.case["id"],
                   "matters": ["verify_party", "obtain_records"],
                   "details": "请核实深圳市某某电子有限公司的经营场所并调取租赁合同",
                   **extra}
        response = demo.api("ft_officer1").post(BASE, payload)
        assert response.status_code == 201, response.json()
        return Subject(demo, BASE, response.json())
    return make


def test_answered_on_time_and_the_files_become_evidence(demo, requested):
    request = requested()
    assert request.data["state"] == "sent"
    assert work_queue(demo.user("ns_officer1")).filter(kind="assistance.receive").exists()
    request.refresh("ns_officer1")
    request.act("ft_officer1", "receive", expect=403)
    request.act("ns_officer1", "receive")
    today = timezone.localdate()
    deadline = request.data["deadlines"][0]
    assert deadline["rule"] == "command.assistance_reply" and deadline["verified"] is True
    assert deadline["due_on"] == add_working_days(calendar_for(today), today, 15).isoformat()
    assert "第四十二条" in deadline["citation"]
    assert work_queue(demo.user("ns_officer2")).filter(kind="deadline:command.assistance_reply").exists()

    api = demo.api("ns_officer1")
    files = api.client.post(f"{BASE}/{request.id}/files", {"files": [SimpleUploadedFile("租赁合同.pdf", PDF)]},
                            headers=api.headers)
    assert files.status_code == 201, files.json()
    other = demo.api("ft_officer1")
    refused = other.client.post(f"{BASE}/{request.id}/files", {"files": [SimpleUploadedFile("x.pdf", PDF)]},
                                headers=other.headers)
    assert refused.status_code == 403
    request.act("ns_officer1", "answer", answer="经核实，该公司实际经营场所为南山区某大厦，租赁合同已调取")
    assert request.data["state"] == "answered" and request.data["deadlines"][0]["status"] == "met"

    collectors = [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk]
    assert demo.api("ns_officer1").post(f"{BASE}/{request.id}/evidence",
                                        {"collector_ids": collectors}).status_code == 403
    filed = demo.api("ft_officer1").post(f"{BASE}/{request.id}/evidence", {"collector_ids": collectors})
    assert filed.status_code == 200, filed.json()
    item = EvidenceItem.objects.get(pk=filed.json()["files"][0]["evidence_id"])
    assert item.case_id == request.data["case_id"] and "南山监管局" in item.source
    assert item.custody.get().kind == "collected"
    assert item.files.get().stored.sha256 == files.json()[0]["sha256"]
    again = demo.api("ft_officer1").post(f"{BASE}/{request.id}/evidence", {"collector_ids": collectors})
    assert again.status_code == 422 and again.json()["code"] == "nothing_to_file"
    request.act("ft_officer1", "close")
    assert request.data["state"] == "closed"


def test_extended_before_expiry_and_not_after(demo, requested):
    request = requested()
    request.refresh("ns_officer1")
    request.act("ns_officer1", "receive")
    due = request.data["deadlines"][0]["due_on"]
    later = (timezone.localdate() + timedelta(days=40)).isoformat()
    request.act("ns_officer1", "extend", new_due=due, reason="x", expect=422)
    request.act("ns_officer1", "extend", new_due=later, reason="需调取外省资料")
    assert request.data["deadlines"][0]["due_on"] == later
    with time_machine.travel(timezone.now() + timedelta(days=60)):
        refused = request.act("ns_officer1", "unable", reason="无法协助", expect=422)
        assert refused["code"] == "assistance_expired"
        request.act("ns_officer1", "answer", answer="迟到的答复")
    assert request.data["deadlines"][0]["status"] == "late"


def test_inability_is_notified(demo, requested):
    request = requested()
    request.refresh("ns_officer1")
    request.act("ns_officer1", "receive")
    request.act("ns_officer1", "unable", reason="该企业已注销，无法核实")
    assert request.data["state"] == "unable"


def test_an_agency_outside_the_platform_is_answered_by_hand(demo, requested):
    request = requested(assisted=None, outside_name="东莞市市场监督管理局")
    assert request.data["state"] == "outside" and request.data["assisted"] == "东莞市市场监督管理局"
    assert request.data["available_actions"] == ["record_answer", "withdraw"]
    request.act("ft_officer1", "record_answer", answer="东莞局函复：已核实",
                answered_on=timezone.localdate().isoformat())
    assert request.data["state"] == "answered"


def test_police_only_where_addressed(demo, requested):
    request = requested(assisted="深圳市公安局南山分局", matters=["verify_party"])
    assert demo.api("ft_police").get(f"{BASE}/{request.id}").status_code == 404
    assert demo.api("ns_officer1").get(f"{BASE}/{request.id}").status_code == 404
    request.refresh("ns_police")
    request.act("ns_police", "receive")
    assert request.data["deadlines"][0]["owner"] == "assisted_police"
    request.act("ns_police", "answer", answer="已协助核实身份")
    listed = demo.api("ns_police").get(BASE, all=1).json()
    assert request.id in [row["id"] for row in listed["items"]]


def test_scope_and_bad_input(demo, requested):
    request = requested()
    for username in ("ns_police", "ft_police", "hqb_officer"):
        assert demo.api(username).get(f"{BASE}/{request.id}").status_code == 404
    api = demo.api("ft_officer1")
    for payload, field in (({"matters": ["fly"], "details": "x", "outside_name": "某局"}, "matters"),
                           ({"matters": ["verify_party"], "details": "x"}, "assisted_id"),
                           ({"matters": ["verify_party"], "details": "x", "assisted_id": 999999}, "assisted_id"),
                           ({"matters": ["verify_party"], "details": "x", "outside_name": "某局",
                             "case_id": 999999}, "case_id")):
        response = api.post(BASE, payload)
        assert response.status_code == 422 and response.json()["field"] == field, response.json()
    assert demo.api("ft_police").post(BASE, {"matters": ["verify_party"], "details": "x",
                                             "outside_name": "某局"}).status_code == 403


def test_the_supplier_notification_from_a_case(demo, walker):
    walker.register("trademark", title="销售假冒商标手机壳案")
    client = demo.client("ft_officer1")
    page = client.get(f"/cases/{walker.case['id']}/supplier-notice/")
    assert page.status_code == 200 and "第八十条" in page.content.decode()
    response = client.post(f"/cases/{walker.case['id']}/supplier-notice/", {
        "supplier": "广州某某贸易商行", "supplier_address": "广州市白云区某路1号",
        "outside_name": "广州市白云区市场监督管理局"})
    assert response.status_code == 302, response.content.decode()[:3000]
    request = AssistanceRequest.objects.get(case_id=walker.case["id"])
    assert request.supplier_notice and request.matters == ["supplier_notice"]
    assert "第八十条" in request.details and "广州某某贸易商行" in request.details
    assert request.state == "outside"


def test_pages(demo, requested):
    request = requested()
    page = demo.client("ft_officer1").get("/assistance-requests/?all=1").content.decode()
    assert f"/assistance-requests/{request.id}/" in page
    client = demo.client("ns_officer1")
    assert f"/assistance-requests/{request.id}/" in client.get("/assistance-requests/").content.decode()
    response = client.post(f"/assistance-requests/{request.id}/actions/receive/", {"version": request.data["version"]})
    assert response.status_code == 302
    request.refresh("ns_officer1")
    response = client.post(f"/assistance-requests/{request.id}/files/",
                           {"files": [SimpleUploadedFile("核查.pdf", PDF)]})
    assert response.status_code == 302
    response = client.post(f"/assistance-requests/{request.id}/actions/answer/",
                           {"version": request.data["version"], "answer-answer": ""})
    assert response.status_code == 422 and "协查结果" in response.content.decode()
    response = client.post(f"/assistance-requests/{request.id}/actions/answer/",
                           {"version": request.data["version"], "answer-answer": "已核实"})
    assert response.status_code == 302
    ft = demo.client("ft_officer1")
    page = ft.get(f"/assistance-requests/{request.id}/").content.decode()
    assert 'data-testid="evidence-form"' in page and "核查.pdf" in page
    response = ft.post(f"/assistance-requests/{request.id}/evidence/", {
        "evidence-collector_ids": [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk]})
    assert response.status_code == 302
    assert "已登记为证据" in ft.get(f"/assistance-requests/{request.id}/").content.decode()
    new = ft.get("/assistance-requests/new/")
    assert new.status_code == 200 and "发出协助调查函" in new.content.decode()


def test_the_supplier_notification_is_an_action_of_the_case(demo, walker):
    walker.register("trademark", title="销售假冒商标耳机案")
    walker.refresh()
    assert "notify_supplier" in walker.case["available_actions"]
    walker.act("ft_officer1", "notify_supplier", supplier="东莞某电子厂", supplier_address="东莞市长安镇",
               supplier_bureau=NANSHAN)
    request = AssistanceRequest.objects.get(case_id=walker.case["id"])
    assert request.assisted == demo.agency(NANSHAN) and request.supplier_notice and request.state == "sent"
    walker.register("patent", title="假冒专利案")
    walker.refresh()
    assert "notify_supplier" not in walker.case["available_actions"]
