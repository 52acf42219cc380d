"""Who may read and do what in programs: a funding application, a policy task and a key enterprise of 福田, for
the five people of `base.py` (a legal reviewer reads but does not handle; police see no programs pages)."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ipenforce.programs import services
from ipenforce.programs.models import FundingApplication, KeyEnterprise, PolicyTask
from tests.matrix.base import ABSENT, LISTED, Call, MatrixTest, expect
from tests.programs.conftest import uscc

pytestmark = pytest.mark.django_db
MARK = "矩阵资助企业甲"
TASK_MARK = "矩阵政策任务甲"
KEY_MARK = "矩阵重点企业甲"


def _version(model, key):
    return lambda ids: model.objects.get(pk=ids[key]).version


class TestProgramsMatrix(MatrixTest):
    def make(self, demo, walker):
        officer = demo.user("ft_officer1")
        today = timezone.localdate()
        call = services.call_create(actor=officer, agency=officer.agency, year=today.year, title="矩阵资助项目",
                                    track="approval", budget=Decimal("100000"), opens_on=today,
                                    closes_on=today + timedelta(days=5), cap=Decimal("5000"),
                                    unit_amount=Decimal("1000"))
        application = services.application_submit(actor=officer, call=call, applicant_name=MARK,
                                                  applicant_uscc=uscc(90), project_ref="ZL-M-1",
                                                  requested=Decimal("1000"), undertaking=True, quantity=1)
        document = services.document_create(actor=officer, agency=officer.agency, title="矩阵台账")
        task = services.task_add(actor=officer, document=document, area="机制建设", title=TASK_MARK,
                                 lead_unit="福田监管局")
        key = services.key_enterprise_nominate(actor=officer, agency=officer.agency, name=KEY_MARK, uscc=uscc(91))
        return {"app": application.pk, "task": task.pk, "document": document.pk, "key": key.pk}

    def calls(self, ids):
        page = expect(200, 200, 404, 403, 302)
        api_read = expect(200, 200, 404, 404, 401)
        page_list = expect(LISTED, LISTED, ABSENT, 403, 302)
        api_list = expect(LISTED, LISTED, ABSENT, ABSENT, 401)
        return [
            Call("application page", "get", "/programs/applications/{app}/", page),
            Call("application list page", "get", "/programs/applications/", page_list, marker=MARK),
            Call("application export", "get", "/programs/applications/export.xlsx",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 302), marker=MARK),
            Call("API application", "api_get", "/api/v1/programs/applications/{app}", api_read),
            Call("API application list", "api_get", "/api/v1/programs/applications", api_list, marker=MARK),
            Call("API application export", "api_get", "/api/v1/programs/applications.xlsx", api_list, marker=MARK),
            Call("API accept", "api_post", "/api/v1/programs/applications/{app}/actions/accept",
                 expect(200, 403, 404, 404, 401), data={"version": _version(FundingApplication, "app")}),
            Call("ledger page", "get", "/programs/ledgers/{document}/", page),
            Call("task page", "get", "/programs/tasks/{task}/", page),
            Call("API task", "api_get", "/api/v1/programs/tasks/{task}", api_read),
            Call("API task list", "api_get", "/api/v1/programs/tasks", api_list, marker=TASK_MARK),
            Call("task report page", "post", "/programs/tasks/{task}/actions/report/",
                 expect(302, 403, 404, 403, 302),
                 data={"version": _version(PolicyTask, "task"), "report-progress": "进展",
                       "report-evidence": "纪要", "report-status": "in_progress"}),
            Call("key enterprises page", "get", "/programs/key-enterprises/", page_list, marker=KEY_MARK),
            Call("API key enterprises", "api_get", "/api/v1/programs/key-enterprises", api_list, marker=KEY_MARK),
            Call("key enterprises export", "get", "/programs/key-enterprises/export.xlsx",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 302), marker=KEY_MARK),
            Call("key enterprise page", "get", "/programs/key-enterprises/{key}/", page),
            Call("API key enterprise", "api_get", "/api/v1/programs/key-enterprises/{key}", api_read),
            Call("API approve listing", "api_post", "/api/v1/programs/key-enterprises/{key}/actions/approve_listing",
                 expect(403, 403, 404, 404, 401, head=200),
                 data={"version": _version(KeyEnterprise, "key"), "valid_until": "2099-12-31"}),
            Call("decline page", "post", "/programs/applications/{app}/actions/decline/",
                 expect(302, 403, 404, 403, 302),
                 data={"version": _version(FundingApplication, "app"), "decline-reason": "不符合条件"}),
        ]

    def people(self):
        return {**super().people(), "head": "ft_head"}
