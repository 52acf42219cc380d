"""Query-count baselines of the supervision pages and API (baselines.json): within the baseline, and no more
queries with more supervised cases, orders and reviewed files."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ipenforce.cases.models import Case
from tests.queries.test_query_counts import BASELINES

pytestmark = pytest.mark.django_db
FUTIAN = "深圳市市场监督管理局福田监管局"

CALLS = [
    ("supervised case list page", "client", "sz_supervisor", "/supervision/cases/"),
    ("supervised case page", "client", "ft_officer1", "/supervision/cases/{item}/"),
    ("API supervised case list", "api", "sz_supervisor", "/api/v1/supervision/cases"),
    ("API supervised case", "api", "ft_officer1", "/api/v1/supervision/cases/{item}"),
    ("supervision order list page", "client", "sz_supervisor", "/supervision/orders/"),
    ("supervision order page", "client", "ft_head", "/supervision/orders/{order}/"),
    ("API supervision orders", "api", "sz_supervisor", "/api/v1/supervision/orders"),
    ("supervision rules page", "client", "sz_supervisor", "/supervision/checks/?tab=unpaid_fines"),
    ("API supervision rules", "api", "sz_supervisor", "/api/v1/supervision/checks"),
    ("file review page", "client", "sz_supervisor", "/supervision/file-reviews/{draw}/"),
    ("API file review", "api", "sz_supervisor", "/api/v1/supervision/file-reviews/{draw}"),
]


def _add(demo, walker, n: int) -> dict:
    today = timezone.localdate()
    supervisor = demo.api("sz_supervisor")
    for _i in range(n):
        walker.register("trademark", title="查询基线")
        walker.to_investigation()
        item = supervisor.post("/api/v1/supervision/cases", {
            "case_id": walker.case["id"], "instructions": "督办", "interval_days": 7,
            "deadline": str(today + timedelta(days=30))}).json()
        demo.api("ft_officer1").post(f"/api/v1/supervision/cases/{item['id']}/actions/report",
                                     {"version": item["version"], "progress": "进展", "stage": "administrative"})
        order = supervisor.post("/api/v1/supervision/orders", {"target_id": demo.agency(FUTIAN).pk,
                                                                "matter": "执法问题"}).json()
        Case.objects.filter(pk=walker.case["id"]).update(state="closed", closed_on=today, payment_due_on=today
                                                         - timedelta(days=1), fine=1000)
    draw = supervisor.post("/api/v1/supervision/file-reviews", {
        "unit_id": demo.agency(FUTIAN).pk, "period_start": str(today - timedelta(days=5)), "period_end": str(today),
        "sample_size": n, "seed": "基线"}).json()
    for case_id in draw["selected"]:
        supervisor.post(f"/api/v1/supervision/file-reviews/{draw['id']}/cases/{case_id}/score", {"deductions": [
            {"item": "file", "code": "document_defect", "reason": "文号缺失"}]})
    return {"item": item["id"], "order": order["id"], "draw": draw["id"]}


def _count(demo, kind: str, username: str, url: str) -> int:
    client = demo.client(username) if kind == "client" else demo.api(username)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_supervision_pages_stay_within_their_query_baselines(demo, walker):
    ids = _add(demo, walker, 2)
    small = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    ids = _add(demo, walker, 3)
    large = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    over = {name: (large[name], BASELINES.get(name)) for name in large if large[name] > BASELINES.get(name, 0)}
    grew = {name: (small[name], large[name]) for name in large if large[name] > small[name]}
    assert not grew, f"queries grow with the rows (2 → 5): {grew}"
    assert not over, f"over the baseline (counted, allowed): {over}"
