"""The work items of a subject, kept equal to what it waits on: its pending approval, each running time limit,
and the procedure's own tasks. `sync` opens what is missing, re-addresses what changed and closes what ended,
so an item closes when its cause ends."""
from django.utils.translation import gettext as _

from ipenforce.core.language import record_language
from ipenforce.core.workitems import Work, work_items_sync
from ipenforce.workflow import registry
from ipenforce.workflow.deadlines import is_window
from ipenforce.workflow.definitions import APPROVAL_SUFFIX, Actor, Procedure, Task
from ipenforce.workflow.models import Approval, DeadlineStatus
from ipenforce.workflow.selectors import deadlines, pending_approval

DEADLINE_PREFIX = "deadline:"


def approval_kind(procedure: Procedure) -> str:
    return f"{procedure.key}{APPROVAL_SUFFIX}"


def _owned(procedure: Procedure, kind: str) -> bool:
    return kind.startswith(DEADLINE_PREFIX) or kind.startswith(f"{procedure.key}.")


def _wanted(procedure: Procedure, subject) -> list[tuple[Task, object, tuple[int, ...]]]:
    """(task, due time, user ids it must not reach) for everything the subject waits on now."""
    wanted = []
    approval = pending_approval(subject)  # those read with the subject while still current (`_forget_prefetched`)
    if approval is not None and approval.status == Approval.PENDING:
        label = procedure.actions[approval.action].label
        wanted.append((Task(approval_kind(procedure), _("待审批：%(action)s") % {"action": label},
                            procedure.actors[approval.awaiting]), None, (approval.proposer_id,)))
    for deadline in deadlines(subject):
        if deadline.status != DeadlineStatus.RUNNING or is_window(deadline.rule):
            continue
        wanted.append((Task(f"{DEADLINE_PREFIX}{deadline.rule}", deadline.title, procedure.actors[deadline.owner]),
                       deadline.due_at, ()))
    wanted.extend((task, task.due_at, ()) for task in procedure.tasks_for(subject))
    for extension in registry.extensions(procedure.key):
        if extension.action is None and extension.tasks is not None:
            wanted.extend((task, None, ()) for task in extension.tasks(subject))
    return wanted


def _address(procedure: Procedure, subject, actor: Actor) -> dict:
    officers = [user.pk for user in procedure.officers(subject)]
    if actor.assigned and officers:
        return {"people": officers, "assignee_agency": procedure.agency_of(subject, actor.at)}
    return {"assignee_agency": procedure.agency_of(subject, actor.at), "eligible_role": actor.role,
            "excluded": officers if actor.independent else ()}


def sync(procedure: Procedure, subject, actor) -> None:
    """Make the subject's open work items match what it waits on now (set-based: `work_items_sync`)."""
    with record_language():
        wanted = _wanted(procedure, subject)
        titles = [f"{subject} · {task.title}" for task, _due, _excluded in wanted]
    works = []
    for (task, due_at, excluded), title in zip(wanted, titles, strict=True):
        address = _address(procedure, subject, task.actor)
        works.append(Work(kind=task.kind, title=title, url=procedure.url(subject), due_at=due_at,
                          assignee_agency=address["assignee_agency"], eligible_role=address.get("eligible_role", ""),
                          people=tuple(address.get("people", ())),
                          excluded=(*address.get("excluded", ()), *excluded)))
    work_items_sync(target=subject, wanted=works, closes=lambda kind: _owned(procedure, kind), actor=actor)
