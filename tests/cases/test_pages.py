"""The case pages: register a lead, walk a case through its actions and approvals, list, export; query bounds."""
from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ipenforce.cases.models import Case
from tests.cases.conftest import today

pytestmark = pytest.mark.django_db

LEAD = {
    "case-title": "华强北销售假冒耳机", "case-source": "inspection", "case-ip_type": "trademark",
    "case-description": "现场查获标注某品牌商标的耳机200副", "case-discovered_on": "",
    "case-illegal_turnover": "80000",
    "party-kind": "organisation", "party-name": "深圳市某某电子有限公司", "party-uscc": "91440300708461136T",
    "party-service_address": "深圳市福田区华强北路1号",
    "right-ip_type": "trademark", "right-trademark_number": "12345678", "right-trademark_class": "9",
    "right-holder": "某品牌公司",
}


def _lead(**changes):
    return {**LEAD, "case-discovered_on": str(today() - timedelta(days=2)), **changes}


def _post_action(client, case, action, **fields):
    data = {"version": Case.objects.get(pk=case.pk).version, **{f"{action}-{k}": v for k, v in fields.items()}}
    if action in ("approve", "reject", "send_back"):
        data = {"version": data["version"], **fields}
    return client.post(f"/cases/{case.pk}/actions/{action}/", data)


def test_register_lead_and_file_through_pages(demo):
    officer = demo.client("ft_officer1")
    response = officer.post("/cases/new/", _lead())
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    page = officer.get(response["Location"]).content.decode()
    assert "华强北销售假冒耳机" in page and "核查线索并决定是否立案" in page
    unit = demo.client("ft_unithead")
    ids = [str(demo.user("ft_officer1").pk), str(demo.user("ft_officer2").pk)]
    assert _post_action(unit, case, "assign_officers", officers=ids).status_code == 302
    assert _post_action(officer, case, "triage", procedure="ordinary", reason="按违法经营额计算罚款").status_code == 302
    assert _post_action(officer, case, "file", comment="建议立案").status_code == 302
    queue = unit.get("/cases/approvals/").content.decode()
    assert "立案" in queue and case.title in queue or str(case) in queue
    assert _post_action(unit, case, "approve", comment="同意").status_code == 302
    assert _post_action(demo.client("ft_head"), case, "approve", comment="同意立案").status_code == 302
    case.refresh_from_db()
    assert case.state == "investigating" and case.number.startswith("深福市监罚〔")
    timeline = officer.get(f"/cases/{case.pk}/").content.decode()
    assert "陈局长" in timeline and "同意立案" in timeline


def test_bad_identifier_names_the_field_and_saves_nothing(demo):
    response = demo.client("ft_officer1").post("/cases/new/", _lead(**{"party-uscc": "91440300708461136A"}))
    assert response.status_code == 200
    assert "统一社会信用代码校验位错误" in response.content.decode()
    assert not Case.objects.exists()


def test_guard_failure_shows_on_the_action_form(demo):
    officer = demo.client("ft_officer1")
    officer.post("/cases/new/", _lead())
    case = Case.objects.get()
    response = _post_action(officer, case, "file", comment="")
    assert response.status_code == 422
    assert "须完成繁简分流" in response.content.decode()


def test_list_filters_and_export(demo, walker):
    walker.register("trademark")
    walker.register("patent", illegal_gains="1000")
    client = demo.client("ft_officer1")
    listing = client.get("/cases/", {"ip_type": "patent"}).content.decode()
    assert "patent 案" in listing and "trademark 案" not in listing
    export = client.get("/cases/export.xlsx", {"q": "trademark"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "trademark 案"


def test_case_page_query_count_is_bounded(demo, walker):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    client = demo.client("ft_officer1")
    client.get(f"/cases/{walker.case['id']}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/cases/{walker.case['id']}/")
    for _n in range(3):
        walker.act("ft_officer1", "suspend", reason="等待鉴定")
        walker.approve_chain("ft_head")
        walker.refresh()
        walker.act("ft_officer1", "resume", reason="鉴定完成")
        walker.approve_chain("ft_head")
        walker.refresh()
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"/cases/{walker.case['id']}/").status_code == 200
    assert len(many) == len(few) <= 30, [q["sql"] for q in many.captured_queries]


def test_copyright_case_walks_to_archiving_through_the_pages(demo):
    officer, unit, head, legal = (demo.client(u) for u in ("ft_officer1", "ft_unithead", "ft_head", "ft_legal"))
    lead = _lead(**{"case-ip_type": "copyright", "case-illegal_turnover": "60000", "right-ip_type": "copyright",
                    "right-work_title": "某某软件V1.0", "right-trademark_number": "", "right-trademark_class": ""})
    assert officer.post("/cases/new/", lead).status_code == 302
    case = Case.objects.get()
    ids = [str(demo.user("ft_officer1").pk), str(demo.user("ft_officer2").pk)]
    steps = [
        (unit, "assign_officers", {"officers": ids}),
        (officer, "triage", {"procedure": "ordinary", "reason": "按违法经营额计算"}),
        (officer, "file", {}), (unit, "approve", {}), (head, "approve", {}),
        (officer, "submit_report", {"findings": "查明复制发行盗版软件", "proposed_fine": "60000"}),
        (legal, "review_pass", {"opinion": "事实清楚"}),
        (officer, "serve_notice", {"served_on": str(today())}),
        (officer, "end_statement", {"waived": "on"}),
        (officer, "decide", {"outcome": "penalty", "fine": "60000", "reason": "按违法经营额一倍处罚"}),
        (unit, "approve", {}), (head, "approve", {}),
        (officer, "serve_decision", {"served_on": str(today()), "method": "direct"}),
        (officer, "payment_plan",
         {"schedule": f"{today() + timedelta(days=30)} 30000\n{today() + timedelta(days=60)} 30000",
                                   "reason": "经营困难"}),
        (head, "approve", {}),
        (officer, "record_payment", {"amount": "60000", "paid_on": str(today())}),
        (officer, "publish", {"published_on": str(today())}),
        (officer, "close", {}), (head, "approve", {}),
        (officer, "archive", {"archive_number": "FT-2026-001", "retention": "30y"}),
    ]
    for client, action, fields in steps:
        response = _post_action(client, case, action, **fields)
        assert response.status_code == 302, (action, response.content.decode()[-3000:])
    case.refresh_from_db()
    assert case.state == "archived" and case.payment_plan and case.fine == 60000
    page = officer.get(f"/cases/{case.pk}/").content.decode()
    assert "已归档" in page and "审核通过" in page


def test_edit_with_a_stale_version_is_refused(demo):
    officer = demo.client("ft_officer1")
    officer.post("/cases/new/", _lead())
    case = Case.objects.get()
    form = {k: v for k, v in _lead().items() if k.startswith("case-")}
    response = officer.post(f"/cases/{case.pk}/edit/", {**form, "case-title": "改后的案由", "version": 99})
    assert response.status_code == 200 and "已被他人更新" in response.content.decode()
    assert officer.post(f"/cases/{case.pk}/edit/", {**form, "case-title": "改后的案由",
                                                    "version": case.version}).status_code == 302
    case.refresh_from_db()
    assert case.title == "改后的案由" and case.version == 2
