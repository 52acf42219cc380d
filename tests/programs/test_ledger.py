"""The policy task ledger: imported from .xlsx, progressed only through reported evidence and the owner's approval,
its overdue flag, its export and the sentence drafted from it."""
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from ipenforce.programs.models import PolicyTask
from ipenforce.programs.services import IMPORT_HEADERS
from tests.programs.conftest import API, act

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


def _import(client_api, document_id: int, content: bytes):
    return client_api.client.post(f"{API}/ledgers/{document_id}/import",
                                  {"file": SimpleUploadedFile("t.xlsx", content)}, headers=client_api.headers)


def _approve(api, task_id: int):
    version = PolicyTask.objects.get(pk=task_id).version
    return api.post(f"{API}/tasks/{task_id}/actions/approve", {"version": version})


def test_import_progress_and_sentence(demo):
    api, unit_head = demo.api("ft_officer1"), demo.api("ft_head")
    document = _ledger(api)
    today = timezone.localdate()
    rows = [[n, AREAS[(n - 1) % 4], f"测试任务{n}", "市市场监管局", "市公安局", today + timedelta(days=90), "指标"]
            for n in range(1, 21)]
    imported = _import(api, document["id"], _xlsx(rows))
    assert imported.status_code == 201, imported.content
    body = imported.json()
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


@pytest.mark.parametrize(("rows", "message"), [
    ([[1, "方面", "", "单位", "", None, ""]], "第3行：任务"),
    ([["x", "方面", "任务", "单位", "", None, ""]], "序号"),
    ([[1, "方面", "任务", "单位", "", "明年", ""]], "完成时限"),
])
def test_bad_imports_are_refused_whole(demo, rows, message):
    api = demo.api("ft_officer1")
    document = _ledger(api)
    good = [2, "方面", "好任务", "单位", "", None, ""]
    response = _import(api, document["id"], _xlsx([good, *rows]))
    assert response.status_code == 422 and message in response.json()["message"]
    assert response.json()["field"] == "file"
    assert not PolicyTask.objects.exists()
    assert _import(api, document["id"], b"not a workbook").json()["code"] == "bad_file"


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
