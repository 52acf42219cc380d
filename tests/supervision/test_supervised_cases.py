"""Case supervision (挂牌督办) walked through the API: the report calendar as work items, a late report turning the
light red on the supervisor's desk, the weekly table, and 销号 once the case is closed and the supervisor accepts."""
from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from ipenforce.cases.models import Case
from ipenforce.core.models import WorkItem
from ipenforce.orgs.selectors import work_queue
from ipenforce.supervision.models import SupervisedCase
from ipenforce.workflow.models import Deadline, DeadlineStatus

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def open_supervision(demo, walker, interval=7, days=60, username="sz_supervisor"):
    walker.register("trademark", title="督办测试案件")
    walker.to_investigation()
    response = demo.api(username).post("/api/v1/supervision/cases", {
        "case_id": walker.case["id"], "instructions": "限期查清货源", "interval_days": interval,
        "deadline": str(_today() + timedelta(days=days))})
    assert response.status_code == 201, response.json()
    return response.json()


def act(demo, username, item, action, expect=200, **data):
    response = demo.api(username).post(f"/api/v1/supervision/cases/{item['id']}/actions/{action}",
                                       {"version": item["version"], **data})
    assert response.status_code == expect, response.json()
    return response.json() if expect == 200 else item


def test_a_late_report_turns_red_and_the_case_is_closed_after_acceptance(demo, walker):
    base = _today()
    item = open_supervision(demo, walker)
    assert item["state"] == "supervising" and item["light"] == "green"
    assert item["next_report_due"] == str(_today() + timedelta(days=7))
    report = [d for d in item["deadlines"] if d["rule"] == "supervision.progress_report"][0]
    assert report["due_on"] == item["next_report_due"] and report["verified"] is False
    # The report date is a work item of the handling bureau's officers, due on that date.
    officer = demo.user("ft_officer1")
    due = work_queue(officer).get(kind="deadline:supervision.progress_report")
    assert timezone.localdate(due.due_at) == _today() + timedelta(days=7)
    assert not work_queue(demo.user("ns_officer1")).filter(kind="deadline:supervision.progress_report").exists()

    # Five days on it is due soon (yellow); ten days on it is late (red) on the supervisor's desk.
    with time_machine.travel(timezone.now() + timedelta(days=5), tick=False):
        assert demo.api("sz_supervisor").get(f"/api/v1/supervision/cases/{item['id']}").json()["light"] == "yellow"
    with time_machine.travel(timezone.now() + timedelta(days=10), tick=False):
        listed = demo.api("sz_supervisor").get("/api/v1/supervision/cases").json()["items"]
        assert [row["light"] for row in listed if row["id"] == item["id"]] == ["red"]
        page = demo.client("sz_supervisor").get("/supervision/cases/")
        assert "红色预警" in page.content.decode()
        item = act(demo, "ft_officer1", item, "report", progress="已查明货源", stage="administrative",
                   publicised=True, sites_closed="2")
        assert item["late_reports"] == 1 and item["light"] == "yellow"  # filed late: no longer red, still flagged
        assert item["next_report_due"] == str(base + timedelta(days=14))  # the calendar keeps its dates
        late = Deadline.objects.filter(supervised_case=item["id"], status=DeadlineStatus.LATE)
        assert late.count() == 1

    # 销号 needs the case closed first, then the supervisor's acceptance.
    act(demo, "ft_officer1", item, "request_close", expect=422, summary="已结案")
    Case.objects.filter(pk=walker.case["id"]).update(state="closed", closed_on=_today())
    act(demo, "sz_supervisor", item, "accept", expect=422)  # not yet asked for
    item = act(demo, "ft_officer1", item, "request_close", summary="已结案")
    assert item["state"] == "closing" and item["light"] == "yellow"
    assert work_queue(demo.user("sz_supervisor")).filter(kind="supervised_case.accept").exists()
    act(demo, "ft_officer1", item, "accept", expect=403)  # the handling bureau cannot close its own supervision
    item = act(demo, "sz_supervisor", item, "accept", comment="同意销号")
    assert item["state"] == "closed" and item["light"] == ""
    assert not WorkItem.objects.filter(state=WorkItem.OPEN, target_id=str(item["id"]),
                                       kind__startswith="supervised_case").exists()


def test_only_a_superior_may_supervise_and_other_districts_see_nothing(demo, walker):
    walker.register("trademark", title="督办范围案件")
    body = {"case_id": walker.case["id"], "instructions": "督办", "interval_days": 7,
            "deadline": str(_today() + timedelta(days=30))}
    assert demo.api("ft_head").post("/api/v1/supervision/cases", body).status_code == 403  # its own bureau
    assert demo.api("ns_head").post("/api/v1/supervision/cases", body).status_code == 404  # cannot see the case
    assert demo.api("sz_supervisor").post("/api/v1/supervision/cases",
                                          {**body, "deadline": str(_today())}).status_code == 422
    created = demo.api("sz_head").post("/api/v1/supervision/cases", body)
    assert created.status_code == 201
    assert demo.api("sz_supervisor").post("/api/v1/supervision/cases", body).json()["code"] == "already_supervised"
    pk = created.json()["id"]
    assert demo.api("ns_officer1").get(f"/api/v1/supervision/cases/{pk}").status_code == 404
    assert demo.api("ns_officer1").get("/api/v1/supervision/cases").json()["count"] == 0
    assert demo.api("ft_police").get("/api/v1/supervision/cases").json()["count"] == 0
    assert demo.api("ft_officer1").get("/api/v1/supervision/cases").json()["count"] == 1
    item = created.json()
    act(demo, "ns_officer1", item, "report", expect=404, progress="x", stage="administrative")


def test_the_weekly_table_counts_the_a37_fields(demo, walker):
    item = open_supervision(demo, walker)
    act(demo, "ft_officer1", item, "report", progress="移送公安", stage="police", publicised=True, sites_closed="3")
    response = demo.api("sz_supervisor").get("/api/v1/supervision/cases/weekly.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:8] == ("新增重点督办案件", "取得新进展", "行政处理阶段", "公安侦办阶段", "已开庭", "已办结",
                           "已宣传报道", "关闭网站（网店）")
    assert rows[2][:8] == (1, 1, 0, 1, 0, 0, 1, 3)
    assert rows[5][1] == "督办测试案件" and rows[5][6] == "公安侦办阶段"
    other = demo.api("ns_head").get("/api/v1/supervision/cases/weekly.xlsx")
    assert list(load_workbook(BytesIO(other.content)).active.iter_rows(values_only=True))[2][:2] == (0, 0)
    assert SupervisedCase.objects.count() == 1
    # The report's figures read as words on the page's timeline, never as the stored keys.
    page = demo.client("sz_supervisor").get(f"/supervision/cases/{item['id']}/").content.decode()
    assert "所处阶段：公安侦办阶段" in page and "关闭网站（网店）数：3" in page
    assert "已宣传报道：是" in page and ">police<" not in page and "police</div>" not in page
    word = demo.api("sz_supervisor").get("/api/v1/supervision/cases/weekly.docx")
    tables = Document(BytesIO(word.content)).tables
    assert [c.text for c in tables[0].rows[1].cells] == ["1", "1", "0", "1", "0", "0", "1", "3"]
    assert tables[1].rows[1].cells[1].text == "督办测试案件"
    assert demo.client("ft_officer1").get("/supervision/cases/weekly.docx").status_code == 200
