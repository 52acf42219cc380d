"""Trademark, patent and copyright cases through the ordinary procedure to archiving; a simple case to closing."""
from decimal import Decimal

import pytest

from ipenforce.core.audit import verify_chain
from tests.cases.conftest import PERSON, today

pytestmark = pytest.mark.django_db


def _finish(walker, fine: str):
    walker.act("ft_officer1", "decide", outcome="penalty", fine=fine, reason="")
    walker.approve_chain("ft_unithead", "ft_head")
    assert walker.state == "serving"
    walker.act("ft_officer1", "serve_decision", served_on=str(today()), method="direct")
    assert walker.state == "executing"
    walker.act("ft_officer1", "record_payment", amount=fine, paid_on=str(today()), receipt_no="A001")
    assert walker.state == "closing"
    walker.act("ft_officer1", "close", expect=422)  # publicity first
    walker.act("ft_officer1", "publish", published_on=str(today()))
    walker.act("ft_officer1", "close")
    walker.approve_chain("ft_head")
    assert walker.state == "closed"
    walker.act("ft_officer1", "archive", archive_number="深福市监档〔2026〕1号", retention="30y")
    assert walker.state == "archived"


@pytest.mark.parametrize("ip_type,amounts,fine", [
    ("trademark", {"illegal_turnover": "80000"}, "120000"),
    ("patent", {"illegal_gains": "20000"}, "30000"),
    ("copyright", {"illegal_turnover": "60000"}, "90000"),
])
def test_ordinary_procedure_to_archiving(walker, ip_type, amounts, fine):
    walker.register(ip_type, **amounts)
    assert walker.state == "verifying"
    walker.to_investigation()
    assert walker.case["number"].startswith("深福市监罚〔")
    walker.to_decision(Decimal(fine))
    _finish(walker, fine)
    steps = [s["action"] for s in walker.case["timeline"]]
    assert steps[:3] == ["assign_officers", "triage", "file"]
    assert {d["rule"]: d["status"] for d in walker.case["deadlines"]}["admin.decision_ordinary"] == "met"
    assert verify_chain().ok


def test_simple_procedure_to_closing(walker):
    walker.register("trademark", party=PERSON)
    walker.act("ft_unithead", "assign_officers",
               officers=[walker.demo.user("ft_officer1").pk, walker.demo.user("ft_officer2").pk])
    walker.act("ft_officer1", "triage", procedure="simple", reason="事实清楚、当场处罚")
    assert walker.state == "simple"
    refused = walker.act("ft_officer1", "simple_decide", expect=422, penalty="fine", fine="201",
                         decided_on=str(today()), facts="x")
    assert refused["code"] == "simple_procedure_fine_limit" and refused["field"] == "fine"
    walker.act("ft_officer1", "simple_decide", penalty="fine", fine="200", decided_on=str(today()), facts="当场查获")
    assert walker.state == "executing" and walker.case["number"]
    walker.act("ft_officer1", "record_payment", amount="200", paid_on=str(today()))
    walker.act("ft_officer1", "close")
    walker.approve_chain("ft_head")
    assert walker.state == "closed"
    assert "publish" not in walker.case["available_actions"]


def test_not_filing_path_to_archive(walker):
    walker.register("patent")
    walker.act("ft_officer1", "not_file", reason="首次违法、危害后果轻微并及时改正（《行政处罚法》第三十三条）")
    walker.approve_chain("ft_unithead", "ft_head")
    assert walker.state == "not_filed" and walker.case["number"] is None
    assert {d["rule"]: d["status"] for d in walker.case["deadlines"]}["admin.lead_verification"] == "met"
    walker.act("ft_officer1", "archive", archive_number="深福市监档〔2026〕1号", retention="30y")
    assert walker.state == "archived"


def test_list_filters_through_the_api(walker):
    walker.register("trademark")
    walker.register("copyright", is_ecommerce=True)
    api = walker.api("ft_officer1")
    assert api.get("/api/v1/cases", ip_type="copyright").json()["count"] == 1
    assert api.get("/api/v1/cases", q="深圳市某某电子").json()["count"] == 2
    assert api.get("/api/v1/cases", state="investigating").json()["count"] == 0
    bad = api.get("/api/v1/cases", discovered_from="yesterday")
    assert bad.status_code == 422


def test_case_list_is_paginated_in_the_database(walker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _n in range(3):
        walker.register("trademark")
    api = walker.api("ft_officer1")
    with CaptureQueriesContext(connection) as queries:
        page = api.get("/api/v1/cases", limit=2).json()
    assert page["count"] == 3 and len(page["items"]) == 2 and page["items"][0]["parties"] == ["深圳市某某电子有限公司"]
    assert any("LIMIT 2" in q["sql"] for q in queries.captured_queries)


def test_litigation_after_closing_but_not_after_archiving(walker):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    walker.to_decision(Decimal(120000))
    assert walker.act("ft_officer1", "appeal_start", expect=422, kind="review", body="x",
                      started_on=str(today()))["code"] == "wrong_state"
    walker.to_execution("120000")
    walker.act("ft_officer1", "record_payment", amount="120000", paid_on=str(today()))
    walker.act("ft_officer1", "publish", published_on=str(today()))
    walker.act("ft_officer1", "close")
    walker.approve_chain("ft_head")
    walker.act("ft_officer1", "appeal_start", kind="litigation", body="深圳市福田区人民法院", started_on=str(today()))
    walker.act("ft_officer1", "appeal_end", ended_on=str(today()), outcome="upheld")
    walker.act("ft_officer1", "archive", archive_number="深福市监档〔2026〕1号", retention="30y")
    assert walker.act("ft_officer1", "appeal_start", expect=422, kind="review", body="x",
                      started_on=str(today()))["code"] == "wrong_state"


def test_appeal_needs_a_decision_and_records_its_outcome(walker):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    walker.to_decision(Decimal(120000))
    walker.to_execution("120000")
    refused = walker.act("ft_officer1", "appeal_start", expect=422, kind="appeal", body="深圳市人民政府",
                         started_on=str(today()))
    assert refused["field"] == "kind"
    walker.act("ft_officer1", "appeal_start", kind="review", body="深圳市人民政府", started_on=str(today()))
    assert walker.act("ft_officer1", "appeal_end", expect=422, ended_on=str(today()), outcome="x")["field"] == "outcome"
    walker.act("ft_officer1", "appeal_end", ended_on=str(today()), outcome="changed")
    assert walker.case["appeals"] == [{"kind": "review", "body": "深圳市人民政府", "started_on": str(today()),
                                       "ended_on": str(today()), "outcome": "changed"}]
    page = walker.demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/")
    assert "深圳市人民政府" in page.content.decode() and "变更" in page.content.decode()
