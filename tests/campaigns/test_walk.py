"""A campaign's weekly report on hand-made data with known figures: created by the city's head, cases tagged by
the districts, each unit's report pre-filled with its subtree's figures, submitted, sent back, approved by the
unit's head, a late report flagged, and the campaign report (.docx text, .xlsx cells) in the letter's style."""
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook

from ipenforce.campaigns.models import CampaignTag, UnitReport
from ipenforce.cases.choices import Outcome, Procedure, State
from ipenforce.cases.models import Case
from ipenforce.linkage.models import Transfer
from ipenforce.orgs.selectors import work_queue
from tests.conftest import CITY, FUTIAN, NANSHAN

pytestmark = pytest.mark.django_db
HQB = "福田监管局华强北市场监管所"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False)


def case(demo, agency, ip_type, filed, **extra):
    return Case.objects.create(agency=demo.agency(agency), source="inspection", ip_type=ip_type, description="d",
                               discovered_on=filed - timedelta(days=1), procedure=Procedure.ORDINARY,
                               filed_on=filed, created_by=demo.user("ft_officer1"),
                               **{"title": "t", "state": State.INVESTIGATING, **extra})


PLAN = {
    "name": "2026护航", "description": "专利执法“护航”专项行动", "starts_on": "2026-03-02", "ends_on": "2026-03-29",
    "cadence": "weekly", "report_weekday": 0,
    "stages": [{"stage": "deploy", "starts_on": "2026-03-02", "ends_on": "2026-03-04"},
               {"stage": "implement", "starts_on": "2026-03-05", "ends_on": "2026-03-22"},
               {"stage": "inspect", "starts_on": "2026-03-23", "ends_on": "2026-03-26"},
               {"stage": "summary", "starts_on": "2026-03-27", "ends_on": "2026-03-29"}],
}


def create_campaign(demo, api=None):
    api = api or demo.api("sz_head")
    plan = {**PLAN, "units": [{"agency_id": demo.agency(FUTIAN).pk, "target_cases": 10, "tasks": "华强北商圈专利"},
                              {"agency_id": demo.agency(NANSHAN).pk, "target_cases": 8}]}
    response = api.post("/api/v1/campaigns/plans", plan)
    assert response.status_code == 201, response.json()
    return response.json()


def tag(api, campaign_id, case_id):
    return api.post(f"/api/v1/campaigns/plans/{campaign_id}/tags", {"content_type": "cases.case", "object_id": case_id})


def known_cases(demo):
    """福田: 3 tagged cases filed in week 1 (2 patent), one closed with 12,345.67 yuan, one transferred; one
    untagged; 华强北所 (under 福田): 1 tagged copyright case; 南山: 1 tagged case; one tagged 福田 case filed in
    week 2."""
    ft1 = case(demo, FUTIAN, "patent", date(2026, 3, 3), outcome=Outcome.PENALTY, fine=Decimal("10000"),
               confiscation=Decimal("2345.67"), decided_on=date(2026, 3, 5), closed_on=date(2026, 3, 6),
               state=State.CLOSED)
    ft2 = case(demo, FUTIAN, "patent", date(2026, 3, 3))
    ft3 = case(demo, FUTIAN, "trademark", date(2026, 3, 4))
    Transfer.objects.create(case=ft3, bureau=ft3.agency, state="sent", report="r", created_by=demo.user("ft_head"),
                            sent_at=datetime(2026, 3, 6, 9, tzinfo=SHANGHAI))
    untagged = case(demo, FUTIAN, "patent", date(2026, 3, 4))
    hqb = case(demo, HQB, "copyright", date(2026, 3, 5))
    ns = case(demo, NANSHAN, "patent", date(2026, 3, 3))
    later = case(demo, FUTIAN, "trademark", date(2026, 3, 10))
    return {"ft": [ft1, ft2, ft3, later], "untagged": untagged, "hqb": hqb, "ns": ns}


def report_of(demo, campaign_id, agency, start):
    return UnitReport.objects.get(campaign_id=campaign_id, agency=demo.agency(agency), period_start=start)


def figures(body):
    return {f["key"]: f["value"] for f in body["figures"]}


def test_weekly_report_walk_with_known_figures(demo):
    cases = known_cases(demo)
    week1, week2 = date(2026, 3, 2), date(2026, 3, 9)
    with at(date(2026, 3, 9), 9):
        campaign = create_campaign(demo)
        cid = campaign["id"]
        assert [s["stage"] for s in campaign["stages"]] == ["deploy", "implement", "inspect", "summary"]
        assert campaign["current_stage"] == "implement"
        opened = demo.api("sz_head").post(f"/api/v1/campaigns/plans/{cid}/open-reports").json()
        # Periods begun by 9 March: 2–8 March (due Monday 9th) and 9–15 March (due the 16th), for both units.
        assert sorted((r["agency"], r["period_start"], r["due_on"]) for r in opened) == sorted([
            (FUTIAN, "2026-03-02", "2026-03-09"), (FUTIAN, "2026-03-09", "2026-03-16"),
            (NANSHAN, "2026-03-02", "2026-03-09"), (NANSHAN, "2026-03-09", "2026-03-16")])
        assert demo.api("sz_head").post(f"/api/v1/campaigns/plans/{cid}/open-reports").json() == []  # idempotent

        ft, ns = demo.api("ft_officer1"), demo.api("ns_officer1")
        for c in cases["ft"]:
            assert tag(ft, cid, c.pk).status_code == 201
        assert tag(ft, cid, cases["hqb"].pk).status_code == 201  # 华强北所 is under 福田
        assert tag(ft, cid, cases["ns"].pk).status_code == 403  # not 福田's
        assert tag(ns, cid, cases["ns"].pk).status_code == 201
        for content_type in ("orgs.user", "linkage.transfer", "campaigns.unitreport", "nonsense"):
            refused = ft.post(f"/api/v1/campaigns/plans/{cid}/tags", {"content_type": content_type, "object_id": 1})
            assert refused.status_code == 422 and refused.json()["code"] == "not_taggable", content_type

        report = report_of(demo, cid, FUTIAN, week1)
        items = {w.kind: w for w in work_queue(demo.user("ft_officer1")) if w.target_id == str(report.pk)}
        assert items["deadline:campaign.weekly_report"].due_at.astimezone(SHANGHAI).date() == date(2026, 3, 9)

        url = f"/api/v1/campaigns/reports/{report.pk}"
        # Tagging refreshed the open report's figures; taking a tag off does too.
        assert figures(ft.get(url).json())["filed"] == 4
        hqb_tag = CampaignTag.objects.get(object_id=cases["hqb"].pk)
        assert demo.api("ns_officer1").delete(f"/api/v1/campaigns/plans/{cid}/tags/{hqb_tag.pk}").status_code == 403
        assert ft.delete(f"/api/v1/campaigns/plans/{cid}/tags/{hqb_tag.pk}").status_code == 204
        assert figures(ft.get(url).json())["filed"] == 3
        assert tag(ft, cid, cases["hqb"].pk).status_code == 201
        assert tag(ft, cid, cases["hqb"].pk).status_code == 201  # tagging twice is one tag
        assert CampaignTag.objects.filter(object_id=cases["hqb"].pk).count() == 1
        body = ft.patch(url, {"version": report.version, "text": "本周开展华强北商圈专利执法检查",
                              "typical_cases": "某公司假冒专利案", "goods_seized": "5000", "shops_closed": 3}).json()
        # 3 福田 cases + 1 华强北所 case filed 2–8 March; the untagged and the 南山 one are not counted.
        assert figures(body) == {"filed": 4, "patent": 2, "closed": 1, "transferred": 1, "fines": "12345.67",
                                 "goods_seized": "5000.00", "shops_closed": 3}
        assert {f["key"] for f in body["figures"] if f["entered"]} == {"goods_seized", "shops_closed"}

        assert demo.api("ns_head").get(url).status_code == 404  # another district's report
        assert demo.api("ns_officer1").get(url).status_code == 404
        assert ft.post(f"{url}/actions/approve", {"version": body["version"]}).status_code == 403

        body = ft.post(f"{url}/actions/submit", {"version": body["version"]}).json()
        assert (body["state"], body["late"]) == ("submitted", False)
        head_items = [w.kind for w in work_queue(demo.user("ft_head")) if w.target_id == str(report.pk)]
        assert head_items == ["campaign_report.review"]
        inbox = demo.api("ft_head").get("/api/v1/notifications").json()["items"]  # reached the head's inbox
        assert [n["url"] for n in inbox if "审核专项行动报告" in n["title"]] == [f"/campaigns/reports/{report.pk}/"]
        refused = demo.api("ft_head").post(f"{url}/actions/return_report", {"version": body["version"]})
        assert refused.status_code == 422 and refused.json()["field"] == "reason"
        body = demo.api("ft_head").post(f"{url}/actions/return_report",
                                        {"version": body["version"], "reason": "请补充典型案例案值"}).json()
        assert body["state"] == "returned"
        body = ft.patch(url, {"version": body["version"], "typical_cases": "某公司假冒专利案，案值12万元"}).json()
        body = ft.post(f"{url}/actions/submit", {"version": body["version"]}).json()
        body = demo.api("ft_head").post(f"{url}/actions/approve", {"version": body["version"]}).json()
        assert body["state"] == "approved" and body["late"] is False
        assert [s["action"] for s in body["steps"]] == ["open_weekly", "submit", "return_report", "submit", "approve"]
        assert not [w for w in work_queue(demo.user("ft_head")) if w.target_id == str(report.pk)]

    with at(date(2026, 3, 10)):
        # 南山 has not reported on week 1: late, on the list and (late = no data) in the campaign report.
        late = demo.api("sz_head").get("/api/v1/campaigns/reports", campaign=cid, late="true").json()
        assert [(r["agency"], r["period_start"]) for r in late["items"]] == [(NANSHAN, "2026-03-02")]
        summary = demo.api("sz_head").post(f"/api/v1/campaigns/plans/{cid}/summaries",
                                           {"start": "2026-03-02", "end": "2026-03-08"})
        assert summary.status_code == 201, summary.json()
        summary = summary.json()
        text = ("2026护航专项行动：2026年03月02日至2026年03月08日，共查处知识产权案件4件，去年同期为0，"
                "其中专利案件2件；结案1件，移送公安机关1件，罚没款1.23万元；各单位填报查扣物品货值0.50万元，关闭网店3家。")
        assert summary["text"] == text
        assert summary["figures"]["late"] == [NANSHAN]
        docx = demo.client("sz_head").get(summary["docx"])
        document = Document(BytesIO(docx.content))
        paragraphs = [p.text for p in document.paragraphs]
        assert "2026护航专项行动工作情况汇总" in paragraphs and text in paragraphs
        assert f"逾期未报：{NANSHAN}（视同没有执法数据）。" in paragraphs
        assert any(f"{FUTIAN}：某公司假冒专利案，案值12万元" in p for p in paragraphs)  # its typical case
        assert [c.text for c in document.tables[0].rows[1].cells] == [
            FUTIAN, "03-02至03-08", "4", "2", "1", "1", "12345.67", "5000.00", "3"]
        assert [c.text for c in document.tables[0].rows[-1].cells] == [
            "合计", "2026-03-02至2026-03-08", "4", "2", "1", "1", "12345.67", "5000.00", "3"]
        sheet = load_workbook(BytesIO(demo.client("sz_head").get(summary["xlsx"]).content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[1] == (FUTIAN, "03-02至03-08", 4, 2, 1, 1, "12345.67", "5000.00", 3)
        assert rows[2] == ("合计", "2026-03-02至2026-03-08", 4, 2, 1, 1, "12345.67", "5000.00", 3)
        assert rows[3][0] == text
        # Only the lead agency aggregates; a district cannot download the city's report of another district.
        assert demo.api("ft_head").post(f"/api/v1/campaigns/plans/{cid}/summaries",
                                        {"start": "2026-03-02", "end": "2026-03-08"}).status_code == 403

        # 南山 reports a day late: flagged for good.
        ns_report = report_of(demo, cid, NANSHAN, week1)
        url = f"/api/v1/campaigns/reports/{ns_report.pk}"
        body = demo.api("ns_officer1").patch(url, {"version": ns_report.version, "text": "南山本周情况"}).json()
        assert figures(body)["filed"] == 1 and figures(body)["patent"] == 1
        body = demo.api("ns_officer1").post(f"{url}/actions/submit", {"version": body["version"]}).json()
        assert body["late"] is True
        assert [d["status"] for d in body["deadlines"]] == ["late"]

    with at(date(2026, 3, 17)):
        week2_report = report_of(demo, cid, FUTIAN, week2)
        body = demo.api("ft_officer1").get(f"/api/v1/campaigns/reports/{week2_report.pk}").json()
        assert body["late"] is True and [d["status"] for d in body["deadlines"]] == ["overdue"]


def test_pages_walk_a_report(demo):
    known_cases(demo)
    with at(date(2026, 3, 9), 9):
        campaign = create_campaign(demo)
        demo.api("sz_head").post(f"/api/v1/campaigns/plans/{campaign['id']}/open-reports")
        report = report_of(demo, campaign["id"], FUTIAN, date(2026, 3, 2))
        officer = demo.client("ft_officer1")
        page = officer.get(f"/campaigns/{campaign['id']}/")
        assert page.status_code == 200 and "2026护航" in page.content.decode()
        refused = officer.post(f"/campaigns/reports/{report.pk}/actions/submit/", {"version": report.version})
        assert refused.status_code == 422 and "请先填写工作情况" in refused.content.decode()
        officer.post(f"/campaigns/reports/{report.pk}/edit/", {"version": report.version, "text": "本周情况",
                                                               "shops_closed": "2"})
        report.refresh_from_db()
        assert report.text == "本周情况" and report.shops_closed == 2
        response = officer.post(f"/campaigns/reports/{report.pk}/actions/submit/", {"version": report.version})
        assert response.status_code == 302
        head = demo.client("ft_head")
        page = head.get(f"/campaigns/reports/{report.pk}/").content.decode()
        assert "已报送（待负责人审核）" in page and "单位填报" in page and "审核通过" in page
        report.refresh_from_db()
        head.post(f"/campaigns/reports/{report.pk}/actions/approve/", {"version": report.version})
        report.refresh_from_db()
        assert report.state == "approved"
        listing = demo.client("sz_head").get("/campaigns/reports/", {"late": "0"}).content.decode()
        assert FUTIAN in listing and NANSHAN in listing
        assert NANSHAN not in demo.client("ft_head").get("/campaigns/reports/").content.decode()
        lead = demo.client("sz_head")
        bad = lead.post(f"/campaigns/{campaign['id']}/summaries/", {"start": "2026-03-08", "end": "2026-03-02"})
        assert bad.status_code == 422 and "结束日期不能早于开始日期" in bad.content.decode()
        made = lead.post(f"/campaigns/{campaign['id']}/summaries/", {"start": "2026-03-02", "end": "2026-03-08"})
        assert made.status_code == 302
        page = lead.get(f"/campaigns/{campaign['id']}/").content.decode()
        assert "共查处知识产权案件0件" in page and "关闭网店2家" in page and ".docx" in page  # nothing tagged here
        assert demo.client("ft_head").post(f"/campaigns/{campaign['id']}/summaries/", {
            "start": "2026-03-02", "end": "2026-03-08"}).status_code == 422  # not the lead agency


def test_a_monthly_calendar_on_another_day_sets_the_due_day_on_the_engine(demo):
    with at(date(2026, 4, 2)):
        plan = {**PLAN, "name": "2026铁拳", "cadence": "monthly", "report_day": 10, "starts_on": "2026-03-16",
                "ends_on": "2026-05-31", "stages": [], "units": [{"agency_id": demo.agency(NANSHAN).pk}]}
        campaign = demo.api("sz_head").post("/api/v1/campaigns/plans", plan).json()
        opened = demo.api("sz_head").post(f"/api/v1/campaigns/plans/{campaign['id']}/open-reports").json()
        assert [(r["period_start"], r["period_end"], r["due_on"]) for r in opened] == [
            ("2026-03-16", "2026-03-31", "2026-04-10"), ("2026-04-01", "2026-04-30", "2026-05-10")]
        body = demo.api("ns_officer1").get(f"/api/v1/campaigns/reports/{opened[0]['id']}").json()
        # The rule's default (4 days after the month) gives way to the campaign's 10th.
        assert [(d["rule"], d["due_on"], d["status"]) for d in body["deadlines"]] == [
            ("campaign.monthly_report", "2026-04-10", "running")]
        items = [w for w in work_queue(demo.user("ns_officer1")) if w.target_id == str(opened[0]["id"])]
        assert [w.due_at.astimezone(SHANGHAI).date() for w in items] == [date(2026, 4, 10)]


def test_the_campaign_page_creates_a_campaign_and_tags_a_case(demo):
    head = demo.client("sz_head")
    assert head.get("/campaigns/new/").status_code == 200
    bad = head.post("/campaigns/new/", {"name": "2026雷霆", "starts_on": "2026-03-02", "ends_on": "2026-02-01",
                                        "cadence": "weekly", "report_weekday": "0", "report_day": "4",
                                        "units": [str(demo.agency(FUTIAN).pk)]})
    assert bad.status_code == 422 and "结束日期不能早于开始日期" in bad.content.decode()
    with at(date(2026, 3, 4)):
        response = head.post("/campaigns/new/", {
            "name": "2026雷霆", "starts_on": "2026-03-02", "ends_on": "2026-03-29", "cadence": "weekly",
            "report_weekday": "0", "report_day": "4", "units": [str(demo.agency(FUTIAN).pk)], "target_cases": "5",
            "deploy_start": "2026-03-02", "deploy_end": "2026-03-08"})
        assert response.status_code == 302
        campaign_id = int(response["Location"].rstrip("/").split("/")[-1])
        assert UnitReport.objects.filter(campaign_id=campaign_id).count() == 1  # the week begun
        lead = case(demo, FUTIAN, "patent", date(2026, 3, 3))
        outside = case(demo, NANSHAN, "patent", date(2026, 3, 3))
        officer = demo.client("ft_officer1")
        assert officer.post(f"/campaigns/{campaign_id}/tags/", {"case_id": f"案源 {lead.pk}"}).status_code == 302
        refused = officer.post(f"/campaigns/{campaign_id}/tags/", {"case_id": outside.pk})
        assert refused.status_code == 422 and "案件不存在或您无权查看" in refused.content.decode()
        assert CampaignTag.objects.filter(campaign_id=campaign_id).count() == 1
        page = head.get(f"/campaigns/{campaign_id}/").content.decode()
        assert "2026雷霆" in page and str(lead) in page


def test_only_the_lead_agencys_managers_create_and_the_plan_is_checked(demo):
    assert demo.api("ft_officer1").post("/api/v1/campaigns/plans", {**PLAN, "units": [
        {"agency_id": demo.agency(FUTIAN).pk}]}).status_code == 403
    bad = demo.api("sz_head").post("/api/v1/campaigns/plans", {**PLAN, "ends_on": "2026-02-01", "stages": [], "units": [
        {"agency_id": demo.agency(FUTIAN).pk}]})
    assert bad.status_code == 422 and bad.json()["field"] == "ends_on"
    police = demo.api("sz_head").post("/api/v1/campaigns/plans", {**PLAN, "units": [
        {"agency_id": demo.agency("深圳市公安局").pk}]})
    assert police.status_code == 422 and police.json()["code"] == "unknown_agency"
    create_campaign(demo)
    again = demo.api("sz_head").post("/api/v1/campaigns/plans",
                                     {**PLAN, "units": [{"agency_id": demo.agency(FUTIAN).pk}]})
    assert again.status_code == 409
    listed = demo.api("ns_officer1").get("/api/v1/campaigns/plans").json()
    assert listed["count"] == 1 and listed["items"][0]["lead_agency"] == CITY
    assert demo.api("sz_police").get("/api/v1/campaigns/plans").json() == {"count": 0, "items": []}
