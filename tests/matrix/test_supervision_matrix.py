"""Who may read and do what for supervision: a supervised case (挂牌督办) of 福田 and an enforcement supervision order
to 福田 — every page, list, export and API endpoint for the five people of the matrix (see `base.py`)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ipenforce.supervision.models import SupervisedCase, SupervisionOrder
from ipenforce.supervision.services import order_issue, supervised_case_open
from tests.matrix.base import ABSENT, LISTED, Call, MatrixTest, expect

pytestmark = pytest.mark.django_db
MARK = "矩阵督办案件"
MATTER = "矩阵监督事项"


def _version(model, key):
    return lambda ids: model.objects.get(pk=ids[key]).version


class TestSupervisionMatrix(MatrixTest):
    def make(self, demo, walker):
        walker.register("trademark", title=MARK)
        walker.to_investigation()
        from ipenforce.cases.models import Case

        case = Case.objects.get(pk=walker.case["id"])
        item = supervised_case_open(actor=demo.user("sz_supervisor"), case=case, instructions="督办",
                                    interval_days=7, deadline=timezone.localdate() + timedelta(days=30))
        order = order_issue(actor=demo.user("sz_supervisor"), target=demo.agency("深圳市市场监督管理局福田监管局"),
                            matter=MATTER)
        return {"item": item.pk, "order": order.pk}

    def calls(self, ids):
        return [
            Call("supervised case page", "get", "/supervision/cases/{item}/", expect(200, 200, 404, 404, 302)),
            Call("supervised case list", "get", "/supervision/cases/", expect(LISTED, LISTED, ABSENT, 404, 302),
                 marker=f"/supervision/cases/{ids['item']}/"),
            Call("supervised case export", "get", "/supervision/cases/export.xlsx",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 302), marker=MARK),
            Call("weekly table", "get", "/supervision/cases/weekly.xlsx",
                 expect(LISTED, LISTED, ABSENT, 404, 302), marker=MARK),
            Call("API supervised case", "api_get", "/api/v1/supervision/cases/{item}",
                 expect(200, 200, 404, 404, 401)),
            Call("API supervised case list", "api_get", "/api/v1/supervision/cases",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 401), marker=MARK),
            Call("API report", "api_post", "/api/v1/supervision/cases/{item}/actions/report",
                 expect(200, 403, 404, 404, 401),
                 data={"version": _version(SupervisedCase, "item"), "progress": "进展", "stage": "administrative"}),
            Call("report page form", "post", "/supervision/cases/{item}/actions/report/",
                 expect(302, 403, 404, 404, 302),
                 data={"version": _version(SupervisedCase, "item"), "report-progress": "进展",
                       "report-stage": "administrative"}),
            Call("API accept", "api_post", "/api/v1/supervision/cases/{item}/actions/accept",
                 expect(403, 403, 404, 404, 401), data={"version": _version(SupervisedCase, "item")}),
            Call("order page", "get", "/supervision/orders/{order}/", expect(200, 200, 404, 404, 302)),
            Call("order list", "get", "/supervision/orders/", expect(LISTED, LISTED, ABSENT, 404, 302),
                 marker=MATTER),
            Call("order notice", "get", "/supervision/orders/{order}/documents/notice/",
                 expect(200, 200, 404, 404, 302)),
            Call("API order", "api_get", "/api/v1/supervision/orders/{order}", expect(200, 200, 404, 404, 401)),
            Call("API order list", "api_get", "/api/v1/supervision/orders",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 401), marker=MATTER),
            Call("API explain", "api_post", "/api/v1/supervision/orders/{order}/actions/explain",
                 expect(403, 403, 404, 404, 401, head=200),
                 data={"version": _version(SupervisionOrder, "order"), "explanation": "说明"}),
            Call("supervision rules page", "get", "/supervision/checks/", expect(404, 404, 404, 404, 302)),
            Call("API supervision rules", "api_get", "/api/v1/supervision/checks", expect(403, 403, 403, 403, 401)),
            Call("file review list", "get", "/supervision/file-reviews/", expect(200, 200, 200, 404, 302)),
        ]

    def people(self):
        return {**super().people(), "head": "ft_head"}
