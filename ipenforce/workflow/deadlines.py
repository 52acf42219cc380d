"""The one deadline service of every procedure: start, stop, pause, resume and extend a statutory time limit
on its subject, computed on the working-day calendar from rules/time_limits.yaml. The work item of a running
limit is kept by `worklist.sync`."""
from datetime import date, datetime

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipenforce.core import clock, rules
from ipenforce.core.clock import end_of, start_of
from ipenforce.core.errors import ApplicationError
from ipenforce.workflow.models import OPEN_DEADLINE, Deadline, DeadlineStatus, of_subject

ALL = "*"


def _by_hours(rule: str, on: date) -> bool:
    return rules.version_on(rule, on).unit == clock.HOURS


def _moment(rule: str, at: date | datetime) -> datetime:
    """When a limit counted in hours starts or stops at `at`: that moment; a limit counted in days: its day."""
    if isinstance(at, datetime):
        return at if _by_hours(rule, timezone.localdate(at)) else start_of(timezone.localdate(at))
    return start_of(at)


def _pauses(deadline: Deadline) -> tuple[clock.Pause, ...]:
    return tuple(clock.Pause(date.fromisoformat(p[0]), date.fromisoformat(p[1]) if p[1] else None)
                 for p in deadline.pauses)


def _recompute(deadline: Deadline) -> None:
    start = timezone.localtime(deadline.started_at)
    by_hours = _by_hours(deadline.rule, start.date())
    due, version = rules.due_for(deadline.rule, start if by_hours else start.date(), pauses=_pauses(deadline),
                                 extensions_granted=deadline.extensions)
    computed = None if due.due is None else due.due if isinstance(due.due, datetime) else end_of(due.due)
    deadline.due_at = deadline.override_due_at or computed
    deadline.warning = "；".join(due.warnings)[:300]
    deadline.unit, deadline.citation, deadline.verified = version.unit, version.citation[:300], version.verified
    if deadline.is_open:
        deadline.status = DeadlineStatus.PAUSED if due.paused else DeadlineStatus.RUNNING


def open_deadlines(subject: Model, rule: str = ALL) -> list[Deadline]:
    rows = Deadline.objects.filter(**of_subject(subject), status__in=OPEN_DEADLINE)
    return list(rows if rule == ALL else rows.filter(rule=rule))


def deadline_stop(subject: Model, rule: str, at: date | datetime) -> None:
    """The act the limit waits for was done at `at`: met, or late when after the due time."""
    for deadline in open_deadlines(subject, rule):
        deadline.stopped_at = _moment(deadline.rule, at)
        late = deadline.due_at is not None and (deadline.stopped_at > deadline.due_at)
        deadline.status = DeadlineStatus.LATE if late else DeadlineStatus.MET
        deadline.save()


def deadline_start(subject: Model, rule: str, owner: str, at: date | datetime) -> Deadline:
    """Start the limit of this rule counted from `at`, owned by the actor `owner`; an open one of the same rule
    is ended first (a restarted review keeps the record of the first)."""
    deadline_stop(subject, rule, at)
    deadline = Deadline(**of_subject(subject), rule=rule,
                        title=rules.get_rule(rule).title, owner=owner, started_at=_moment(rule, at))
    _recompute(deadline)
    deadline.save()
    return deadline


def deadline_pause(subject: Model, rule: str, start: date, reason: str) -> None:
    """From `start` the limit (every open limit for "*") does not run, until resumed for the same reason."""
    for deadline in open_deadlines(subject, rule):
        deadline.pauses = [*deadline.pauses, [start.isoformat(), None, reason]]
        _recompute(deadline)
        deadline.save()


def deadline_resume(subject: Model, rule: str, end: date, reason: str) -> None:
    """End the running pause of this reason; `end` is the last day that does not count."""
    for deadline in open_deadlines(subject, rule):
        pauses = [list(p) for p in deadline.pauses]
        running = [p for p in pauses if p[1] is None and p[2] in (reason, "")]
        if not running:
            continue
        pause = running[-1]
        pause[1] = max(end, date.fromisoformat(pause[0])).isoformat()
        deadline.pauses = pauses
        _recompute(deadline)
        deadline.save()


def deadline_extend(subject: Model, rule: str, due: date | None = None) -> None:
    """Grant the rule's next extension, or (with `due`) set the period fixed by the deciding body."""
    for deadline in open_deadlines(subject, rule):
        if due:
            deadline.override_due_at = end_of(due)
        else:
            deadline.extensions += 1
        _recompute(deadline)
        deadline.save()


STATUS_LABELS = {"overdue": _("已超期"), **dict(DeadlineStatus.choices)}
WINDOW_LABELS = {"ended": _("期间已届满"), DeadlineStatus.RUNNING: _("期间内"), DeadlineStatus.PAUSED: _("已暂停"),
                 DeadlineStatus.MET: _("期间已结束"), DeadlineStatus.LATE: _("期间已结束")}


def is_window(rule: str) -> bool:
    """Whether the limit is a window someone may act in (rules `window: true`); a rule no file knows any more (an
    old row) is an ordinary limit."""
    try:
        return bool(getattr(rules.get_rule(rule), "window", False))
    except ApplicationError:
        return False


def display_status(deadline: Deadline, now: datetime) -> str:
    """running, paused, met, late — or "overdue" for a limit past its due time; a window past its end "ended"."""
    if deadline.status == DeadlineStatus.RUNNING and deadline.due_at and deadline.due_at < now:
        return "ended" if is_window(deadline.rule) else "overdue"
    return deadline.status


def status_label(deadline: Deadline, status: str) -> str:
    labels = WINDOW_LABELS if is_window(deadline.rule) else STATUS_LABELS
    return str(labels[status])


def extensions_left(deadline: Deadline | None) -> int:
    if deadline is None:
        return 0
    version = rules.version_on(deadline.rule, timezone.localdate(deadline.started_at))
    return len(version.extensions) - deadline.extensions
