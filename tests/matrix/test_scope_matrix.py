"""Who may read and do what, for cases, transfers, evidence, documents, work items and exports: every page,
action, export, file download and API endpoint of each, for five people (see `base.py`)."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.core.models import ExportJob
from ipenforce.linkage.models import Transfer
from tests.matrix.base import ABSENT, LISTED, Call, MatrixTest, expect

pytestmark = pytest.mark.django_db
MARK = "矩阵案件甲"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _version(model, key):
    return lambda ids: model.objects.get(pk=ids[key]).version


def _case_under_investigation(walker, **extra) -> dict:
    walker.register("trademark", title=MARK, **extra)
    walker.to_investigation()
    return {"case": walker.case["id"]}


class TestCaseMatrix(MatrixTest):
    def make(self, demo, walker):
        return _case_under_investigation(walker)

    def calls(self, ids):
        read = expect(200, 200, 404, 404, 302)
        api_read = expect(200, 200, 404, 404, 401)
        return [
            Call("case page", "get", "/cases/{case}/", read),
            Call("edit page", "get", "/cases/{case}/edit/", expect(200, 404, 404, 404, 302)),
            Call("case list page", "get", "/cases/", expect(LISTED, LISTED, ABSENT, ABSENT, 302), marker=MARK),
            Call("case export", "get", "/cases/export.xlsx", expect(LISTED, LISTED, ABSENT, ABSENT, 302), marker=MARK),
            Call("API case", "api_get", "/api/v1/cases/{case}", api_read),
            Call("API case list", "api_get", "/api/v1/cases", expect(LISTED, LISTED, ABSENT, ABSENT, 401),
                 marker=MARK),
            Call("API case export", "api_get", "/api/v1/cases.xlsx", expect(LISTED, LISTED, ABSENT, ABSENT, 401),
                 marker=MARK),
            Call("API edit", "api_patch", "/api/v1/cases/{case}", expect(200, 403, 404, 404, 401),
                 data={"version": _version(Case, "case"), "description": "补充线索"}),
            Call("API add party", "api_post", "/api/v1/cases/{case}/parties", expect(201, 403, 404, 404, 401),
                 data={"version": _version(Case, "case"), "kind": "natural_person", "name": "李四",
                       "id_number": "11010519491231002X"}),
            Call("action page", "post", "/cases/{case}/actions/extend_decision/", expect(302, 403, 404, 404, 302),
                 data={"version": _version(Case, "case"), "extend_decision-reason": "案情复杂"}),
            Call("approval answer API", "api_post", "/api/v1/cases/{case}/actions/approve",
                 expect(403, 403, 404, 404, 401, head=200),
                 data={"version": _version(Case, "case"), "comment": "同意"}),
        ]

    def people(self):
        return {**super().people(), "head": "ft_head"}


class TestTransferMatrix(MatrixTest):
    def make(self, demo, walker):
        ids = _case_under_investigation(walker, illegal_turnover="600000")
        walker.act("ft_officer1", "propose_transfer", report="涉嫌犯罪")
        transfer = Transfer.objects.get(case_id=ids["case"])
        api = demo.api("ft_head")
        approved = api.post(f"/api/v1/transfers/{transfer.pk}/actions/approve", {"version": transfer.version})
        assert approved.status_code == 200
        demo.api("ft_officer1").post(f"/api/v1/cases/{ids['case']}/documents", {"kind": "crime_transfer"})
        transfer.refresh_from_db()
        sent = demo.api("ft_officer1").post(f"/api/v1/transfers/{transfer.pk}/actions/send", {
            "version": transfer.version, "police_id": demo.agency("深圳市公安局福田分局").pk, "letter": True,
            "report": True, "goods_list": True, "test_reports": True}).json()
        step = sent["steps"][-1]["id"]
        api = demo.api("ft_officer1")
        files = api.client.post(f"/api/v1/transfers/{transfer.pk}/steps/{step}/files",
                                {"files": [SimpleUploadedFile("移送书.pdf", PDF)]}, headers=api.headers)
        assert files.status_code == 201, files.json()
        attachment = transfer.steps.get(pk=step).transfer_attachments.get().pk
        return {**ids, "transfer": transfer.pk, "step": step, "attachment": attachment}

    def people(self):
        return {**super().people(), "police_here": "ft_police", "procuratorate": "sz_procurator"}

    def calls(self, ids):
        read = expect(200, 200, 404, 404, 302, police_here=200, procuratorate=200)
        api_read = expect(200, 200, 404, 404, 401, police_here=200, procuratorate=200)
        return [
            Call("transfer page", "get", "/transfers/{transfer}/", read),
            Call("transfer list", "get", "/transfers/", expect(LISTED, LISTED, ABSENT, ABSENT, 302, police_here=LISTED),
                 data={"all": "1"}, marker="/transfers/{}/".format(ids["transfer"])),
            Call("transfer export", "get", "/transfers/export.xlsx",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 302, police_here=LISTED), data={"all": "1"},
                 marker=str(ids["transfer"])),
            Call("case page for the police", "get", "/cases/{case}/", read),
            Call("attachment", "get", "/transfers/{transfer}/files/{attachment}/", read),
            Call("API transfer", "api_get", "/api/v1/transfers/{transfer}", api_read),
            Call("API attachment", "api_get", "/api/v1/transfers/{transfer}/files/{attachment}", api_read),
            Call("API attach to the bureau's step", "api_multipart", "/api/v1/transfers/{transfer}/steps/{step}/files",
                 expect(201, 403, 404, 404, 401, police_here=403), data={"files": lambda ids: SimpleUploadedFile(
                     "补充.pdf", PDF)}),
            Call("API police step", "api_post", "/api/v1/transfers/{transfer}/actions/acknowledge",
                 expect(403, 403, 404, 404, 401, procuratorate=403, police_here=200),
                 data={"version": _version(Transfer, "transfer")}),
        ]


class TestEvidenceMatrix(MatrixTest):
    def make(self, demo, walker):
        ids = _case_under_investigation(walker)
        api = demo.api("ft_officer1")
        response = api.client.post(f"/api/v1/cases/{ids['case']}/evidence", {
            "kind": "documentary", "description": "购销合同", "source": "当事人", "place": "华强北路1号",
            "collected_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "collector_ids": [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk],
            "files": [SimpleUploadedFile("合同.pdf", PDF)]}, headers=api.headers)
        assert response.status_code == 201, response.json()
        return {**ids, "item": response.json()["id"], "file": response.json()["files"][0]["id"]}

    def calls(self, ids):
        return [
            Call("evidence page", "get", "/cases/{case}/evidence/", expect(200, 200, 404, 404, 302)),
            Call("evidence export", "get", "/cases/{case}/evidence/export.xlsx", expect(200, 200, 404, 404, 302)),
            Call("file download", "get", "/cases/{case}/evidence/files/{file}/", expect(200, 200, 404, 404, 302)),
            Call("API evidence", "api_get", "/api/v1/cases/{case}/evidence", expect(200, 200, 404, 404, 401)),
            Call("API file", "api_get", "/api/v1/cases/{case}/evidence/files/{file}", expect(200, 200, 404, 404, 401)),
            Call("API proves", "api_patch", "/api/v1/cases/{case}/evidence/{item}", expect(200, 403, 404, 404, 401),
                 data={"proves": "证明当事人购进侵权耳机"}),
            Call("page proves", "post", "/cases/{case}/evidence/{item}/proves/", expect(302, 403, 404, 404, 302),
                 data={"proves": "证明当事人购进侵权耳机"}),
            Call("API custody", "api_post", "/api/v1/cases/{case}/evidence/{item}/custody",
                 expect(201, 403, 404, 404, 401),
                 data={"kind": "sealed", "at": timezone.now().isoformat(), "place": "证物室"}),
        ]


class TestDocumentMatrix(MatrixTest):
    def make(self, demo, walker):
        ids = _case_under_investigation(walker)
        document = demo.api("ft_officer1").post(f"/api/v1/cases/{ids['case']}/documents", {"kind": "case_source"})
        assert document.status_code == 201
        return {**ids, "document": document.json()["id"]}

    def people(self):
        return {**super().people(), "city_admin": "sz_admin", "district_admin": "ft_admin"}

    def calls(self, ids):
        return [
            Call("documents page", "get", "/cases/{case}/documents/", expect(200, 200, 404, 404, 302)),
            Call("download", "get", "/cases/{case}/documents/{document}/", expect(200, 200, 404, 404, 302)),
            Call("API documents", "api_get", "/api/v1/cases/{case}/documents", expect(200, 200, 404, 404, 401)),
            Call("API download", "api_get", "/api/v1/cases/{case}/documents/{document}",
                 expect(200, 200, 404, 404, 401)),
            Call("API generate", "api_post", "/api/v1/cases/{case}/documents", expect(201, 403, 404, 404, 401),
                 data={"kind": "filing_approval"}),
            Call("template page", "get", "/documents/templates/",
                 expect(404, 404, 404, 404, 302, city_admin=200, district_admin=200)),
            Call("API templates", "api_get", "/api/v1/document-templates",
                 expect(403, 403, 403, 403, 401, city_admin=200, district_admin=200)),
            Call("API template upload", "api_multipart", "/api/v1/document-templates",
                 expect(403, 403, 403, 403, 401, district_admin=403),
                 data={"kind": "case_source", "file": lambda ids: SimpleUploadedFile("t.docx", b"x")}),
        ]


class TestWorkItemMatrix(MatrixTest):
    def make(self, demo, walker):
        return _case_under_investigation(walker)

    def calls(self, ids):
        number = Case.objects.get(pk=ids["case"]).number
        return [
            Call("workbench", "get", "/", expect(LISTED, ABSENT, ABSENT, ABSENT, 302), marker=number),
            Call("API work items", "api_get", "/api/v1/work-items", expect(LISTED, ABSENT, ABSENT, ABSENT, 401),
                 marker=number),
            Call("work items export", "get", "/work-items/export.xlsx", expect(LISTED, ABSENT, ABSENT, ABSENT, 302),
                 marker=number),
        ]


class TestExportJobMatrix(MatrixTest):
    def make(self, demo, walker):
        ids = _case_under_investigation(walker)
        job = ExportJob.objects.create(user=demo.user("ft_officer1"), name="cases", state=ExportJob.QUEUED)
        return {**ids, "job": job.pk}

    def calls(self, ids):
        return [
            Call("export job page", "get", "/exports/{job}/", expect(200, 404, 404, 404, 302)),
            Call("API export job", "api_get", "/api/v1/exports/{job}", expect(200, 404, 404, 404, 401)),
            Call("my exports", "get", "/exports/", expect(200, 200, 200, 200, 302)),
        ]
