"""Joint operations (联合执法, A-10): planned by the lead agency with bureaus and the police, places inspected and
goods seized recorded, leads found linked back, reported; participants see it, others do not."""
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.command.conftest import NANSHAN

pytestmark = pytest.mark.django_db
BASE = "/api/v1/joint-operations"


def test_a_joint_operation_to_its_report(demo, walker):
    today = timezone.localdate()
    api = demo.api("ft_officer1")
    response = api.post(BASE, {
        "title": "华强北电子市场联合执法", "plan": "市场监管、公安联合检查华强北电子市场假冒耳机",
        "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=2)).isoformat(),
        "participant_ids": [demo.agency("深圳市公安局福田分局").pk, demo.agency(NANSHAN).pk],
        "outside_participants": "深圳市版权协会",
        "officer_ids": [demo.user("ft_officer1").pk, demo.user("ft_police").pk, demo.user("ns_officer1").pk]})
    assert response.status_code == 201, response.json()
    operation = response.json()
    assert operation["state"] == "planned" and len(operation["officers"]) == 3
    oid = operation["id"]
    assert operation["available_actions"] == ["start", "record"]
    assert demo.api("ft_police").post(f"{BASE}/{oid}/actions/start", {"version": 1}).status_code == 403
    started = api.post(f"{BASE}/{oid}/actions/start", {"version": operation["version"]}).json()
    recorded = api.post(f"{BASE}/{oid}/actions/record", {"version": started["version"],
                                                         "places": "华强北某电子商行\n赛格广场三楼",
                                                         "seized_goods": "假冒耳机 300 副"})
    assert recorded.status_code == 200 and recorded.json()["state"] == "under_way"
    assert recorded.json()["places"] == ["华强北某电子商行", "赛格广场三楼"]
    walker.register("trademark", title="联合执法发现：某电子商行销售假冒耳机")
    linked = api.post(f"{BASE}/{oid}/cases", {"case_id": walker.case["id"]})
    assert linked.status_code == 200 and linked.json()["links"][0]["created_id"] == walker.case["id"]
    version = linked.json()["version"]
    assert demo.api("ns_officer1").post(f"{BASE}/{oid}/actions/report", {"version": version,
                                                                         "report": "x"}).status_code == 403
    reported = api.post(f"{BASE}/{oid}/actions/report", {"version": version,
                                                         "report": "检查商户 2 家，查扣假冒耳机 300 副，立案 1 件"})
    assert reported.status_code == 200 and reported.json()["state"] == "reported"
    late = api.post(f"{BASE}/{oid}/actions/record", {"version": reported.json()["version"], "places": "x"})
    assert late.json()["code"] == "wrong_state"
    assert [s["action"] for s in reported.json()["steps"]] == ["plan", "start", "record", "report"]
    for username in ("ft_police", "ns_officer1"):  # participants see it
        assert demo.api(username).get(f"{BASE}/{oid}").status_code == 200
    for username in ("ns_police", "hqb_officer"):
        assert demo.api(username).get(f"{BASE}/{oid}").status_code == 404
    page = demo.client("ft_officer1").get(f"/joint-operations/{oid}/").content.decode()
    assert "华强北某电子商行" in page and "立案 1 件" in page and f"/cases/{walker.case['id']}/" in page


def test_bad_window_and_pages(demo):
    api = demo.api("ft_officer1")
    today = timezone.localdate()
    response = api.post(BASE, {"title": "x", "plan": "y", "starts_on": today.isoformat(),
                               "ends_on": (today - timedelta(days=1)).isoformat(),
                               "participant_ids": [demo.agency(NANSHAN).pk]})
    assert response.status_code == 422 and response.json()["field"] == "ends_on"
    client = demo.client("ft_officer1")
    response = client.post("/joint-operations/new/", {
        "title": "页面发起的行动", "plan": "联合检查", "starts_on": today.isoformat(), "ends_on": today.isoformat(),
        "participant_ids": [demo.agency(NANSHAN).pk]})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "页面发起的行动" in page.content.decode()
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    response = client.post(f"/joint-operations/{pk}/actions/record/", {"version": 1, "record-places": "某商场\n某仓库",
                                                                      "record-seized_goods": ""})
    assert response.status_code == 302
    response = client.post(f"/joint-operations/{pk}/actions/report/", {"version": 2, "report-report": ""})
    assert response.status_code == 422 and "行动报告" in response.content.decode()
    response = client.post(f"/joint-operations/{pk}/actions/report/", {"version": 2, "report-report": "行动已完成"})
    assert response.status_code == 302
    assert "行动已完成" in client.get(f"/joint-operations/{pk}/").content.decode()
    assert "页面发起的行动" in demo.client("ns_officer1").get("/joint-operations/").content.decode()
    assert "页面发起的行动" not in demo.client("ns_police").get("/joint-operations/").content.decode()
