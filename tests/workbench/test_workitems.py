"""Work items: queues resolved at read time, due-soon and overdue marks, certificate reminders, the periodic task."""
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ipenforce.core.models import WorkItem
from ipenforce.core.workitems import work_item_close, work_item_open, work_items_refresh_due
from ipenforce.orgs.selectors import work_queue
from ipenforce.orgs.services import user_update
from tests.conftest import FUTIAN

pytestmark = pytest.mark.django_db


def test_agency_work_reaches_whoever_holds_the_role_today(demo):
    futian = demo.agency(FUTIAN)
    work_item_open(kind="approval", title="立案审批", target=futian, assignee_agency=futian,
                   eligible_role="agency_head")
    assert work_queue(demo.user("ft_head")).count() == 1
    assert work_queue(demo.user("ft_officer1")).count() == 0
    user_update(actor=demo.user("ft_admin"), user=demo.user("ft_officer1"),
                changes={"roles": ["case_officer", "agency_head"]})
    assert work_queue(demo.user("ft_officer1")).count() == 1


def test_one_open_item_per_kind_and_target_and_closing(demo):
    futian = demo.agency(FUTIAN)
    work_item_open(kind="k", title="a", target=futian, assignee_agency=futian)
    work_item_open(kind="k", title="b", target=futian, assignee_agency=futian)
    assert WorkItem.objects.filter(kind="k", state="open").get().title == "b"
    assert work_item_close(kind="k", target=futian) == 1
    assert work_item_close(kind="k", target=futian) == 0


def test_refresh_marks_due_soon_and_overdue(demo):
    futian, now = demo.agency(FUTIAN), timezone.now()
    for i, delta in enumerate((timedelta(days=-1), timedelta(days=1), timedelta(days=30))):
        item = work_item_open(kind=f"k{i}", title="t", target=futian, assignee_agency=futian, due_at=now + delta)
        WorkItem.objects.filter(pk=item.pk).update(due_status=WorkItem.DUE_OK if i != 2 else WorkItem.OVERDUE)
    work_items_refresh_due(now)
    statuses = dict(WorkItem.objects.filter(kind__in=["k0", "k1", "k2"]).values_list("kind", "due_status"))
    assert statuses == {"k0": "overdue", "k1": "due_soon", "k2": "ok"}


def test_certificate_expiring_soon_opens_a_reminder_until_renewed(demo):
    officer = demo.user("ft_officer2")  # the demo certificate runs out in 20 days
    items = work_queue(officer).filter(kind="certificate_renewal")
    assert items.count() == 1 and officer.certificate_no in items.get().title
    assert not work_queue(demo.user("ft_officer1")).filter(kind="certificate_renewal").exists()
    user_update(actor=demo.user("ft_admin"), user=officer,
                changes={"certificate_valid_to": timezone.localdate() + timedelta(days=1000)})
    assert not work_queue(officer).filter(kind="certificate_renewal").exists()


def test_periodic_task_runs(demo, capsys, settings):
    WorkItem.objects.all().update(due_status=WorkItem.DUE_OK)
    call_command("enqueue_periodic", "--now")
    assert "certificate_reminders" in capsys.readouterr().out
    assert (settings.AUDIT_ANCHOR_DIR / "audit-anchors.jsonl").exists()  # the audit head anchored outside the DB
    assert WorkItem.objects.get(kind="certificate_renewal").due_status == WorkItem.DUE_OK  # 20 days ahead
    call_command("enqueue_periodic")
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 1


def test_workbench_page_lists_the_reminder(demo):
    page = demo.client("ft_officer2").get("/").content.decode()
    assert "执法证" in page and 'data-testid="work-items"' in page


def test_seed_demo_command_is_idempotent_and_walks_cases(db, capsys):
    from django.core.management import call_command

    from ipenforce.cases.models import Case

    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "ft_officer1" in out and "Shenzhen-IP-2026" in out
    recent = Case.objects.filter(filed_on__year__gte=2019).count() + Case.objects.filter(filed_on__isnull=True).count()
    referred = Case.objects.filter(protection_complaints__isnull=False).count()  # the centre's complaint desk
    # the five demo cases, the two of credit supervision (a publication, a listing) and the referred lead
    assert referred == 1 and recent == 7 + referred
    assert Case.objects.filter(state="investigating", number__startswith="深福市监罚").exists()
    assert Case.objects.filter(state="investigating", number__startswith="深南市监罚").exists()
    assert Case.objects.filter(approvals__status="pending").count() == 1
