"""Query-count baselines (checked in beside this file): each list and page may use no more queries than its
baseline, and no more with twice the rows — so an N+1 fails here instead of at a million cases."""
import json
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipenforce.command import services as command
from ipenforce.command.models import AssistanceRequest
from ipenforce.linkage.models import Transfer
from ipenforce.workflow.services import perform

pytestmark = pytest.mark.django_db
BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))

# (name, who, page or API path); "{case}" and "{transfer}" are the newest ones, "{unit}" is 福田.
CALLS = [
    ("case list page", "client", "sz_supervisor", "/cases/"),
    ("case page", "client", "ft_officer1", "/cases/{case}/"),
    ("approvals queue", "client", "ft_head", "/cases/approvals/"),
    ("workbench", "client", "ft_officer1", "/"),
    ("transfer list page", "client", "ft_officer1", "/transfers/?all=1"),
    ("transfer page", "client", "ft_officer1", "/transfers/{transfer}/"),
    ("API case list", "api", "sz_supervisor", "/api/v1/cases"),
    ("API case", "api", "ft_officer1", "/api/v1/cases/{case}"),
    ("API transfer list", "api", "ft_officer1", "/api/v1/transfers"),
    ("API transfer", "api", "ft_officer1", "/api/v1/transfers/{transfer}"),
    ("API work items", "api", "ft_officer1", "/api/v1/work-items"),
    ("API agencies", "api", "sz_supervisor", "/api/v1/agencies"),
    ("API users", "api", "sz_admin", "/api/v1/users"),
    ("inbox page", "client", "ft_head", "/inbox/"),
    ("API notifications", "api", "ft_head", "/api/v1/notifications"),
    ("command view", "client", "sz_head", "/command/"),
    ("API command view", "api", "sz_head", "/api/v1/command"),
    ("unit work list", "client", "sz_head", "/command/units/{unit}/work/"),
    ("assignment list page", "client", "ft_officer1", "/assignments/?all=1"),
    ("assignment page", "client", "ft_officer1", "/assignments/{assignment}/"),
    ("API assignment list", "api", "ft_officer1", "/api/v1/assignments"),
    ("API assignment", "api", "ft_officer1", "/api/v1/assignments/{assignment}"),
    ("assistance list page", "client", "ft_officer1", "/assistance-requests/?all=1"),
    ("assistance page", "client", "ft_officer1", "/assistance-requests/{assistance}/"),
    ("API assistance list", "api", "ft_officer1", "/api/v1/assistance-requests"),
    ("API assistance request", "api", "ft_officer1", "/api/v1/assistance-requests/{assistance}"),
    ("joint operation list page", "client", "ft_officer1", "/joint-operations/"),
    ("joint operation page", "client", "ft_officer1", "/joint-operations/{operation}/"),
    ("API joint operation", "api", "ft_officer1", "/api/v1/joint-operations/{operation}"),
]


def _add_cases(walker, n: int) -> dict:
    """n cases under investigation in 福田, each with a transfer proposed and an approval waiting on the head, an
    assignment of it to 华强北所 awaiting the head's sign-off, an assistance request to 南山 and a joint operation."""
    demo = walker.demo
    officer, futian = demo.user("ft_officer1"), demo.agency("深圳市市场监督管理局福田监管局")
    for _i in range(n):
        walker.register("trademark", illegal_turnover="600000")
        walker.to_investigation()
        walker.act("ft_officer1", "propose_transfer", report="涉嫌犯罪")
        walker.act("ft_officer1", "extend_decision", reason="案情复杂")
        (assignment,) = command.assignment_draft(
            actor=officer, receiver_ids=[demo.agency("福田监管局华强北市场监管所").pk], kind="case",
            case_id=walker.case["id"], title="交办案件", instructions="请协助调查", reply_within_days=10)
        perform(procedure="assignment", subject_id=assignment.pk, action="issue", actor=officer,
                version=assignment.version, data={})
        command.assistance_send(actor=officer, assisted_id=demo.agency("深圳市市场监督管理局南山监管局").pk,
                                case_id=walker.case["id"], matters=["verify_party"], details="请核实")
        operation = command.operation_plan(
            actor=officer, title="联合检查", plan="检查", starts_on=date.today(), ends_on=date.today(),
            participant_ids=[demo.agency("深圳市公安局福田分局").pk], officer_ids=[officer.pk])
        command.operation_link_case(actor=officer, operation=operation, case_id=walker.case["id"])
    return {"case": walker.case["id"], "transfer": Transfer.objects.latest("pk").pk, "unit": futian.pk,
            "assignment": assignment.pk, "assistance": AssistanceRequest.objects.latest("pk").pk,
            "operation": operation.pk}


def _count(demo, kind: str, username: str, url: str) -> int:
    client = demo.client(username) if kind == "client" else demo.api(username)
    client.get(url)  # warm the per-process caches (content types, rules)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_lists_and_pages_stay_within_their_query_baselines(demo, walker):
    ids = _add_cases(walker, 2)
    small = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    ids = _add_cases(walker, 3)
    large = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    over = {name: (large[name], BASELINES.get(name)) for name in large if large[name] > BASELINES.get(name, 0)}
    grew = {name: (small[name], large[name]) for name in large if large[name] > small[name]}
    assert not over, f"over the baseline (counted, allowed): {over}"
    assert not grew, f"queries grow with the rows (2 → 5 cases): {grew}"
