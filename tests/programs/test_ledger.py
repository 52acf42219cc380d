"""The policy task ledger: imported from .xlsx, progressed only through reported evidence and the owner's approval,
its overdue flag, its export and the sentence drafted from it."""
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from ipenforce.core.models import ImportJob
from ipenforce.programs.models import PolicyTask
from tests.programs.conftest import API, act

IMPORT_HEADERS = ["序号", "方面", "任务", "牵头单位", "配合单位", "完成时限", "指标"]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.django_db
AREAS = ["加快推进强国建设高地合作机制", "重大政策法规体系", "重大工程项目", "深化改革"]


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(IMPORT_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _ledger(api, title="知识产权合作框架协议（测试）") -> dict:
    response = api.post(f"{API}/ledgers", {"title": title})
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture(autouse=True)
def _worker(settings, django_capture_on_commit_callbacks):
    """The worker, run at once when the upload's transaction commits."""
    settings.TASKS = IMMEDIATE
    return django_capture_on_commit_callbacks


def _import(client_api, document_id: int, content: bytes, worker):
    """Upload through the generic import API (checked at once; imported by the worker)."""
    with worker(execute=True):
        return client_api.client.post(f"/api/v1/imports/policy_tasks?document={document_id}",
                                      {"file": SimpleUploadedFile("t.xlsx", content)}, headers=client_api.headers)


def _approve(api, task_id: int):
    version = PolicyTask.objects.get(pk=task_id).version
    return api.post(f"{API}/tasks/{task_id}/actions/approve", {"version": version})


def test_import_progress_and_sentence(demo, _worker):
    api, unit_head = demo.api("ft_officer1"), demo.api("ft_head")
    document = _ledger(api)
    today = timezone.localdate()
    rows = [[n, AREAS[(n - 1) % 4], f"测试任务{n}", "市市场监管局", "市公安局", today + timedelta(days=90), "指标"]
            for n in range(1, 21)]
    imported = _import(api, document["id"], _xlsx(rows), _worker)
    assert imported.status_code == 201, imported.content
    job = api.get(f"/api/v1/imports/jobs/{imported.json()['id']}").json()
    assert job["state"] == "done" and job["done"] == 20 and job["errors"] == []
    body = api.get(f"{API}/ledgers/{document['id']}").json()
    assert body["figures"]["total"] == 20 and body["areas"] == AREAS
    tasks = api.get(f"{API}/tasks", document_id=document["id"], limit=50).json()["items"]
    for task in tasks[:20]:
        response = act(api, "tasks", task["id"], "report", progress="已开展", evidence="会议纪要",
                       status="done" if task["seq"] <= 6 else "in_progress")
        assert response.status_code == 200 and response.json()["state"] == "not_started"  # awaits the owner
        assert _approve(unit_head, task["id"]).status_code == 200
    sentence = api.get(f"{API}/ledgers/{document['id']}").json()["sentence"]
    assert sentence == ("从加快推进强国建设高地合作机制、重大政策法规体系、重大工程项目、深化改革四方面20项重点任务……"
                        "目前已落实6项，正在推进14项。")
    page = demo.client("ft_officer1").get(f"/programs/ledgers/{document['id']}/")
    assert "目前已落实6项，正在推进14项" in page.content.decode()


def test_status_moves_only_with_evidence_and_approval(demo):
    api, unit_head = demo.api("ft_officer1"), demo.api("ft_head")
    document = _ledger(api)
    task = api.post(f"{API}/ledgers/{document['id']}/tasks",
                    {"area": "法制建设", "title": "修订条例", "lead_unit": "市司法局"}).json()
    assert task["state"] == "not_started"
    no_evidence = act(api, "tasks", task["id"], "report", progress="推进中", evidence="", status="done")
    assert no_evidence.status_code == 422 and no_evidence.json()["field"] == "evidence"
    act(api, "tasks", task["id"], "report", progress="已起草", evidence="草案", status="in_progress")
    assert act(api, "tasks", task["id"], "report", progress="x", evidence="y", status="done").json()["code"] \
        == "approval_pending"
    assert _approve(api, task["id"]).status_code == 403  # the reporter is not the owner
    done = _approve(unit_head, task["id"]).json()
    assert done["state"] == "in_progress" and done["last_progress"] == "已起草"


def test_overdue_flag_and_export(demo):
    api = demo.api("ft_officer1")
    document = _ledger(api)
    today = timezone.localdate()
    late = api.post(f"{API}/ledgers/{document['id']}/tasks", {"area": "机制建设", "title": "逾期任务",
                                                            "lead_unit": "市中院",
                                                            "due_on": str(today - timedelta(days=1))}).json()
    due = api.post(f"{API}/ledgers/{document['id']}/tasks", {"area": "机制建设", "title": "未到期任务",
                                                           "lead_unit": "市中院",
                                                           "due_on": str(today + timedelta(days=1))}).json()
    assert late["overdue"] is True and due["overdue"] is False
    overdue = api.get(f"{API}/tasks", document_id=document["id"], overdue=True).json()
    assert [t["id"] for t in overdue["items"]] == [late["id"]]
    assert api.get(f"{API}/ledgers/{document['id']}").json()["figures"]["overdue"] == 1
    units = api.get(f"{API}/ledgers/{document['id']}/units").json()
    assert units == [{"lead_unit": "市中院", "total": 2, "done": 0, "in_progress": 0, "not_started": 2, "overdue": 1}]
    response = api.get(f"{API}/tasks.xlsx", document=document["id"])
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [r[3] for r in values[1:]] == ["逾期任务", "未到期任务"] and values[1][-1] == "是" and not values[2][-1]


@pytest.mark.parametrize(("rows", "errors"), [
    ([[1, "方面", "", "单位", "", None, ""]], [(3, "任务", "必填。")]),
    ([["x", "方面", "任务", "单位", "", None, ""]], [(3, "序号", "应为不小于零的整数。")]),
    ([[1, "方面", "任务", "单位", "", "明年", ""], [2, "方面", "", "", "", None, ""]],
     [(3, "完成时限", "应为日期，如 2026-03-31。"), (4, "序号", "与第2行重复。"), (4, "任务", "必填。"),
      (4, "牵头单位", "必填。")]),
])
def test_bad_imports_are_refused_whole_with_every_error_by_row_and_column(demo, rows, errors, _worker):
    api = demo.api("ft_officer1")
    document = _ledger(api)
    good = [2, "方面", "好任务", "单位", "", None, ""]
    response = _import(api, document["id"], _xlsx([good, *rows]), _worker)
    assert response.status_code == 422 and response.json()["state"] == "invalid"
    assert [(e["row"], e["column"], e["message"]) for e in response.json()["errors"]] == errors
    assert not PolicyTask.objects.exists()
    assert _import(api, document["id"], b"not a workbook", _worker).json()["code"] == "bad_file"


def test_the_import_page_offers_the_template_and_shows_errors_before_saving(demo, _worker):
    api, client = demo.api("ft_officer1"), demo.client("ft_officer1")
    document = _ledger(api)
    page = client.get(f"/programs/ledgers/{document['id']}/")
    assert f"/programs/ledgers/{document['id']}/import/" in page.content.decode()
    template = client.get(f"/programs/ledgers/{document['id']}/import/template.xlsx")
    book = load_workbook(BytesIO(template.content))
    assert [c.value for c in book.worksheets[0][1]] == IMPORT_HEADERS and book.worksheets[1].title == "说明"
    bad = client.post(f"/programs/ledgers/{document['id']}/import/",
                      {"file": SimpleUploadedFile("t.xlsx", _xlsx([[1, "方面", "任务", "", "", "2026-02-30", ""]]))},
                      follow=True)
    text = bad.content.decode()
    assert 'data-testid="import-errors"' in text and "不是有效的日期。" in text and "牵头单位" in text
    assert not PolicyTask.objects.exists()
    with _worker(execute=True):
        good = client.post(f"/programs/ledgers/{document['id']}/import/",
                           {"file": SimpleUploadedFile("t.xlsx", _xlsx([[1, "方面", "任务", "单位", "", "2026-12-31",
                                                                         ""]]))})
    good = client.get(good["Location"])
    assert "已导入" in good.content.decode()
    assert ImportJob.objects.get(pk=good.resolver_match.kwargs["pk"]).state == "done"
    assert 'hx-trigger' not in good.content.decode()  # finished: the page stops polling
    assert PolicyTask.objects.get().due_on.isoformat() == "2026-12-31"
    assert demo.client("ns_officer1").get(f"/programs/ledgers/{document['id']}/import/").status_code == 404


def test_a_report_awaiting_approval_is_answered_on_the_task_page(demo):
    """The head sees 同意 / 不同意 / 退回 on the page of a task whose report waits on them; a forged version is a
    conflict, not an error."""
    api = demo.api("ft_officer1")
    document = _ledger(api)
    task = api.post(f"{API}/ledgers/{document['id']}/tasks",
                    {"area": "法制建设", "title": "修订条例", "lead_unit": "市司法局"}).json()
    act(api, "tasks", task["id"], "report", progress="已起草", evidence="草案", status="in_progress")
    head = demo.client("ft_head")
    page = head.get(f"/programs/tasks/{task['id']}/")
    assert page.status_code == 200 and 'data-testid="answer-approve"' in page.content.decode()
    forged = head.post(f"/programs/tasks/{task['id']}/actions/approve/", {"version": "x"}, follow=True)
    assert forged.status_code == 200 and PolicyTask.objects.get(pk=task["id"]).state == "not_started"
    version = PolicyTask.objects.get(pk=task["id"]).version
    head.post(f"/programs/tasks/{task['id']}/actions/approve/", {"version": version, "comment": "同意"})
    assert PolicyTask.objects.get(pk=task["id"]).state == "in_progress"
