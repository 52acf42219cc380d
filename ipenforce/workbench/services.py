"""Writes of the inbox: a notification for each person work reaches (when it opens, reaches other people, or
falls due soon or overdue), e-mail to those who want it once the transaction commits, reading, and preferences."""
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied
from ipenforce.core.models import WorkItem
from ipenforce.core.workitems import work_arrived
from ipenforce.orgs.models import User
from ipenforce.orgs.selectors import work_item_recipients
from ipenforce.workbench.models import Notification, NotificationPreference

log = logging.getLogger(__name__)
SUBJECTS = {Notification.NEW: _("新待办"), Notification.DUE_SOON: _("即将到期"), Notification.OVERDUE: _("已逾期")}


@receiver(work_arrived)
def notify(sender, item_ids: list[int], event: str, **kwargs) -> list[Notification]:
    """One notification per person and item and kind (never twice), made in the order of `item_ids` (the newest
    for the last); e-mails after the commit."""
    recipients = work_item_recipients(item_ids)
    wanted = [Notification(user_id=user_id, item_id=item_id, kind=event)
              for item_id in item_ids for user_id in recipients.get(item_id, ())]
    existing = set(Notification.objects.filter(item_id__in=item_ids, kind=event).values_list("user_id", "item_id"))
    fresh = [n for n in wanted if (n.user_id, n.item_id) not in existing]
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    if fresh and settings.EMAIL_NOTIFICATIONS:
        keys = [(n.user_id, n.item_id) for n in fresh]
        transaction.on_commit(lambda: _email(keys, event))
    return fresh


def _email(keys: list[tuple[int, int]], event: str) -> None:
    """Send the notifications of these (user, item) pairs by e-mail to those who asked for it and have an
    address; a failure is logged, never raised into the request that caused it."""
    users = {u.pk: u for u in User.objects.filter(pk__in={k[0] for k in keys}).exclude(email="")
             .select_related("notification_preference")}
    items = {i.pk: i for i in WorkItem.objects.filter(pk__in={k[1] for k in keys})}
    for user_id, item_id in keys:
        user, item = users.get(user_id), items.get(item_id)
        preference = getattr(user, "notification_preference", None) if user else None
        if user is None or item is None or not (preference or NotificationPreference()).emails(event):
            continue
        try:
            send_mail(f"[ipenforce] {SUBJECTS[event]}: {item.title}",
                      f"{item.title}\n{settings.SITE_URL}{item.url}", None, [user.email])
        except OSError:
            log.exception("notification e-mail to %s failed", user.email)
            continue
        Notification.objects.filter(user_id=user_id, item_id=item_id, kind=event).update(emailed_at=timezone.now())


def notification_read(*, user, notification: Notification) -> Notification:
    if notification.user_id != user.pk:
        raise PermissionDenied(_("只能阅读自己的消息。"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preference_save(*, user, email_new: bool, email_due_soon: bool, email_overdue: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_new": email_new, "email_due_soon": email_due_soon, "email_overdue": email_overdue})
    audit_append(actor=user, action="notification.preference", target=preference,
                 after={"email_new": email_new, "email_due_soon": email_due_soon, "email_overdue": email_overdue})
    return preference
