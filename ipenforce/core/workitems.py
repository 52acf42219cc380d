"""Opening, closing and reading work items, and marking them due-soon or overdue.

`work_arrived` is sent (inside the transaction) when an item opens or reaches other people, and when items fall
due soon or overdue, with the item ids and the event ("new", "due_soon", "overdue"); the inbox listens."""
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from ipenforce.core.audit import audit_append
from ipenforce.core.models import WorkItem, WorkItemPerson

NEW, DUE_SOON, OVERDUE = "new", "due_soon", "overdue"
work_arrived = Signal()  # sender=WorkItem, item_ids=[…], event=NEW | DUE_SOON | OVERDUE


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
    readdressed = False
    if item is None:
        item = WorkItem.objects.create(kind=kind, target_type=target_type, target_id=target_id, **values)
        audit_append(actor=actor, action="work_item.open", target=item,
                     after={"kind": kind, "target": f"{target_type}:{target_id}", "due_at": due_at})
        readdressed = True
    elif _differs(item, values):
        readdressed = (item.assignee_agency_id, item.eligible_role) != (getattr(assignee_agency, "pk", None),
                                                                         values["eligible_role"])
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
    readdressed |= _set_people(item, {**dict.fromkeys(excluded, True), **dict.fromkeys(people, False)})
    if readdressed:
        work_arrived.send(sender=WorkItem, item_ids=[item.pk], event=NEW)
    return item


def _differs(item: WorkItem, values: dict) -> bool:
    """Whether the open item differs from the values wanted; the agency compared by id (loading it is a query)."""
    return any(item.assignee_agency_id != getattr(value, "pk", None) if name == "assignee_agency"
               else getattr(item, name) != value for name, value in values.items())


def _set_people(item: WorkItem, wanted: dict[int, bool]) -> bool:
    """Whether the item now names someone it did not name before."""
    current = dict(WorkItemPerson.objects.filter(item=item).values_list("user_id", "excluded"))
    if current == wanted:
        return False
    WorkItemPerson.objects.filter(item=item).exclude(user_id__in=list(wanted)).delete()
    for user_id, excluded in wanted.items():
        if current.get(user_id) != excluded:
            WorkItemPerson.objects.update_or_create(item=item, user_id=user_id, defaults={"excluded": excluded})
    return any(not excluded and current.get(user_id) is not False for user_id, excluded in wanted.items())


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


@transaction.atomic
def work_items_refresh_due(now: datetime | None = None) -> dict[str, int]:
    """Mark open items overdue / due soon / ok by their due time (an UPDATE per status, however many items there
    are), and tell the inbox which items just fell due soon or overdue."""
    now = now or timezone.now()
    soon = now + timedelta(days=settings.WORK_ITEM_DUE_SOON_DAYS)
    open_items = WorkItem.objects.filter(state=WorkItem.OPEN, due_at__isnull=False)
    changed = {}
    for status, window, event in ((WorkItem.OVERDUE, {"due_at__lt": now}, OVERDUE),
                                  (WorkItem.DUE_SOON, {"due_at__gte": now, "due_at__lt": soon}, DUE_SOON),
                                  (WorkItem.DUE_OK, {"due_at__gte": soon}, None)):
        rows = open_items.filter(**window).exclude(due_status=status)
        ids = list(rows.values_list("pk", flat=True)) if event else []
        changed[status] = rows.update(due_status=status)
        if ids:
            work_arrived.send(sender=WorkItem, item_ids=ids, event=event)
    return changed
