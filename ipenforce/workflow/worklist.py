"""The work items of a subject, kept equal to what it waits on: its pending approval, each running time limit,
and the procedure's own tasks. `sync` opens what is missing, re-addresses what changed and closes what ended,
so an item closes when its cause ends."""
from django.utils.translation import gettext as _

from ipenforce.core.language import record_language
from ipenforce.core.workitems import open_work_kinds, work_item_close, work_item_open
from ipenforce.workflow import registry
from ipenforce.workflow.deadlines import is_window
from ipenforce.workflow.definitions import Actor, Procedure, Task
from ipenforce.workflow.models import Approval, Deadline, DeadlineStatus, of_subject

DEADLINE_PREFIX = "deadline:"
APPROVAL_SUFFIX = ".approval"  # the kind of every procedure's approval item ends so (core.WorkItem's partial index)


def approval_kind(procedure: Procedure) -> str:
    return f"{procedure.key}{APPROVAL_SUFFIX}"


def _owned(procedure: Procedure, kind: str) -> bool:
    return kind.startswith(DEADLINE_PREFIX) or kind.startswith(f"{procedure.key}.")


def _wanted(procedure: Procedure, subject) -> list[tuple[Task, object, tuple[int, ...]]]:
    """(task, due time, user ids it must not reach) for everything the subject waits on now."""
    wanted = []
    approval = Approval.objects.filter(**of_subject(subject), status=Approval.PENDING).first()
    if approval is not None:
        label = procedure.actions[approval.action].label
        wanted.append((Task(approval_kind(procedure), _("待审批：%(action)s") % {"action": label},
                            procedure.actors[approval.awaiting]), None, (approval.proposer_id,)))
    for deadline in Deadline.objects.filter(**of_subject(subject), status=DeadlineStatus.RUNNING):
        if is_window(deadline.rule):
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
    """Make the subject's open work items match what it waits on now."""
    with record_language():
        wanted = _wanted(procedure, subject)
    kinds = {task.kind for task, _due, _excluded in wanted}
    for kind in open_work_kinds(subject):
        if _owned(procedure, kind) and kind not in kinds:
            work_item_close(kind=kind, target=subject, actor=actor)
    for task, due_at, excluded in wanted:
        address = _address(procedure, subject, task.actor)
        address["excluded"] = (*address.get("excluded", ()), *excluded)
        with record_language():
            title = f"{subject} · {task.title}"
        work_item_open(kind=task.kind, title=title, target=subject, url=procedure.url(subject),
                       due_at=due_at, actor=actor, **address)

