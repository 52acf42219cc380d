"""Statutory deadlines on a case: start, stop, pause, extend; each running one is a work item in the workbench."""
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from ipenforce.cases.choices import DeadlineStatus
from ipenforce.cases.models import Case, Deadline
from ipenforce.core import clock, rules
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.orgs.choices import Role


def _pauses(deadline: Deadline) -> tuple[clock.Pause, ...]:
    return tuple(clock.Pause(date.fromisoformat(s), date.fromisoformat(e) if e else None) for s, e in deadline.pauses)


def _recompute(deadline: Deadline) -> None:
    due, version = rules.due_for(deadline.rule, deadline.started_on, pauses=_pauses(deadline),
                                 extensions_granted=deadline.extensions)
    deadline.due_on = deadline.override_due_on or due.due
    deadline.warning = "；".join(due.warnings)[:300]
    deadline.unit = version.unit
    deadline.citation = version.citation[:300]
    deadline.verified = version.verified
    if deadline.status in (DeadlineStatus.RUNNING, DeadlineStatus.PAUSED):
        deadline.status = DeadlineStatus.PAUSED if due.paused else DeadlineStatus.RUNNING


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def _sync_work_item(case: Case, deadline: Deadline, actor) -> None:
    kind = f"deadline:{deadline.rule}"
    if deadline.status != DeadlineStatus.RUNNING:
        work_item_close(kind=kind, target=case, actor=actor)
        return
    lead_officer = case.officers.order_by("pk").first()
    work_item_open(
        kind=kind, title=f"{case} · {deadline.title}", target=case,
        url=reverse("cases:detail", args=[case.pk]), due_at=_end_of(deadline.due_on) if deadline.due_on else None,
        assignee_user=lead_officer, assignee_agency=None if lead_officer else case.agency,
        eligible_role="" if lead_officer else Role.CASE_OFFICER, actor=actor,
    )


def deadline_start(*, case: Case, rule: str, start: date, actor) -> Deadline:
    """Start (or restart) the deadline of this rule on the case, counted from `start`."""
    deadline = Deadline.objects.filter(case=case, rule=rule).first() or Deadline(case=case, rule=rule)
    deadline.title = rules.get_rule(rule).title
    deadline.started_on = start
    deadline.status = DeadlineStatus.RUNNING
    deadline.pauses, deadline.extensions, deadline.override_due_on, deadline.stopped_on = [], 0, None, None
    _recompute(deadline)
    deadline.save()
    _sync_work_item(case, deadline, actor)
    return deadline


def _running(case: Case, rule: str) -> Deadline | None:
    return Deadline.objects.filter(
        case=case, rule=rule, status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED]).first()


def deadline_stop(*, case: Case, rule: str, on: date, actor) -> None:
    deadline = _running(case, rule)
    if deadline is None:
        return
    deadline.stopped_on = on
    deadline.status = DeadlineStatus.LATE if deadline.due_on and on > deadline.due_on else DeadlineStatus.MET
    deadline.save()
    _sync_work_item(case, deadline, actor)


def deadline_pause(*, case: Case, rule: str, start: date, actor) -> None:
    deadline = _running(case, rule)
    if deadline is None:
        return
    deadline.pauses = [*deadline.pauses, [start.isoformat(), None]]
    _recompute(deadline)
    deadline.save()
    _sync_work_item(case, deadline, actor)


def deadline_unpause(*, case: Case, rule: str, end: date, actor) -> None:
    """Close the running pause; `end` is the last day that does not count."""
    deadline = _running(case, rule)
    if deadline is None or not deadline.pauses or deadline.pauses[-1][1] is not None:
        return
    start = deadline.pauses[-1][0]
    deadline.pauses = [*deadline.pauses[:-1], [start, max(end, date.fromisoformat(start)).isoformat()]]
    _recompute(deadline)
    deadline.save()
    _sync_work_item(case, deadline, actor)


def deadline_extend(*, case: Case, rule: str, actor, due_on: date | None = None) -> None:
    """Grant the rule's next extension, or (with `due_on`) set the period fixed by collective discussion."""
    deadline = _running(case, rule)
    if deadline is None:
        return
    if due_on:
        deadline.override_due_on = due_on
    else:
        deadline.extensions += 1
    _recompute(deadline)
    deadline.save()
    _sync_work_item(case, deadline, actor)


def case_deadlines_refresh(*, case: Case, actor) -> None:
    """Re-assign the open deadline work items, e.g. after the officers changed."""
    for deadline in Deadline.objects.filter(case=case, status=DeadlineStatus.RUNNING):
        _sync_work_item(case, deadline, actor)
