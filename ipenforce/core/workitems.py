"""Opening, closing and reading work items, and marking them due-soon or overdue.

`work_arrived` is sent (inside the transaction) when an item opens or reaches other people, and when items fall
due soon or overdue, with the item ids and the event ("new", "due_soon", "overdue"); the inbox listens."""
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce

from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from ipenforce.core.audit import audit_append_many
from ipenforce.core.models import WorkItem, WorkItemPerson

NEW, DUE_SOON, OVERDUE = "new", "due_soon", "overdue"
work_arrived = Signal()  # sender=WorkItem, item_ids=[…], event=NEW | DUE_SOON | OVERDUE


@dataclass(frozen=True)
class Work:
    """A work item wanted open on a target: for `people` (user ids) when given, else for the holders of
    `eligible_role` at `assignee_agency` (resolved when a queue is read), never for the `excluded` user ids."""

    kind: str
    title: str
    url: str = ""
    due_at: datetime | None = None
    assignee_agency: models.Model | None = None
    eligible_role: str = ""
    people: tuple[int, ...] = ()
    excluded: tuple[int, ...] = ()

    def values(self, now: datetime) -> dict:
        return {"title": self.title[:200], "url": self.url, "due_at": self.due_at,
                "assignee_agency": self.assignee_agency, "eligible_role": "" if self.people else self.eligible_role,
                "due_status": due_status_for(self.due_at, now)}

    def persons(self) -> dict[int, bool]:
        """Who the item names: user id → excluded."""
        return {**dict.fromkeys(self.excluded, True), **dict.fromkeys(self.people, False)}


@transaction.atomic(savepoint=False)  # a failure fails the caller's change, as it should
def work_items_sync(*, target: models.Model, wanted: Iterable[Work], closes: Callable[[str], bool] = lambda k: False,
                    state: str = WorkItem.DONE, actor=None) -> tuple[dict[str, WorkItem], list[WorkItem]]:
    """Open (or update the open one of) each wanted kind of item for this target (one open item per kind and
    target), and close as `state` its open items of the kinds `closes` says that are not wanted. Set-based: one
    locking read of the target's open items and one of the people they name, one UPDATE for the closed, one
    INSERT for the new, one DELETE and one INSERT for the people, one move of the audit chain, one signal.
    Returns the open items wanted (by kind) and the items closed."""
    target_type, target_id, now = target._meta.label_lower, str(target.pk), timezone.now()
    wanted = {work.kind: work for work in wanted}
    found = list(WorkItem.objects.select_for_update().filter(target_type=target_type, target_id=target_id,
                                                             state=WorkItem.OPEN).order_by("created_at", "pk"))
    closed = sorted((item for item in found if item.kind not in wanted and closes(item.kind)), key=lambda i: i.kind)
    if closed:
        WorkItem.objects.filter(pk__in=[item.pk for item in closed]).update(state=state, closed_at=now)
    entries = []
    for item in closed:
        item.state, item.closed_at = state, now
        entries.append({"actor": actor, "action": f"work_item.{state}", "target": item, "after": {"state": state}})
    items = {item.kind: item for item in found if item.kind in wanted}
    readdressed = set(_update(items, wanted, now))
    fresh = [WorkItem(kind=kind, target_type=target_type, target_id=target_id, **work.values(now))
             for kind, work in wanted.items() if kind not in items]
    WorkItem.objects.bulk_create(fresh)
    for item in fresh:
        items[item.kind] = item
        readdressed.add(item.pk)
        entries.append({"actor": actor, "action": "work_item.open", "target": item,
                        "after": {"kind": item.kind, "target": f"{target_type}:{target_id}", "due_at": item.due_at}})
    readdressed |= _set_people({items[kind]: work.persons() for kind, work in wanted.items()}, fresh)
    audit_append_many(entries)
    if readdressed:
        work_arrived.send(sender=WorkItem, event=NEW,  # in the order wanted (the inbox shows the last first)
                          item_ids=[items[kind].pk for kind in wanted if items[kind].pk in readdressed])
    return items, closed


def _update(items: dict[str, WorkItem], wanted: dict[str, Work], now: datetime) -> list[int]:
    """Save the open items that differ from what is wanted; the ids of those now for another agency or role."""
    readdressed = []
    for kind, item in items.items():
        values = wanted[kind].values(now)
        if not _differs(item, values):
            continue
        if (item.assignee_agency_id, item.eligible_role) != (getattr(values["assignee_agency"], "pk", None),
                                                              values["eligible_role"]):
            readdressed.append(item.pk)
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
    return readdressed


def _differs(item: WorkItem, values: dict) -> bool:
    """Whether the open item differs from the values wanted; the agency compared by id (loading it is a query)."""
    return any(item.assignee_agency_id != getattr(value, "pk", None) if name == "assignee_agency"
               else getattr(item, name) != value for name, value in values.items())


def _set_people(wanted: dict[WorkItem, dict[int, bool]], fresh: list[WorkItem]) -> set[int]:
    """Make each item name exactly its wanted people (user id → excluded); the ids of the items that now name
    someone they did not name before."""
    known = [item.pk for item in wanted if item not in fresh]
    current: dict[int, dict[int, bool]] = {}
    if known:
        for item_id, user_id, excluded in WorkItemPerson.objects.filter(item_id__in=known).values_list(
                "item_id", "user_id", "excluded"):
            current.setdefault(item_id, {})[user_id] = excluded
    gone, added, reached = [], [], set()
    for item, persons in wanted.items():
        had = current.get(item.pk, {})
        changed = [user_id for user_id, excluded in had.items() if persons.get(user_id) != excluded]
        if changed:
            gone.append(models.Q(item_id=item.pk, user_id__in=changed))
        added += [WorkItemPerson(item=item, user_id=user_id, excluded=excluded)
                  for user_id, excluded in persons.items() if had.get(user_id) != excluded]
        if any(not excluded and had.get(user_id) is not False for user_id, excluded in persons.items()):
            reached.add(item.pk)
    if gone:
        WorkItemPerson.objects.filter(reduce(operator.or_, gone)).delete()
    WorkItemPerson.objects.bulk_create(added)
    return reached


def work_item_open(*, kind: str, title: str, target: models.Model, url: str = "", due_at: datetime | None = None,
                   assignee_agency=None, eligible_role: str = "", people: Iterable[int] = (),
                   excluded: Iterable[int] = (), actor=None) -> WorkItem:
    """Open the work item of this kind for this target, or update the open one (`work_items_sync` of one)."""
    work = Work(kind=kind, title=title, url=url, due_at=due_at, assignee_agency=assignee_agency,
                eligible_role=eligible_role, people=tuple(people), excluded=tuple(excluded))
    return work_items_sync(target=target, wanted=[work], actor=actor)[0][kind]


def work_item_close(*, kind: str, target: models.Model, state: str = WorkItem.DONE, actor=None) -> int:
    """Close the open item of this kind for this target; returns how many were closed (0 or 1)."""
    return len(work_items_sync(target=target, wanted=[], closes=lambda k: k == kind, state=state, actor=actor)[1])


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
