"""The command view (指挥调度): a head sees every unit under their agency with each figure totalled over the unit's
own subtree, lights that turn red when something is late, links to the lists behind the numbers, nothing outside
their scope, and the same through the API."""
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from ipenforce.command.models import Assignment
from ipenforce.workbench.command import board

pytestmark = pytest.mark.django_db
CITY, FUTIAN, NANSHAN = "深圳市市场监督管理局", "深圳市市场监督管理局福田监管局", "深圳市市场监督管理局南山监管局"
HQB = "福田监管局华强北市场监管所"


def rows_by_name(demo, username, root=None, now=None):
    user = demo.user(username)
    return {row.unit.name: row for row in board(user, root or user.agency, now or timezone.now())}


@pytest.fixture
def hqb_case_over_threshold(demo, walker):
    """A 所's lead over the criminal threshold: its verification limit runs, the bureau's head must decide."""
    walker.register("trademark", username="hqb_officer", illegal_turnover="600000")
    return walker


def test_each_unit_totals_its_subtree_and_turns_red_when_late(demo, hqb_case_over_threshold):
    rows = rows_by_name(demo, "sz_head")
    assert [rows[name].depth for name in (CITY, FUTIAN, HQB)] == [0, 1, 2]
    for name in (CITY, FUTIAN, HQB):
        assert rows[name].tallies["open_cases"].total == 1
        assert rows[name].tallies["crime_alerts"].total == 1 and rows[name].tallies["crime_alerts"].light == "yellow"
    assert rows[NANSHAN].tallies["open_cases"].total == 0 and rows[NANSHAN].tallies["open_cases"].light == "green"
    assert rows[FUTIAN].tallies["open_cases"].light == "green"  # the verification limit is weeks away

    later = timezone.now() + timedelta(days=60)
    with time_machine.travel(later, tick=False):
        late = rows_by_name(demo, "sz_head", now=later)
    assert late[FUTIAN].tallies["open_cases"].late == 1 and late[FUTIAN].tallies["open_cases"].light == "red"
    assert late[CITY].tallies["work"].late >= 1 and late[CITY].tallies["work"].light == "red"
    assert late[NANSHAN].tallies["work"].light == "green"


def test_the_numbers_link_to_the_lists_behind_them(demo, hqb_case_over_threshold):
    futian = demo.agency(FUTIAN)
    head = demo.client("sz_head")
    page = head.get(reverse("workbench:command"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "指挥调度" in html and f'data-unit="{futian.pk}"' in html and 'data-light="yellow"' in html

    cases = head.get(reverse("cases:list"), {"within": futian.pk, "progress": "open"}).content.decode()
    assert "trademark 案" in cases
    nanshan = head.get(reverse("cases:list"), {"within": demo.agency(NANSHAN).pk, "progress": "open"})
    assert "trademark 案" not in nanshan.content.decode()

    alerts = head.get(reverse("workbench:unit_work", args=[futian.pk]), {"figure": "crime_alerts"})
    assert alerts.status_code == 200 and "涉嫌犯罪" in alerts.content.decode()
    assert head.get(reverse("workbench:unit_work", args=[futian.pk]), {"figure": "nonsense"}).status_code == 404

    drill = head.get(reverse("workbench:command"), {"unit": futian.pk}).content.decode()
    assert CITY in drill and f'data-unit="{demo.agency(NANSHAN).pk}"' not in drill  # breadcrumb up, 南山 gone


def test_overdue_filter_lists_only_cases_with_a_time_limit_past(demo, hqb_case_over_threshold):
    api = demo.api("sz_head")
    futian = demo.agency(FUTIAN).pk
    assert api.get("/api/v1/cases", within=futian, progress="overdue").json()["count"] == 0
    with time_machine.travel(timezone.now() + timedelta(days=60), tick=False):
        assert api.get("/api/v1/cases", within=futian, progress="overdue").json()["count"] == 1
    bad = api.get("/api/v1/cases", progress="late")
    assert bad.status_code == 422


def test_nobody_sees_units_outside_their_scope(demo, hqb_case_over_threshold):
    nanshan = demo.agency(NANSHAN)
    ft_head = demo.client("ft_head")
    assert ft_head.get(reverse("workbench:command"), {"unit": nanshan.pk}).status_code == 404
    assert ft_head.get(reverse("workbench:command"), {"unit": "x"}).status_code == 404
    assert ft_head.get(reverse("workbench:unit_work", args=[nanshan.pk])).status_code == 404
    assert set(rows_by_name(demo, "ft_head")) == {FUTIAN, HQB, "福田监管局沙头市场监管所"}

    officer = demo.client("ft_officer1")
    assert officer.get(reverse("workbench:command")).status_code == 404
    assert "指挥调度" not in officer.get(reverse("workbench:home")).content.decode()

    refused = demo.api("ft_officer1").get("/api/v1/command")
    assert refused.status_code == 403 and refused.json()["code"] == "not_commander"
    missing = demo.api("ft_head").get("/api/v1/command", unit=nanshan.pk)
    assert missing.status_code == 404 and missing.json()["code"] == "unit_not_found"
    assert demo.api("ft_head").get(f"/api/v1/command/units/{nanshan.pk}/work-items").status_code == 404


def test_the_api_gives_the_same_board(demo, hqb_case_over_threshold):
    body = demo.api("sz_supervisor").get("/api/v1/command").json()
    assert body["name"] == CITY and [f["key"] for f in body["figures"]] == ["open_cases", "work", "crime_alerts",
                                                                          "supervised_cases", "assignments",
                                                                          "assistance", "campaign_reports"]
    futian = next(row for row in body["rows"] if row["name"] == FUTIAN)
    assert futian["figures"]["crime_alerts"] == {
        "total": 1, "attention": 1, "late": 0, "light": "yellow",
        "url": f"/command/units/{futian['unit_id']}/work/?figure=crime_alerts",
        "late_url": f"/command/units/{futian['unit_id']}/work/?figure=crime_alerts&due=overdue"}
    items = demo.api("sz_supervisor").get(f"/api/v1/command/units/{futian['unit_id']}/work-items",
                                          figure="crime_alerts").json()
    assert [item["kind"] for item in items["items"]] == ["case.crime_alert"]


def test_campaign_reports_late_per_unit(demo):
    """One aggregate query counts each unit's campaign reports; 南山 has not sent its week-1 report by its due day."""
    from datetime import date

    from ipenforce.campaigns.models import UnitReport
    from tests.campaigns.test_walk import at, create_campaign

    with at(date(2026, 3, 9), 9):
        cid = create_campaign(demo)["id"]
        demo.api("sz_head").post(f"/api/v1/campaigns/plans/{cid}/open-reports")
        report = UnitReport.objects.get(agency=demo.agency(FUTIAN), period_start=date(2026, 3, 2))
        api = demo.api("ft_officer1")
        version = api.patch(f"/api/v1/campaigns/reports/{report.pk}", {"version": 1, "text": "本周"}).json()["version"]
        api.post(f"/api/v1/campaigns/reports/{report.pk}/actions/submit", {"version": version})
    with at(date(2026, 3, 10)):
        rows = rows_by_name(demo, "sz_head", now=timezone.now())
        nanshan, futian, city = (rows[n].tallies["campaign_reports"] for n in (NANSHAN, FUTIAN, CITY))
        assert (futian.total, futian.late, futian.light) == (2, 0, "green")
        assert (nanshan.total, nanshan.late, nanshan.light) == (2, 1, "red")
        assert (city.total, city.late) == (4, 1)
        assert rows[HQB].tallies["campaign_reports"].total == 0
        assert set(rows_by_name(demo, "ft_head", now=timezone.now())) == {FUTIAN, HQB, "福田监管局沙头市场监管所"}
        body = demo.api("sz_head").get("/api/v1/command").json()
        late_url = next(r for r in body["rows"] if r["name"] == NANSHAN)["figures"]["campaign_reports"]["late_url"]
        page = demo.client("sz_head").get(late_url).content.decode()
        assert NANSHAN in page and FUTIAN not in page.split('data-testid="report-table"')[1]
    with at(date(2026, 3, 14)):  # 南山's week-2 report falls due on the 16th: within the due-soon window
        rows = rows_by_name(demo, "sz_head", now=timezone.now())
        assert rows[NANSHAN].tallies["campaign_reports"].attention == 1
def test_supervised_cases_figure_turns_red_when_a_report_is_late(demo, walker):
    walker.register("trademark", title="督办指挥案件")
    created = demo.api("sz_supervisor").post("/api/v1/supervision/cases", {
        "case_id": walker.case["id"], "instructions": "限期查办", "interval_days": 7,
        "deadline": str(timezone.localdate() + timedelta(days=60))})
    assert created.status_code == 201
    rows = rows_by_name(demo, "sz_head")
    assert rows[FUTIAN].tallies["supervised_cases"].total == 1
    assert rows[FUTIAN].tallies["supervised_cases"].light == "green"
    assert rows[CITY].tallies["supervised_cases"].total == 1 and rows[NANSHAN].tallies["supervised_cases"].total == 0
    later = timezone.now() + timedelta(days=10)
    with time_machine.travel(later, tick=False):
        late = rows_by_name(demo, "sz_head", now=later)
        assert late[FUTIAN].tallies["supervised_cases"].late == 1
        assert late[FUTIAN].tallies["supervised_cases"].light == "red"
        link = late[FUTIAN].cells()[[f.key for f, *_ in late[FUTIAN].cells()].index("supervised_cases")][3]
        page = demo.client("sz_head").get(link)
        assert page.status_code == 200 and "红色预警" in page.content.decode()
        assert f'/supervision/cases/{created.json()["id"]}/' in page.content.decode()
    assert rows_by_name(demo, "ns_head")[NANSHAN].tallies["supervised_cases"].total == 0


def _received_assignment(demo, days):
    api = demo.api("ft_officer1")
    drafted = api.post("/api/v1/assignments", {"receiver_ids": [demo.agency(HQB).pk], "kind": "task",
                                               "title": "交办核查", "instructions": "请核查",
                                               "reply_within_days": days}).json()[0]
    version = api.post(f"/api/v1/assignments/{drafted['id']}/actions/issue", {"version": drafted["version"]}).json()
    approved = demo.api("ft_head").post(f"/api/v1/assignments/{drafted['id']}/actions/approve",
                                        {"version": version["version"]}).json()
    demo.api("hqb_officer").post(f"/api/v1/assignments/{drafted['id']}/actions/receive",
                                 {"version": approved["version"]})
    return drafted["id"]


def _received_assistance(demo):
    sent = demo.api("ft_officer1").post("/api/v1/assistance-requests", {
        "assisted_id": demo.agency(NANSHAN).pk, "matters": ["verify_address"], "details": "请核查地址"}).json()
    demo.api("ns_officer1").post(f"/api/v1/assistance-requests/{sent['id']}/actions/receive",
                                 {"version": sent["version"]})
    return sent["id"]


def test_open_assignments_and_assistance_requests_per_unit(demo):
    before = rows_by_name(demo, "sz_head")
    assignment = _received_assignment(demo, 20)
    assistance = _received_assistance(demo)
    rows = rows_by_name(demo, "sz_head")
    for name in (CITY, FUTIAN, HQB):
        assert rows[name].tallies["assignments"].total == before[name].tallies["assignments"].total + 1
    assert rows[HQB].tallies["assignments"].light == "green"  # twenty working days to go
    assert rows[NANSHAN].tallies["assistance"].total == before[NANSHAN].tallies["assistance"].total + 1
    assert rows[NANSHAN].tallies["assistance"].light == "green"  # fifteen working days to go
    assert rows[FUTIAN].tallies["assistance"].total == before[FUTIAN].tallies["assistance"].total

    due = Assignment.objects.get(pk=assignment).due_on
    eve = timezone.make_aware(datetime.combine(due - timedelta(days=1), time(9)))
    with time_machine.travel(eve, tick=False):
        assert rows_by_name(demo, "sz_head", now=eve)[HQB].tallies["assignments"].light == "yellow"
    later = timezone.now() + timedelta(days=60)
    with time_machine.travel(later, tick=False):
        late = rows_by_name(demo, "sz_head", now=later)
        assert late[HQB].tallies["assignments"].light == "red" and late[FUTIAN].tallies["assignments"].late == 1
        assert late[NANSHAN].tallies["assistance"].light == "red" and late[CITY].tallies["assistance"].late == 1
        head = demo.client("sz_head")
        body = demo.api("sz_head").get("/api/v1/command").json()
        hqb = next(row for row in body["rows"] if row["name"] == HQB)["figures"]["assignments"]
        listed = head.get(hqb["late_url"]).content.decode()
        assert f"/assignments/{assignment}/" in listed
        nanshan = next(row for row in body["rows"] if row["name"] == NANSHAN)["figures"]["assistance"]
        assert f"/assistance-requests/{assistance}/" in head.get(nanshan["late_url"]).content.decode()
        assert f"/assistance-requests/{assistance}/" not in head.get(
            next(row for row in body["rows"] if row["name"] == FUTIAN)["figures"]["assistance"]["url"]
        ).content.decode()
    # a district head sees only their own units' figures
    assert NANSHAN not in rows_by_name(demo, "ft_head")
