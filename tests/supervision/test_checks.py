"""The supervision rules on known data: each tab lists exactly the cases its rule names, within the supervisor's
scope, with the configurable settings labelled, and exports to .xlsx."""
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from ipenforce.cases.models import Case, Payment

pytestmark = pytest.mark.django_db


def _keys(demo, username, key):
    response = demo.api(username).get(f"/api/v1/supervision/checks/{key}")
    assert response.status_code == 200, response.json()
    return {row["case_id"] for row in response.json()["items"]}


def _case(walker, title, **fields):
    walker.register("trademark", title=title)
    Case.objects.filter(pk=walker.case["id"]).update(number=f"测试罚〔2026〕{walker.case['id']}号", **fields)
    return walker.case["id"]


@pytest.fixture
def known(demo, walker):
    today = timezone.localdate()
    decided = {"decided_on": today - timedelta(days=5), "outcome": "penalty", "state": "executing",
               "filed_on": today - timedelta(days=60)}
    ids = {
        "edge": _case(walker, "幅度上限", fine=Decimal("250000"), legal_reviewed_at=timezone.now(), **decided),
        "middle": _case(walker, "幅度中间", fine=Decimal("5000"), **decided),
        "unreviewed": _case(walker, "未经法审", fine=Decimal("200000"), **decided),
        "unpaid": _case(walker, "逾期未缴", fine=Decimal("3000"), payment_due_on=today - timedelta(days=3),
                        legal_reviewed_at=timezone.now(), **decided),
        "paid": _case(walker, "已缴清", fine=Decimal("3000"), payment_due_on=today - timedelta(days=3), **decided),
    }
    Payment.objects.create(case_id=ids["paid"], amount=Decimal("3000"), paid_on=today,
                           recorded_by=demo.user("ft_officer1"))
    walker.register("trademark", title="立案后搁置")
    walker.to_investigation()
    ids["filed"] = walker.case["id"]
    walker.register("trademark", title="待审批")
    walker.act("ft_unithead", "assign_officers", officers=[demo.user(n).pk for n in ("ft_officer1", "ft_officer2")])
    walker.act("ft_officer1", "triage", procedure="ordinary", reason="普通程序")
    walker.act("ft_officer1", "file", comment="拟立案")
    ids["pending"] = walker.case["id"]
    return ids


def test_each_rule_lists_the_cases_it_names(demo, known):
    assert _keys(demo, "sz_supervisor", "edge_fines") & {known["edge"], known["middle"]} == {known["edge"]}
    assert known["unreviewed"] in _keys(demo, "sz_supervisor", "unreviewed_decisions")
    assert not {known["edge"], known["middle"], known["unpaid"]} & _keys(demo, "sz_supervisor", "unreviewed_decisions")
    unpaid = _keys(demo, "sz_supervisor", "unpaid_fines")
    assert known["unpaid"] in unpaid and known["paid"] not in unpaid
    assert known["pending"] not in _keys(demo, "sz_supervisor", "stale_approvals")
    assert known["filed"] not in _keys(demo, "sz_supervisor", "idle_cases")
    assert not _keys(demo, "sz_supervisor", "overdue_steps") & set(known.values())
    later = timezone.now() + timedelta(days=40)
    with time_machine.travel(later, tick=False):
        assert known["pending"] in _keys(demo, "sz_supervisor", "stale_approvals")
        assert known["filed"] in _keys(demo, "sz_supervisor", "idle_cases")
        overdue = _keys(demo, "sz_supervisor", "overdue_steps")
        assert known["pending"] in overdue  # the 15-working-day verification limit has passed
        assert known["filed"] not in overdue  # the 90-day decision limit has not
        body = demo.api("ft_head").get("/api/v1/supervision/checks").json()
        settings_text = {c["key"]: c["setting"] for c in body}
        assert "可配置设置（非法定）" in settings_text["stale_approvals"]
        assert "3个工作日" in settings_text["stale_approvals"]
        assert "可配置设置（非法定）" in settings_text["idle_cases"] and settings_text["overdue_steps"] == ""
        page = demo.client("sz_supervisor").get("/supervision/checks/", {"tab": "idle_cases"})
        assert page.status_code == 200 and "立案后搁置" in page.content.decode()
        export = demo.client("sz_supervisor").get("/supervision/checks/idle_cases.xlsx")
        cells = [c for row in load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True) for c in row]
        assert "立案后搁置" in cells


def test_settings_change_what_is_listed(demo, known, settings):
    settings.SUPERVISION_FINE_EDGE_PERCENT = 99
    assert known["middle"] in _keys(demo, "sz_supervisor", "edge_fines")


def test_scope(demo, known):
    for key in ("edge_fines", "unreviewed_decisions", "unpaid_fines"):
        assert not _keys(demo, "ns_head", key) & set(known.values())
    assert demo.api("ft_officer1").get("/api/v1/supervision/checks").status_code == 403
    assert demo.client("ft_officer1").get("/supervision/checks/").status_code == 404
    assert demo.api("ft_police").get("/api/v1/supervision/checks/edge_fines").status_code == 403


def test_the_rules_tab_is_offered_only_to_those_who_may_open_it(demo):
    for username, offered, status in (("ft_officer1", False, 404), ("sz_supervisor", True, 200)):
        client = demo.client(username)
        assert ("/supervision/checks/" in client.get("/supervision/cases/").content.decode()) is offered
        assert client.get("/supervision/checks/").status_code == status
