"""Opening, closing and reading work items, and marking them due-soon or overdue."""
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from ipenforce.core.audit import audit_append
from ipenforce.core.models import WorkItem, WorkItemPerson


@transaction.atomic
def work_item_open(*, kind: str, title: str, target: models.Model, url: str = "", due_at: datetime | None = None,
                   assignee_agency=None, eligible_role: str = "", people: Iterable[int] = (),
                   excluded: Iterable[int] = (), actor=None) -> WorkItem:
    """Open the work item of this kind for this target, or update the open one (one open item per kind and
    target). It is for `people` (user ids) when given, else for the holders of `eligible_role` at
    `assignee_agency` (resolved when a queue is read), never for the `excluded` user ids."""
    target_type, target_id = target._meta.label_lower, str(target.pk)
    people, excluded = tuple(people), tuple(excluded)
    values = {
        "title": title[:200], "url": url, "due_at": due_at, "assignee_agency": assignee_agency,
        "eligible_role": "" if people else eligible_role, "due_status": due_status_for(due_at, timezone.now()),
    }
    item = WorkItem.objects.select_for_update().filter(
        kind=kind, target_type=target_type, target_id=target_id, state=WorkItem.OPEN
    ).first()
    if item is None:
        item = WorkItem.objects.create(kind=kind, target_type=target_type, target_id=target_id, **values)
        audit_append(actor=actor, action="work_item.open", target=item,
                     after={"kind": kind, "target": f"{target_type}:{target_id}", "due_at": due_at})
    elif any(getattr(item, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
    _set_people(item, {**dict.fromkeys(excluded, True), **dict.fromkeys(people, False)})
    return item


def _set_people(item: WorkItem, wanted: dict[int, bool]) -> None:
    current = dict(WorkItemPerson.objects.filter(item=item).values_list("user_id", "excluded"))
    if current == wanted:
        return
    WorkItemPerson.objects.filter(item=item).exclude(user_id__in=list(wanted)).delete()
    for user_id, excluded in wanted.items():
        if current.get(user_id) != excluded:
            WorkItemPerson.objects.update_or_create(item=item, user_id=user_id, defaults={"excluded": excluded})


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


def open_work_kinds(target: models.Model) -> set[str]:
    """The kinds of the items open on this target."""
    return set(WorkItem.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk),
                                       state=WorkItem.OPEN).values_list("kind", flat=True))


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
