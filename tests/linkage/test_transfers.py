"""Transfers: proposal to effective judgment; non-filing through reconsideration and supervision to filing;
reverse transfer; time limits; visibility."""
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ipenforce.cases.models import Case
from ipenforce.orgs.selectors import work_queue

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class TransferWalker:
    def __init__(self, demo, walker):
        self.demo, self.walker, self.transfer = demo, walker, None

    def propose(self):
        self.walker.register("trademark", illegal_turnover="600000")
        self.walker.to_investigation()
        api = self.walker.api("ft_officer1")
        response = api.post(f"/api/v1/cases/{self.walker.case['id']}/transfers",
                            {"report": "涉嫌假冒注册商标罪，非法经营数额六十万元"})
        assert response.status_code == 201, response.json()
        self.transfer = response.json()
        return self.transfer

    def act(self, username, action, expect=200, **data):
        response = self.walker.api(username).post(f"/api/v1/transfers/{self.transfer['id']}/actions/{action}",
                                                  {"version": self.transfer["version"], **data})
        assert response.status_code == expect, (action, response.json())
        if expect == 200:
            self.transfer = response.json()
        return response.json()

    def refresh(self, username="ft_officer1"):
        self.transfer = self.walker.api(username).get(f"/api/v1/transfers/{self.transfer['id']}").json()
        return self.transfer

    def send(self):
        self.act("ft_head", "approve", comment="同意移送")
        self.refresh()
        assert self.walker.api("ft_officer1").post(f"/api/v1/cases/{self.walker.case['id']}/documents",
                                                   {"kind": "crime_transfer"}).status_code == 201
        police = self.demo.agency("深圳市公安局福田分局").pk
        self.act("ft_officer1", "send", police_id=police, letter=True, report=True, goods_list=True,
                 test_reports=True)

    def deadline(self, rule):
        return next(d for d in self.transfer["deadlines"] if d["rule"] == rule)

    def due(self, rule) -> str:
        """The due time in Shanghai, as 'YYYY-MM-DD HH:MM'."""
        moment = datetime.fromisoformat(self.deadline(rule)["due_at"].replace("Z", "+00:00"))
        return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def tw(demo, walker):
    return TransferWalker(demo, walker)


def test_transfer_from_proposal_to_effective_judgment(tw, demo):
    tw.propose()
    assert tw.transfer["state"] == "proposed" and tw.transfer["available_actions"] == []
    assert work_queue(demo.user("ft_head")).filter(kind="deadline:linkage.transfer_approval").exists()
    tw.send()
    assert tw.transfer["state"] == "sent" and tw.transfer["police"] == "深圳市公安局福田分局"
    assert tw.transfer["procuratorate"] == "深圳市人民检察院"  # copied to the procuratorate
    assert Case.objects.get(pk=tw.walker.case["id"]).state == "transferred"
    tw.refresh("ft_police")
    tw.act("ft_police", "acknowledge")
    tw.act("ft_police", "file", filed_on="2026-11-20")
    tw.refresh("ft_officer1")
    tw.act("ft_officer1", "handover_goods", goods="假冒充电器1200个及账册")
    tw.refresh("ft_police")
    tw.act("ft_police", "request_arrest")
    tw.refresh("sz_procurator")
    tw.act("sz_procurator", "approve_arrest")
    tw.refresh("ft_police")
    tw.act("ft_police", "transfer_prosecution")
    tw.refresh("sz_procurator")
    tw.act("sz_procurator", "indict", court_id=demo.agency("深圳市中级人民法院").pk)
    tw.refresh("sz_court")
    tw.act("sz_court", "judge", verdict="判处有期徒刑一年，并处罚金十万元", criminal_fine="100000")
    assert tw.act("sz_court", "effective", expect=422, verdict="x")["code"] == "appeal_period_running"
    tw.act("sz_court", "appeal", reason="被告人上诉")
    tw.act("sz_court", "effective", verdict="驳回上诉，维持原判", criminal_fine="100000")
    assert tw.transfer["state"] == "effective"
    steps = [s["action"] for s in tw.transfer["steps"]]
    assert steps[0] == "propose" and steps[-1] == "effective" and "handover_goods" in steps
    assert all(d["status"] in ("met", "late") for d in tw.transfer["deadlines"])


def test_send_refuses_an_incomplete_package(tw, demo):
    tw.propose()
    tw.act("ft_head", "approve")
    tw.refresh()
    police = demo.agency("深圳市公安局福田分局").pk
    assert tw.act("ft_officer1", "send", expect=422, police_id=police, letter=True, report=True, goods_list=True,
                  test_reports=True)["code"] == "letter_missing"
    tw.walker.api("ft_officer1").post(f"/api/v1/cases/{tw.walker.case['id']}/documents", {"kind": "crime_transfer"})
    missing = tw.act("ft_officer1", "send", expect=422, police_id=police, letter=True, report=True)
    assert missing["code"] == "package_incomplete" and "涉案物品清单" in missing["message"]
    other_level = tw.act("ft_officer1", "send", expect=422, police_id=demo.agency("深圳市公安局").pk, letter=True,
                         report=True, goods_list=True, no_test_reason="无需检验")
    assert other_level["code"] == "police_not_same_level"


def test_non_filing_through_reconsideration_and_supervision_to_filing(tw):
    tw.propose()
    tw.send()
    tw.refresh("ft_police")
    tw.act("ft_police", "acknowledge")
    tw.act("ft_police", "not_file", reason="证据不足")
    tw.refresh()
    assert tw.deadline("linkage.reconsideration_request")["status"] == "running"
    tw.act("ft_officer1", "request_reconsideration", reason="鉴定意见证明数额达到追诉标准")
    tw.refresh("ft_police")
    tw.act("ft_police", "uphold", reason="仍认为证据不足")
    tw.refresh()
    tw.act("ft_officer1", "suggest_supervision", reason="请求检察院立案监督")
    tw.refresh("sz_procurator")
    tw.act("sz_procurator", "request_reasons")
    tw.refresh("ft_police")
    tw.act("ft_police", "explain", reason="证据不足")
    tw.refresh("sz_procurator")
    tw.act("sz_procurator", "notify_filing", reason="不立案理由不能成立")
    assert tw.deadline("linkage.police_file_on_notice")["owner"] == "police"
    tw.refresh("ft_police")
    tw.act("ft_police", "file", filed_on="2026-11-24")
    assert tw.transfer["state"] == "filed"


def test_reverse_transfer_resumes_the_administrative_case(tw):
    tw.propose()
    tw.send()
    tw.refresh("ft_police")
    tw.act("ft_police", "acknowledge")
    tw.act("ft_police", "not_file", reason="未达追诉标准，但应予行政处罚")
    tw.act("ft_police", "return_for_admin", reason="退回行政机关依法处理")
    case = Case.objects.get(pk=tw.walker.case["id"])
    assert tw.transfer["state"] == "returned" and case.state == "investigating"
    assert case.steps.filter(action="return_from_police").exists()
    decision = case.deadlines.get(rule="admin.decision_ordinary")
    assert decision.status == "running" and decision.pauses[-1][1] is not None  # counted again from the return


def test_time_limits_of_the_hand_over(tw, demo):
    with time_machine.travel(datetime(2026, 9, 29, 10, 0, tzinfo=SHANGHAI), tick=False):
        tw.propose()
        # 3 days end on Oct 2, inside the National Day holiday: the period runs to the next working day.
        assert tw.due("linkage.transfer_approval") == "2026-10-08 23:59"
        tw.send()
        receipt = tw.deadline("linkage.police_receipt")
        assert tw.due("linkage.police_receipt") == "2026-09-30 10:00" and receipt["unit"] == "hours"
    with time_machine.travel(datetime(2026, 10, 1, 9, 0, tzinfo=SHANGHAI), tick=False):
        tw.refresh("ft_police")
        assert tw.deadline("linkage.police_receipt")["status"] == "overdue"
        late = work_queue(demo.user("ft_police")).get(kind="deadline:linkage.police_receipt")
        assert late.assignee_agency.name == "深圳市公安局福田分局"
        tw.act("ft_police", "acknowledge")
        assert tw.deadline("linkage.police_receipt")["status"] == "late"
        # 3 days from Oct 1 end on Oct 4, a holiday: the period ends on the next working day (CPL art.105).
        assert tw.due("linkage.police_filing_decision") == "2026-10-08 23:59"


def test_visibility_of_transfers(tw, demo):
    tw.propose()
    tid = tw.transfer["id"]
    assert demo.api("ft_police").get(f"/api/v1/transfers/{tid}").status_code == 404  # not sent yet
    tw.send()
    assert demo.api("ft_police").get(f"/api/v1/transfers/{tid}").status_code == 200  # sent to them
    assert demo.api("sz_police").get(f"/api/v1/transfers/{tid}").status_code == 200  # their jurisdiction
    assert demo.api("qh_procurator").get(f"/api/v1/transfers/{tid}").status_code == 404  # Nanshan's procuratorate
    assert demo.api("ns_officer1").get(f"/api/v1/transfers/{tid}").status_code == 404
    assert demo.api("sz_court").get(f"/api/v1/transfers/{tid}").status_code == 404  # no court yet
    assert demo.api("sz_procurator").get(f"/api/v1/transfers/{tid}").status_code == 200
    commission = demo.api("sz_commission")
    assert commission.get(f"/api/v1/transfers/{tid}").json()["available_actions"] == []
    police_cases = demo.api("ft_police").get("/api/v1/cases").json()
    assert [c["id"] for c in police_cases["items"]] == [tw.walker.case["id"]]
    assert demo.api("ft_police").post(f"/api/v1/transfers/{tid}/actions/approve",
                                      {"version": tw.transfer["version"]}).status_code == 403
    assert demo.api("sz_court").get("/api/v1/cases").json()["count"] == 0


def test_pages_queue_and_step(tw, demo):
    tw.propose()
    head = demo.client("ft_head")
    queue = head.get("/transfers/").content.decode()
    assert f"#{tw.transfer['id']}" in queue
    response = head.post(f"/transfers/{tw.transfer['id']}/actions/approve/",
                         {"version": tw.transfer["version"], "approve-comment": "同意"})
    assert response.status_code == 302
    page = demo.client("ft_officer1").get(response["Location"]).content.decode()
    assert "已批准移送" in page and "移送公安机关" in page


def test_criminal_fine_is_offset_against_the_paid_administrative_fine(tw, demo, walker):
    tw.propose()
    case = Case.objects.get(pk=walker.case["id"])
    from ipenforce.cases.models import Payment

    Payment.objects.create(case=case, amount=Decimal(30000), paid_on=date(2026, 11, 1),
                           recorded_by=demo.user("ft_officer1"))
    tw.send()
    tw.refresh("ft_police")
    tw.act("ft_police", "acknowledge")
    tw.act("ft_police", "file", filed_on="2026-11-20")
    tw.act("ft_police", "transfer_prosecution")
    tw.refresh("sz_procurator")
    tw.act("sz_procurator", "indict", court_id=demo.agency("深圳市中级人民法院").pk)
    tw.refresh("sz_court")
    tw.act("sz_court", "judge", verdict="罚金五万元", criminal_fine="50000")
    tw.act("sz_court", "appeal", reason="抗诉")
    tw.act("sz_court", "effective", verdict="维持", criminal_fine="50000")
    assert tw.transfer["steps"][-1]["payload"]["administrative_fine_offset"] == "30000.00"


def test_officer_proposes_from_the_case_page(demo, walker):
    walker.register("trademark", illegal_turnover="600000")
    walker.to_investigation()
    client = demo.client("ft_officer1")
    page = client.get(f"/cases/{walker.case['id']}/").content.decode()
    assert "涉嫌犯罪，应当移送公安机关" in page and 'data-testid="action-propose_transfer"' in page
    url = f"/cases/{walker.case['id']}/actions/propose_transfer/"
    response = client.post(url, {"version": walker.case["version"], "propose_transfer-report": "涉嫌假冒注册商标罪"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="case-transfers"' in page and "移送 " in page
    again = client.post(url, {"version": walker.refresh()["version"], "propose_transfer-report": "再次"})
    assert again.status_code == 422 and "本案已有进行中的移送" in again.content.decode()  # refused: one is open


def test_each_time_limit_of_the_process_on_fixed_dates(tw, demo):
    """Nov 2026 has no holidays: each limit counted from its start (CPL art.105 — the start day not counted)."""
    def at(day, hour=9):
        return time_machine.travel(datetime(2026, 11, day, hour, 0, tzinfo=SHANGHAI), tick=False)

    with at(2):
        tw.propose()
        tw.act("ft_head", "approve")
        assert tw.due("linkage.transfer_send") == "2026-11-03 09:00"  # 24 hours
        tw.refresh()
        tw.walker.api("ft_officer1").post(f"/api/v1/cases/{tw.walker.case['id']}/documents", {"kind": "crime_transfer"})
        tw.act("ft_officer1", "send", police_id=demo.agency("深圳市公安局福田分局").pk, letter=True, report=True,
               goods_list=True, no_test_reason="无需检验")
        tw.refresh("ft_police")
        tw.act("ft_police", "acknowledge")
        tw.act("ft_police", "request_supplement", missing="鉴定意见")
        assert tw.due("linkage.bureau_supplement") == "2026-11-05 23:59"  # 3 days
        tw.refresh()
        tw.act("ft_officer1", "supplement", materials="鉴定意见书")
        tw.refresh("ft_police")
        tw.act("ft_police", "not_file", reason="证据不足")
        assert tw.due("linkage.reconsideration_request") == "2026-11-05 23:59"
        tw.refresh()
        tw.act("ft_officer1", "request_reconsideration", reason="有新证据")
        assert tw.due("linkage.reconsideration_decision") == "2026-11-05 23:59"
        tw.refresh("ft_police")
        tw.act("ft_police", "uphold", reason="维持")
        assert tw.due("linkage.supervision_suggestion") == "2026-11-05 23:59"
        tw.refresh()
        tw.act("ft_officer1", "suggest_supervision", reason="建议监督")
        tw.refresh("sz_procurator")
        tw.act("sz_procurator", "request_reasons")
        assert tw.due("linkage.police_explain_nonfiling") == "2026-11-09 23:59"  # 7 days
        tw.refresh("ft_police")
        tw.act("ft_police", "explain", reason="证据不足")
        tw.refresh("sz_procurator")
        tw.act("sz_procurator", "notify_filing", reason="理由不成立")
        assert tw.due("linkage.police_file_on_notice") == "2026-11-17 23:59"  # 15 days
        tw.refresh("ft_police")
        tw.act("ft_police", "file", filed_on="2026-11-02")
        assert tw.due("linkage.goods_handover") == "2026-11-05 23:59"
        tw.act("ft_police", "request_arrest")
        tw.refresh("sz_procurator")
        tw.act("sz_procurator", "approve_arrest")
        # 2 months, custody: ends on the calendar date even on a weekend (CPL art.105).
        assert tw.due("linkage.investigative_custody") == "2027-01-02 23:59"
        tw.refresh("ft_police")
        tw.act("ft_police", "transfer_prosecution")
        tw.refresh("sz_procurator")
        tw.act("sz_procurator", "indict", court_id=demo.agency("深圳市中级人民法院").pk)
        assert tw.due("linkage.first_instance") == "2027-01-04 23:59"  # 2 months; Jan 2 is a Saturday
        court = demo.api("sz_court")
        assert court.get(f"/api/v1/transfers/{tw.transfer['id']}").status_code == 200  # the court now sees it
        tw.refresh("sz_court")
        tw.act("sz_court", "judge", verdict="有期徒刑六个月")
        assert tw.due("linkage.appeal_judgment") == "2026-11-12 23:59"  # 10 days
        late = [d for d in tw.transfer["deadlines"] if d["status"] == "late"]
        assert late == []
        owners = {d["owner_agency"] for d in tw.transfer["deadlines"]}
        assert owners >= {"深圳市市场监督管理局福田监管局", "深圳市公安局福田分局", "深圳市人民检察院",
                          "深圳市中级人民法院"}


def test_a_field_office_officer_sees_the_transfer_of_their_case(demo, walker):
    walker.register("trademark", username="hqb_officer", illegal_turnover="600000")
    walker.to_investigation(officers=("hqb_officer", "hqb_officer2"))
    office = demo.api("hqb_officer")
    created = office.post(f"/api/v1/cases/{walker.case['id']}/transfers", {"report": "涉嫌犯罪"})
    assert created.status_code == 201 and created.json()["bureau"] == "深圳市市场监督管理局福田监管局"
    assert office.get(f"/api/v1/transfers/{created.json()['id']}").status_code == 200
