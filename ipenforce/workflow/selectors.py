"""Reads of the engine: a subject's pending approval, the actions a user may take on it now, its timeline and
time limits as pages and the API show them, and the approvals waiting on a user."""
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ipenforce.core.models import WorkItem
from ipenforce.orgs.selectors import work_queue
from ipenforce.workflow import permissions, registry
from ipenforce.workflow.deadlines import display_status, is_window, status_label
from ipenforce.workflow.definitions import APPROVAL_ANSWERS, APPROVAL_SUFFIX, Procedure, hidden, is_standing
from ipenforce.workflow.models import Approval, Deadline, Step, of_subject


def subject_prefetches(steps: QuerySet[Step] | None = None) -> list:
    """What a subject's page reads of the engine's tables, for `prefetch_related` (a fixed number of queries);
    `steps` to fetch more with each step."""
    return [
        "deadlines",
        Prefetch("steps", queryset=steps if steps is not None else Step.objects.select_related("actor", "agency")),
        Prefetch("approvals", queryset=Approval.objects.filter(status=Approval.PENDING).select_related("proposer"),
                 to_attr="pending_approvals"),
    ]


def pending_approval(subject) -> Approval | None:
    if hasattr(subject, "pending_approvals"):
        return subject.pending_approvals[0] if subject.pending_approvals else None
    return Approval.objects.filter(**of_subject(subject), status=Approval.PENDING).select_related("proposer").first()


def available_actions(procedure: Procedure, subject, user) -> list[str]:
    """What `user` may do on the subject now: the answers while an approval waits on them, else the actions of
    the current state that they are an actor of, less those a standing guard refuses now (no "检测、鉴定完成"
    without a test under way); the other guards are checked when performed, where they say what to enter."""
    approval = pending_approval(subject)
    if approval is not None:
        return list(APPROVAL_ANSWERS) if permissions.may_answer(procedure, subject, approval, user) else []
    keys = [key for key, action in procedure.actions.items()
            if subject.state in action.from_states and not action.internal
            and (procedure.offers is None or procedure.offers(subject, key))
            and permissions.may_start(procedure, subject, action, user)
            and not _refused_by_an_extension(procedure, subject, key, user)]
    if not any(is_standing(g) for key in keys for g in procedure.actions[key].guards):
        return keys
    facts = procedure.facts_for(subject, user, {})  # once for every action offered
    return [key for key in keys if not hidden(procedure.actions[key], facts)]


def _refused_by_an_extension(procedure: Procedure, subject, key: str, user) -> bool:
    """An extension's check that does not depend on what is entered (e.g. a transfer is already under way)."""
    return any(e.check is not None and e.check(subject, user, {}) is not None
               for e in registry.extensions(procedure.key, key) if e.action == key)


def deadlines(subject) -> list[Deadline]:
    if hasattr(subject, "_prefetched_objects_cache") and "deadlines" in subject._prefetched_objects_cache:
        return list(subject.deadlines.all())
    return list(Deadline.objects.filter(**of_subject(subject)))


def latest_deadline(subject, rule: str) -> Deadline | None:
    """The most recent limit of this rule on the subject (a restarted one replaces the earlier in the facts)."""
    found = [d for d in deadlines(subject) if d.rule == rule]
    return max(found, key=lambda d: (d.started_at, d.pk)) if found else None


def deadline_rows(procedure: Procedure, subject, user=None) -> list[dict]:
    """The subject's time limits as pages and the API show them, each with the agency that must act."""
    now = timezone.now()
    cache = permissions.request_cache(user) if user is not None else None
    rows = []
    for d in deadlines(subject):
        actor = procedure.actors.get(d.owner)
        agency = permissions.acting_agency(procedure, subject, actor, cache) if actor else None
        left = (timezone.localdate(d.due_at) - timezone.localdate(now)).days if d.due_at and d.is_open else None
        status = display_status(d, now)
        rows.append({
            "rule": d.rule, "title": d.title, "owner": d.owner, "owner_agency": agency.name if agency else "",
            "started_at": d.started_at, "started_on": timezone.localdate(d.started_at), "due_at": d.due_at,
            "due_on": d.due_on, "unit": d.unit, "status": status, "status_label": status_label(d, status),
            "window": is_window(d.rule), "days_left": left,
            "extensions": d.extensions, "stopped_at": d.stopped_at, "warning": d.warning, "citation": d.citation,
            "verified": d.verified,
        })
    return rows


def approval_queue(user) -> QuerySet[WorkItem]:
    """The approvals waiting on this user now, across every procedure (resolved from their roles today)."""
    return work_queue(user, Q(kind__endswith=APPROVAL_SUFFIX))
