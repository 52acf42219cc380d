"""Opening, closing and reading work items, and marking them due-soon or overdue."""
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ipenforce.core.audit import audit_append
from ipenforce.core.models import WorkItem


@transaction.atomic
def work_item_open(*, kind: str, title: str, target: models.Model, url: str = "", due_at: datetime | None = None,
                   assignee_user=None, assignee_agency=None, eligible_role: str = "", actor=None) -> WorkItem:
    """Open the work item of this kind for this target, or update the open one (one open item per kind and target)."""
    target_type, target_id = target._meta.label_lower, str(target.pk)
    values = {
        "title": title, "url": url, "due_at": due_at, "assignee_user": assignee_user,
        "assignee_agency": assignee_agency, "eligible_role": eligible_role,
        "due_status": due_status_for(due_at, timezone.now()),
    }
    item = WorkItem.objects.select_for_update().filter(
        kind=kind, target_type=target_type, target_id=target_id, state=WorkItem.OPEN
    ).first()
    if item is None:
        item = WorkItem.objects.create(kind=kind, target_type=target_type, target_id=target_id, **values)
        audit_append(actor=actor, action="work_item.open", target=item,
                     after={"kind": kind, "target": f"{target_type}:{target_id}", "due_at": due_at})
        return item
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    return item


@transaction.atomic
def work_item_close(*, kind: str, target: models.Model, state: str = WorkItem.DONE, actor=None) -> int:
    """Close the open item of this kind for this target; returns how many were closed (0 or 1)."""
    items = list(
        WorkItem.objects.select_for_update().filter(
            kind=kind, target_type=target._meta.label_lower, target_id=str(target.pk), state=WorkItem.OPEN
        )
    )
    for item in items:
        item.state, item.closed_at = state, timezone.now()
        item.save(update_fields=["state", "closed_at"])
        audit_append(actor=actor, action=f"work_item.{state}", target=item, after={"state": state})
    return len(items)


def due_status_for(due_at: datetime | None, now: datetime) -> str:
    if due_at is None:
        return WorkItem.DUE_OK
    if due_at < now:
        return WorkItem.OVERDUE
    if due_at < now + timedelta(days=settings.WORK_ITEM_DUE_SOON_DAYS):
        return WorkItem.DUE_SOON
    return WorkItem.DUE_OK


def work_items_refresh_due(now: datetime | None = None) -> dict[str, int]:
    """Mark open items overdue / due soon / ok by their due time: three UPDATEs, however many items there are."""
    now = now or timezone.now()
    soon = now + timedelta(days=settings.WORK_ITEM_DUE_SOON_DAYS)
    open_items = WorkItem.objects.filter(state=WorkItem.OPEN, due_at__isnull=False)
    return {
        WorkItem.OVERDUE: open_items.filter(due_at__lt=now).exclude(due_status=WorkItem.OVERDUE)
        .update(due_status=WorkItem.OVERDUE),
        WorkItem.DUE_SOON: open_items.filter(due_at__gte=now, due_at__lt=soon).exclude(due_status=WorkItem.DUE_SOON)
        .update(due_status=WorkItem.DUE_SOON),
        WorkItem.DUE_OK: open_items.filter(due_at__gte=soon).exclude(due_status=WorkItem.DUE_OK)
        .update(due_status=WorkItem.DUE_OK),
    }


def work_queue(user) -> QuerySet[WorkItem]:
    """The open items this user may act on now: their own, and their agency's for any role they hold today."""
    if not (user and user.is_authenticated and user.is_active):
        return WorkItem.objects.none()
    mine = Q(assignee_user=user)
    if user.agency_id is not None:
        mine |= Q(assignee_agency_id=user.agency_id, assignee_user__isnull=True) & (
            Q(eligible_role="") | Q(eligible_role__in=user.role_set)
        )
    return (
        WorkItem.objects.filter(mine, state=WorkItem.OPEN)
        .select_related("assignee_user", "assignee_agency")
        .order_by(models.F("due_at").asc(nulls_last=True), "created_at", "pk")
    )
