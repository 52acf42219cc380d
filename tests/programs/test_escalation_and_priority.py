"""Overdue policy tasks escalate to the ledger owner's head once (the periodic task), and the work item closes when
the task is done; 直通车: complaints from listed key enterprises are marked priority through protection's service."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ipenforce.core.models import AuditEvent, WorkItem
from ipenforce.orgs.selectors import work_queue
from ipenforce.programs import services
from ipenforce.programs.models import PolicyTask
from ipenforce.workbench.tasks import refresh_work_items
from tests.programs.conftest import API, act

pytestmark = pytest.mark.django_db


def _task(api, document_id: int, title: str, days: int) -> dict:
    return api.post(f"{API}/ledgers/{document_id}/tasks", {
        "area": "机制建设", "title": title, "lead_unit": "市中院",
        "due_on": str(timezone.localdate() + timedelta(days=days))}).json()


def test_overdue_tasks_escalate_to_the_head_once_and_close_when_done(demo):
    api, head = demo.api("ft_officer1"), demo.api("ft_head")
    document = api.post(f"{API}/ledgers", {"title": "36条台账"}).json()
    late, due = _task(api, document["id"], "逾期任务", -1), _task(api, document["id"], "未到期任务", 5)
    assert services.tasks_escalate_overdue() == 1
    assert services.tasks_escalate_overdue() == 0  # once
    item = WorkItem.objects.get(kind="policy_task.overdue", state="open")
    assert item.target_id == str(late["id"]) and item.eligible_role == "agency_head"
    assert item in work_queue(demo.user("ft_head")) and item not in work_queue(demo.user("ft_officer1"))
    assert AuditEvent.objects.filter(action="policy_task.escalate").count() == 1
    assert head.get(f"{API}/tasks/{late['id']}").status_code == 200
    assert PolicyTask.objects.get(pk=due["id"]).escalated_at is None
    act(api, "tasks", late["id"], "report", progress="已办结", evidence="文件", status="done")
    head.post(f"{API}/tasks/{late['id']}/actions/approve", {"version": PolicyTask.objects.get(pk=late["id"]).version})
    assert PolicyTask.objects.get(pk=late["id"]).state == "done"
    assert not WorkItem.objects.filter(kind="policy_task.overdue", state="open").exists()


def test_the_periodic_task_runs_the_escalation(demo, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default"]}}
    api = demo.api("ft_officer1")
    document = api.post(f"{API}/ledgers", {"title": "框架协议台账"}).json()
    _task(api, document["id"], "逾期任务", -3)
    result = refresh_work_items.enqueue().return_value
    assert result["policy_tasks_escalated"] == 1


def test_listing_marks_the_enterprises_complaints_priority(demo):
    from ipenforce.protection.demo import RIGHTS_HOLDER, seed_demo_protection
    from ipenforce.protection.models import Complaint

    seed_demo_protection()
    officer, head = demo.api("ft_officer1"), demo.api("ft_head")
    assert services.key_enterprise_complaints_prioritise() == 0  # nobody listed yet
    entry = officer.post(f"{API}/key-enterprises", {"name": RIGHTS_HOLDER, "uscc": "91440300MA5F00001A"}).json()
    assert services.key_enterprise_complaints_prioritise() == 0  # nominated is not listed
    act(head, "key-enterprises", entry["id"], "approve_listing",
        valid_until=str(timezone.localdate() + timedelta(days=365)))
    theirs = set(Complaint.objects.filter(complainant_name=RIGHTS_HOLDER).values_list("pk", flat=True))
    flagged = set(Complaint.objects.filter(key_enterprise=True).values_list("pk", flat=True))
    assert theirs and flagged == theirs  # on listing, the complaints already in, and only theirs
    assert services.key_enterprise_complaints_prioritise() == 0  # the same again changes nothing
