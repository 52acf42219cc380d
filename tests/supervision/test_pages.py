"""The supervision pages walked as their users: a supervisor puts a case under supervision from the desk, the
officer reports through the page form, a supervisor issues an order and the lower head explains; the demo seeds
something for the city's supervisor and for 福田 to see."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ipenforce.cases.demo import seed_demo_cases
from ipenforce.supervision.demo import seed_demo_supervision
from ipenforce.supervision.models import SupervisedCase, SupervisionOrder

pytestmark = pytest.mark.django_db
FUTIAN = "深圳市市场监督管理局福田监管局"


def test_supervise_and_report_through_the_pages(demo, walker):
    walker.register("trademark", title="页面督办案件")
    walker.to_investigation()
    supervisor = demo.client("sz_supervisor")
    bad = supervisor.post("/supervision/cases/", {"case_id": walker.case["id"], "instructions": "督办",
                                                  "interval_days": 7, "deadline": str(timezone.localdate())})
    assert bad.status_code == 422 and "督办期限：应晚于今天" in bad.content.decode()
    unknown = supervisor.post("/supervision/cases/", {"case_id": "深福市监罚〔1999〕1号", "instructions": "督办",
                                                      "interval_days": 7,
                                                      "deadline": str(timezone.localdate() + timedelta(days=30))})
    assert unknown.status_code == 422 and "案件不存在或您无权查看" in unknown.content.decode()
    number = walker.case["number"]
    assert number  # the supervisor names the case by its number, as people do
    made = supervisor.post("/supervision/cases/", {"case_id": number, "instructions": "督办",
                                                   "interval_days": 7,
                                                   "deadline": str(timezone.localdate() + timedelta(days=30))})
    item = SupervisedCase.objects.get()
    assert made.status_code == 302 and made.url == f"/supervision/cases/{item.pk}/"
    officer = demo.client("ft_officer1")
    page = officer.get(made.url).content.decode()
    assert "报送督办进展" in page and "红色预警：" in page  # the form and the legend
    missing = officer.post(f"/supervision/cases/{item.pk}/actions/report/", {"version": item.version})
    assert missing.status_code == 422 and "这个字段是必填项" in missing.content.decode()
    done = officer.post(f"/supervision/cases/{item.pk}/actions/report/", {
        "version": item.version, "report-progress": "已查封仓库", "report-stage": "administrative"})
    assert done.status_code == 302
    assert "已查封仓库" in officer.get(made.url).content.decode()
    assert "挂牌督办下级单位的案件" not in officer.get("/supervision/cases/").content.decode()


def test_issue_and_explain_through_the_pages(demo):
    supervisor = demo.client("sz_supervisor")
    futian = demo.agency(FUTIAN)
    made = supervisor.post("/supervision/orders/", {"target": futian.pk, "matter": "页面监督事项"})
    order = SupervisionOrder.objects.get()
    assert made.status_code == 302 and order.state == "noticed"
    head = demo.client("ft_head")
    assert "说明情况" in head.get(made.url).content.decode()
    head.post(f"/supervision/orders/{order.pk}/actions/explain/", {"version": order.version,
                                                                   "explain-explanation": "已核查"})
    order.refresh_from_db()
    assert order.state == "explained" and order.explanation == "已核查"
    notice = head.get(f"/supervision/orders/{order.pk}/documents/notice/")
    assert notice.status_code == 200 and notice["Content-Type"].endswith("wordprocessingml.document")


def test_the_demo_gives_the_supervisor_and_futian_something_to_see(demo):
    seed_demo_cases()
    assert seed_demo_supervision() >= 2
    assert seed_demo_supervision() == 0  # once
    for username in ("sz_supervisor", "sz_head", "ft_officer1", "ft_head"):
        assert demo.api(username).get("/api/v1/supervision/cases").json()["count"] == 1, username
        assert demo.api(username).get("/api/v1/supervision/orders").json()["count"] == 1, username
    assert demo.api("ns_head").get("/api/v1/supervision/cases").json()["count"] == 0


def test_forged_form_values_are_refused_not_errors(demo, walker):
    walker.register("trademark", title="伪造表单")
    walker.to_investigation()
    demo.api("sz_supervisor").post("/api/v1/supervision/cases", {
        "case_id": walker.case["id"], "instructions": "督办", "interval_days": 7,
        "deadline": str(timezone.localdate() + timedelta(days=30))})
    item = SupervisedCase.objects.get()
    officer = demo.client("ft_officer1")
    stale = officer.post(f"/supervision/cases/{item.pk}/actions/report/", {
        "version": "abc", "report-progress": "x", "report-stage": "administrative"})
    assert stale.status_code == 409
    assert officer.post("/supervision/cases/", {"case_id": "x"}).status_code in (404, 422)
    assert demo.client("sz_supervisor").get("/supervision/cases/", {"within": "x", "light": "blue"}).status_code == 200
