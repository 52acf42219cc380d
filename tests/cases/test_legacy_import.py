"""Bulk import of closed cases from a legacy system: a template, every error by row and column before anything is
saved, then one transaction on the worker; imported cases keep their numbers and dates and say so in their
timeline and the audit log."""
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from ipenforce.cases.models import Case
from ipenforce.core.identifiers import uscc_check_char
from ipenforce.core.models import AuditEvent, ImportJob

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
FUTIAN = "深圳市市场监督管理局福田监管局"
USCC = "91440300MA5F00002" + uscc_check_char("91440300MA5F00002")


def _row(number="深市监罚〔2019〕12号", **change):
    row = {"案件编号": number, "办案单位": FUTIAN, "案由": "销售侵犯注册商标专用权的商品",
           "知识产权类型": "商标（侵权）", "案件来源": "监督检查", "当事人": "深圳市某贸易有限公司",
           "当事人证件号码": USCC, "发现日期": "2019-03-01", "立案日期": "2019-03-05", "决定日期": "2019-06-20",
           "结案日期": "2019-07-15", "处理结果": "行政处罚", "违法经营额（元）": "12000.00", "罚款（元）": "30000",
           "没收违法所得（元）": "2000.5"}
    row.update(change)
    return row


def _upload(client, headers, rows):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append([row.get(h) for h in headers])
    buffer = BytesIO()
    book.save(buffer)
    return client.post("/cases/import/", {"file": SimpleUploadedFile("old.xlsx", buffer.getvalue())})


def test_legacy_cases_import_with_their_numbers_and_dates(demo, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    client = demo.client("ft_unithead")
    assert 'data-testid="case-import"' in client.get("/cases/").content.decode()
    template = load_workbook(BytesIO(client.get("/cases/import/template.xlsx").content))
    headers = [c.value for c in template.worksheets[0][1]]
    assert headers[:3] == ["案件编号", "办案单位", "案由"]
    bad = _upload(client, headers, [
        _row(), _row(number="深市监罚〔2019〕12号", 结案日期="2019-01-01"),
        _row(number="X1", 办案单位="深圳市市场监督管理局南山监管局", 当事人证件号码="91440300MA5F000010",
             知识产权类型="外星", **{"罚款（元）": "-5", "发现日期": "2019/13/01"}),
        _row(number="X2", 办案单位="深圳市公安局")])
    job = ImportJob.objects.get()
    assert bad["Location"] == f"/imports/{job.pk}/" and job.state == "invalid"
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (3, "案件编号"), (3, "结案日期"),
        (4, "办案单位"), (4, "知识产权类型"), (4, "当事人证件号码"), (4, "发现日期"), (4, "罚款（元）"),
        (5, "办案单位")]
    assert not Case.objects.filter(number__startswith="深市监罚〔2019〕").exists()
    page = client.get(bad["Location"]).content.decode()
    assert "不能早于决定日期" in page and "与第2行重复" in page
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, headers, [_row(), _row(number="深市监罚〔2019〕13号", 当事人="张某",
                                               当事人证件号码="11010519491231002X", 立案日期=None, 决定日期=None)])
    job = ImportJob.objects.order_by("-pk").first()
    assert job.state == "done" and job.done == 2, job.errors
    case = Case.objects.get(number="深市监罚〔2019〕12号")
    assert case.state == "closed" and case.closed_on.isoformat() == "2019-07-15"
    assert case.discovered_on.isoformat() == "2019-03-01" and case.filed_on.isoformat() == "2019-03-05"
    assert str(case.fine) == "30000.00" and str(case.confiscation) == "2000.50" and case.agency.name == FUTIAN
    assert case.parties.get().uscc == USCC
    person = Case.objects.get(number="深市监罚〔2019〕13号").parties.get()
    assert person.kind == "natural_person" and person.id_number == "11010519491231002X"
    assert case.steps.get().action == "imported" and "原案件编号 深市监罚〔2019〕12号" in case.steps.get().comment
    assert AuditEvent.objects.filter(action="case.import", target_id=str(case.pk)).exists()
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "自旧系统导入" in detail and "深市监罚〔2019〕12号" in detail
    again = _upload(client, headers, [_row()])
    assert "平台中已有该编号的案件" in client.get(again["Location"]).content.decode()


def test_only_heads_and_administrators_import(demo):
    assert demo.client("ft_officer1").get("/cases/import/").status_code == 403
    assert demo.client("ft_head").get("/cases/import/").status_code == 200
    assert demo.client("sz_police").get("/cases/import/template.xlsx").status_code == 403
