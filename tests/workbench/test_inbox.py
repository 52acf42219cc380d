"""The inbox: a notification for each person work reaches (when it opens or reaches someone else, when it falls
due soon or overdue), never twice, never to the proposer; e-mail for those who want it; reading; preferences."""
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ipenforce.core.workitems import work_items_refresh_due
from ipenforce.workbench.models import Notification
from ipenforce.workbench.selectors import unread_count

pytestmark = pytest.mark.django_db


def kinds(demo, username) -> list[tuple[str, str]]:
    return [(n.kind, n.item.kind) for n in Notification.objects.filter(user=demo.user(username)).select_related("item")]


def test_each_approver_is_told_in_turn_and_never_twice(demo, walker):
    walker.register("trademark", username="hqb_officer")
    assert ("new", "case.assign_officers") in kinds(demo, "ft_unithead")  # the 所 has no unit head of its own
    walker.act("ft_unithead", "assign_officers", officers=[demo.user("hqb_officer").pk, demo.user("hqb_officer2").pk])
    walker.act("hqb_officer", "triage", procedure="ordinary", reason="普通程序")
    walker.act("hqb_officer", "file", comment="拟立案")
    assert ("new", "case.approval") in kinds(demo, "ft_unithead")
    assert ("new", "case.approval") not in kinds(demo, "hqb_officer")  # the proposer
    walker.approve_chain("ft_unithead")
    assert ("new", "case.approval") in kinds(demo, "ft_head")  # the bureau's head, the 所 having none
    before = Notification.objects.count()
    walker.refresh("ft_head")
    walker.act("ft_head", "send_back", comment="补充材料")
    walker.refresh("hqb_officer")
    walker.act("hqb_officer", "file", comment="已补充")
    assert Notification.objects.filter(user=demo.user("ft_unithead"), item__kind="case.approval").count() == 2
    assert Notification.objects.count() > before


def test_work_falling_due_is_told_once_and_e_mailed_to_those_who_want_it(demo, walker, settings,
                                                                         django_capture_on_commit_callbacks):
    settings.EMAIL_NOTIFICATIONS = True
    officer = demo.user("ft_officer1")
    officer.email = "li@example.gov.cn"
    officer.save(update_fields=["email"])
    walker.register("trademark")
    walker.to_investigation()
    with time_machine.travel(timezone.now() + timedelta(days=88), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            work_items_refresh_due()
            work_items_refresh_due()  # nothing new the second time
    due = Notification.objects.filter(user=officer, kind="due_soon", item__kind="deadline:admin.decision_ordinary")
    assert due.count() == 1 and due.get().emailed_at is not None
    assert [m.to for m in mail.outbox] == [["li@example.gov.cn"]] and "即将到期" in mail.outbox[0].subject
    with time_machine.travel(timezone.now() + timedelta(days=100), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            work_items_refresh_due()
    assert Notification.objects.filter(user=officer, kind="overdue").count() == 1
    assert len(mail.outbox) == 2


def test_no_e_mail_without_a_mail_host_or_against_the_preference(demo, walker, settings,
                                                                 django_capture_on_commit_callbacks):
    settings.EMAIL_NOTIFICATIONS = False
    demo.user("ft_unithead").__class__.objects.filter(username="ft_unithead").update(email="lin@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        walker.register("trademark")
    assert mail.outbox == [] and Notification.objects.filter(user=demo.user("ft_unithead")).exists()
    settings.EMAIL_NOTIFICATIONS = True
    with django_capture_on_commit_callbacks(execute=True):
        walker.register("patent")  # email_new is off by default
    assert mail.outbox == []


def test_inbox_page_badge_reading_and_preferences(demo, walker):
    walker.register("trademark")
    client = demo.client("ft_unithead")
    page = client.get("/inbox/").content.decode()
    assert 'data-testid="inbox-unread"' in page and "指定办案人员" in page
    notification = Notification.objects.filter(user=demo.user("ft_unithead")).first()
    opened = client.get(f"/inbox/{notification.pk}/")
    assert opened.status_code == 302 and opened["Location"] == notification.item.url
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert demo.client("ft_officer1").get(f"/inbox/{notification.pk}/").status_code == 404  # not theirs
    client.post("/inbox/read-all/")
    assert not Notification.objects.filter(user=demo.user("ft_unithead"), read_at__isnull=True).exists()
    saved = client.post("/inbox/", {"email_new": "on", "email_overdue": "on"})
    assert saved.status_code == 302
    api = demo.api("ft_unithead")
    assert api.get("/api/v1/notification-preferences").json() == {
        "email_new": True, "email_due_soon": False, "email_overdue": True}


def test_notifications_api(demo, walker):
    walker.register("trademark")
    api = demo.api("ft_unithead")
    listed = api.get("/api/v1/notifications", unread="true").json()
    assert listed["count"] >= 1 and listed["items"][0]["title"].endswith("指定办案人员")
    first = listed["items"][0]["id"]
    assert api.post(f"/api/v1/notifications/{first}/read").json()["read_at"]
    assert demo.api("ft_officer1").post(f"/api/v1/notifications/{first}/read").status_code == 404
    assert api.post("/api/v1/notifications/read-all").status_code == 200
    assert api.get("/api/v1/notifications", unread="true").json()["count"] == 0
    changed = api.put("/api/v1/notification-preferences", {"email_new": True, "email_due_soon": True,
                                                            "email_overdue": False})
    assert changed.status_code == 200 and changed.json()["email_overdue"] is False
    bad = api.put("/api/v1/notification-preferences", {"email_new": "maybe"})
    assert bad.status_code == 422 and bad.json()["code"] == "validation_error"


def test_the_unread_count_is_of_work_still_waiting(demo, walker):
    """A message about work someone has since done no longer counts as unread (it stays in the inbox)."""
    walker.register("trademark")
    head = demo.user("ft_unithead")
    waiting = unread_count(head)
    assert waiting >= 1
    walker.act("ft_unithead", "assign_officers", officers=[demo.user("ft_officer1").pk, demo.user("ft_officer2").pk])
    assert unread_count(head) == waiting - 1
    assert Notification.objects.filter(user=head, item__kind="case.assign_officers").exists()
