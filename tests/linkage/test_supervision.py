"""Economic-crime filing periods, prosecution review extension, step attachments, and the procuratorate's
supervision view with opinions the bureau answers."""
from datetime import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from ipenforce.orgs.selectors import work_queue
from tests.evidence.test_evidence import PDF
from tests.linkage.test_transfers import SHANGHAI, TransferWalker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tw(demo, walker):
    return TransferWalker(demo, walker)


def test_economic_crime_filing_review_10_or_30_plus_30_days(tw):
    with time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
        tw.propose()
        tw.send()
        tw.refresh("ft_police")
        tw.act("ft_police", "acknowledge")
        assert tw.due("linkage.police_filing_decision") == "2026-11-05 23:59"
        assert tw.act("ft_police", "extend_filing_review_further", expect=422,
                      approver="x")["code"] == "no_further_extension"
        tw.act("ft_police", "extend_filing_review", level="linkage.police_filing_decision_major",
               approver="福田分局局长")
        assert tw.due("linkage.police_filing_decision_major") == "2026-12-02 23:59"  # 30 days from acceptance
        assert tw.deadline("linkage.police_filing_decision")["status"] == "met"
        again = tw.act("ft_police", "extend_filing_review", expect=422, level="linkage.police_filing_decision_economic",
                       approver="x")
        assert again["code"] == "filing_review_extended"
        tw.act("ft_police", "extend_filing_review_further", approver="深圳市公安局局长")
        # +30 days: Jan 1, 2027 — a year the calendar does not know yet, which the deadline says.
        assert tw.due("linkage.police_filing_decision_major") == "2027-01-01 23:59"
        assert "2027" in tw.deadline("linkage.police_filing_decision_major")["warning"]
        tw.act("ft_police", "file", filed_on="2026-11-20")
        assert tw.deadline("linkage.police_filing_decision_major")["status"] == "met"


def test_prosecution_review_one_month_plus_15_days(tw, demo):
    with time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
        tw.propose()
        tw.send()
        tw.refresh("ft_police")
        tw.act("ft_police", "acknowledge")
        tw.act("ft_police", "file", filed_on="2026-11-02")
        tw.act("ft_police", "request_arrest")
        assert tw.due("linkage.arrest_decision") == "2026-11-09 23:59"  # 7 days
        tw.refresh("sz_procurator")
        tw.act("sz_procurator", "refuse_arrest", reason="无逮捕必要")
        tw.refresh("ft_police")
        tw.act("ft_police", "transfer_prosecution")
        assert tw.due("linkage.prosecution_review") == "2026-12-02 23:59"
        tw.refresh("sz_procurator")
        tw.act("sz_procurator", "extend_prosecution_review", reason="重大复杂")
        assert tw.due("linkage.prosecution_review") == "2026-12-17 23:59"
        assert tw.act("sz_procurator", "extend_prosecution_review", expect=422,
                      reason="x")["code"] == "prosecution_review_extended"


def test_steps_carry_documents_uploaded_by_their_agency(tw, demo):
    tw.propose()
    tw.send()
    send_step = tw.transfer["steps"][-1]
    officer = demo.api("ft_officer1")
    response = officer.client.post(f"/api/v1/transfers/{tw.transfer['id']}/steps/{send_step['id']}/files",
                                   {"files": [SimpleUploadedFile("移送书.pdf", PDF)]}, headers=officer.headers)
    assert response.status_code == 201 and response.json()[0]["name"] == "移送书.pdf"
    police = demo.api("ft_police")
    refused = police.client.post(f"/api/v1/transfers/{tw.transfer['id']}/steps/{send_step['id']}/files",
                                 {"files": [SimpleUploadedFile("x.pdf", PDF)]}, headers=police.headers)
    assert refused.status_code == 403
    download = demo.client("ft_police").get(response.json()[0]["download"])
    assert b"".join(download.streaming_content) == PDF


def test_supervision_lists_and_an_opinion_the_bureau_answers(tw, demo, walker):
    walker.register("trademark", illegal_gains="50000")  # over the threshold, never transferred
    suspect = walker.case["id"]
    procurator = demo.api("sz_procurator")
    view = procurator.get("/api/v1/supervision").json()
    assert [c["case_id"] for c in view["untransferred"]] == [suspect]
    assert demo.api("ft_officer1").post(f"/api/v1/cases/{suspect}/supervision-opinions",
                                        {"text": "x"}).status_code == 403
    opinion = procurator.post(f"/api/v1/cases/{suspect}/supervision-opinions",
                              {"text": "该案违法所得已达追诉标准，请说明未移送理由"}).json()
    item = work_queue(demo.user("ft_head")).get(kind="case.supervision_opinion")
    assert item.url.endswith(f"/supervision-opinions/{opinion['id']}/")
    assert demo.api("ft_officer1").post(f"/api/v1/supervision-opinions/{opinion['id']}/answer",
                                        {"answer": "x"}).status_code == 403
    answered = demo.api("ft_head").post(f"/api/v1/supervision-opinions/{opinion['id']}/answer",
                                        {"answer": "已补充鉴定，拟移送公安机关"}).json()
    assert answered["answered_at"]
    assert not work_queue(demo.user("ft_head")).filter(kind="case.supervision_opinion").exists()
    page = demo.client("sz_procurator").get("/transfers/supervision/").content.decode()
    assert "以罚代刑" in page and "已答复" in page
    assert demo.api("ns_officer1").get("/api/v1/supervision").json()["untransferred"] == []


def test_the_police_do_not_read_the_procuratorates_opinions_to_the_bureau(tw, demo):
    tw.propose()
    tw.send()  # the police now see the case and its transfer
    opinion = demo.api("sz_procurator").post(f"/api/v1/cases/{tw.walker.case['id']}/supervision-opinions",
                                             {"text": "请说明未及时移送涉案物品的原因"}).json()
    assert demo.api("ft_police").get(f"/api/v1/cases/{tw.walker.case['id']}").status_code == 200
    assert demo.api("ft_police").get("/api/v1/supervision").json()["opinions"] == []
    assert demo.client("ft_police").get(f"/supervision-opinions/{opinion['id']}/").status_code == 404
    assert [o["id"] for o in demo.api("ft_head").get("/api/v1/supervision").json()["opinions"]] == [opinion["id"]]


def test_overdue_police_decisions_and_unchallenged_non_filings(tw, demo):
    with time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
        tw.propose()
        tw.send()
    with time_machine.travel(datetime(2026, 11, 4, 9, 0, tzinfo=SHANGHAI), tick=False):
        view = demo.api("sz_procurator").get("/api/v1/supervision").json()
        overdue = [(o["transfer_id"], o["rule"]) for o in view["overdue"]]
        assert overdue == [(tw.transfer["id"], "linkage.police_receipt")]
        tw.refresh("ft_police")
        tw.act("ft_police", "acknowledge")
        tw.act("ft_police", "not_file", reason="证据不足")
        view = demo.api("sz_procurator").get("/api/v1/supervision").json()
        assert view["overdue"] == [] and [n["transfer_id"] for n in view["non_filings"]] == [tw.transfer["id"]]
