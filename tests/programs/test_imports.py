"""The registries' bulk .xlsx imports through core's facility: every error by row and column before anything is
saved, then all the rows in one transaction on the worker; and an expert's score-sheet pages."""
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from ipenforce.core.models import ImportJob
from ipenforce.programs.models import KeyEnterprise, RightsContact
from tests.programs.conftest import uscc

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


def _xlsx(headers, rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("名录.xlsx", buffer.getvalue())


def _headers(client, url) -> list[str]:
    return [c.value for c in load_workbook(BytesIO(client.get(url + "template.xlsx").content)).worksheets[0][1]]


def test_key_enterprises_import_all_or_nothing(demo, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    client = demo.client("ft_officer1")
    url = "/programs/key-enterprises/import/"
    headers = _headers(client, url)
    assert headers[:2] == ["企业名称", "统一社会信用代码"]
    bad = client.post(url, {"file": _xlsx(headers, [["甲公司", uscc(1)], ["乙公司", "91440300MA5F000010"],
                                                     ["", uscc(1)]])}, follow=True)
    job = ImportJob.objects.get()
    assert job.state == "invalid" and [(e["row"], e["column"]) for e in job.errors] == [
        (3, "统一社会信用代码"), (4, "企业名称"), (4, "统一社会信用代码")]
    assert "与第2行重复" in bad.content.decode() and not KeyEnterprise.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"file": _xlsx(headers, [["甲公司", uscc(1), "电子信息"], ["乙公司", uscc(2)]])})
    done = ImportJob.objects.order_by("-pk").first()
    assert done.state == "done" and done.done == 2 and done.percent == 100
    assert set(KeyEnterprise.objects.values_list("name", "state")) == {("甲公司", "nominated"), ("乙公司", "nominated")}
    again = client.post(url, {"file": _xlsx(headers, [["甲公司", uscc(1)]])}, follow=True)
    assert "该企业已在名录中或正在审核" in again.content.decode()  # checked against the registry too
    assert demo.client("ft_legal").get(url).status_code == 403  # reads programs, may not keep the registry


def test_rights_contacts_import_checks_choices_and_dates(demo, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    api = demo.api("ft_officer1")
    headers = _headers(demo.client("ft_officer1"), "/programs/rights-contacts/import/")
    bad = api.client.post("/api/v1/imports/rights_contacts", {"file": _xlsx(headers, [
        ["别的名录", "某公司", "", "", "", "", "张三", "", "2027-02-30"]])}, headers=api.headers)
    assert bad.status_code == 422
    assert [e["column"] for e in bad.json()["errors"]] == ["名录", "有效期至"]
    with django_capture_on_commit_callbacks(execute=True):
        good = api.client.post("/api/v1/imports/rights_contacts", {"file": _xlsx(headers, [
            ["权利人联系名录", "某公司", "", "", "充电宝", "", "张三 0755", "", "2027-02-28"]])}, headers=api.headers)
    assert good.status_code == 201
    assert api.get(f"/api/v1/imports/jobs/{good.json()['id']}").json()["state"] == "done"
    assert RightsContact.objects.get().valid_until.isoformat() == "2027-02-28"
    assert demo.api("ns_officer1").get(f"/api/v1/imports/jobs/{good.json()['id']}").status_code == 404
