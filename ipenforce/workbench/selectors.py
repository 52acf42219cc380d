"""Reads of the workbench: a person's inbox and its unread count."""
from django.db.models import QuerySet

from ipenforce.core.models import WorkItem
from ipenforce.workbench.models import Notification, NotificationPreference


def inbox(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first, with their work item. Unread: not yet read and about work that
    is still waiting (a message about work already done does not call for attention)."""
    if not (user and user.is_authenticated):
        return Notification.objects.none()
    rows = Notification.objects.filter(user=user).select_related("item")
    return rows.filter(read_at__isnull=True, item__state=WorkItem.OPEN) if unread_only else rows


def unread_count(user) -> int:
    return inbox(user, unread_only=True).count() if user and user.is_authenticated else 0


def preference(user) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
