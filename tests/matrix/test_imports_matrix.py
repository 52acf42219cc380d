"""Who may use the .xlsx imports (a ledger's tasks, the key-enterprise registry, legacy cases) and the expert
score sheets: a ledger, an import job and a score sheet of 福田, for the people of `base.py` and 福田's head."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ipenforce.core.models import ImportJob
from ipenforce.programs import services
from tests.matrix.base import Call, MatrixTest, expect
from tests.programs.conftest import uscc

pytestmark = pytest.mark.django_db


class TestImportsMatrix(MatrixTest):
    def make(self, demo, walker):
        officer = demo.user("ft_officer1")
        today = timezone.localdate()
        document = services.document_create(actor=officer, agency=officer.agency, title="矩阵导入台账")
        job = ImportJob.objects.create(user=officer, name="policy_tasks", params={"document": str(document.pk)},
                                       state=ImportJob.INVALID,
                                       errors=[{"row": 2, "column": "任务", "message": "必填。"}])
        call = services.call_create(actor=officer, agency=officer.agency, year=today.year, title="矩阵竞争性项目",
                                    track="competitive", budget=Decimal("100000"), opens_on=today,
                                    closes_on=today + timedelta(days=5), cap=Decimal("5000"))
        application = services.application_submit(actor=officer, call=call, applicant_name="矩阵评审企业",
                                                  applicant_uscc=uscc(95), project_ref="ZL-M-9",
                                                  requested=Decimal("1000"), undertaking=True)
        application.state = "expert_review"  # the steps before review are tested in tests/programs
        application.save(update_fields=["state"])
        sheet = services.score_sheets_assign(actor=officer, application=application,
                                             experts=[demo.user("ft_legal")])[0]
        return {"document": document.pk, "job": job.pk, "sheet": sheet.pk, "app": application.pk,
                "expert": demo.user("ft_officer2").pk}

    def calls(self, ids):
        return [
            Call("ledger import page", "get", "/programs/ledgers/{document}/import/", expect(200, 403, 404, 404, 302)),
            Call("ledger import template", "get", "/programs/ledgers/{document}/import/template.xlsx",
                 expect(200, 403, 404, 404, 302)),
            Call("key enterprise import page", "get", "/programs/key-enterprises/import/",
                 expect(200, 403, 200, 403, 302)),
            Call("legacy case import page", "get", "/cases/import/", expect(403, 403, 403, 403, 302, head=200)),
            Call("API legacy case template", "api_get", "/api/v1/imports/legacy_cases/template.xlsx",
                 expect(200, 200, 200, 200, 401)),
            Call("import job page", "get", "/imports/{job}/", expect(200, 404, 404, 404, 302)),
            Call("API import job", "api_get", "/api/v1/imports/jobs/{job}", expect(200, 404, 404, 404, 401)),
            Call("score sheet page", "get", "/programs/score-sheets/{sheet}/", expect(404, 200, 404, 404, 302)),
            Call("API score sheet", "api_get", "/api/v1/programs/score-sheets/{sheet}",
                 expect(404, 200, 404, 404, 401)),
            Call("API submit score sheet", "api_post", "/api/v1/programs/score-sheets/{sheet}/submit",
                 expect(404, 200, 404, 404, 401), data={"no_conflict": True, "score": "88", "opinion": "可行"}),
            Call("API assign experts", "api_post", "/api/v1/programs/applications/{app}/experts",
                 expect(201, 403, 404, 404, 401), data={"expert_ids": lambda ids: [ids["expert"]]}),
        ]

    def people(self):
        return {**super().people(), "head": "ft_head"}
