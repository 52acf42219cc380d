"""`perform`: the one way a subject of any procedure changes — rights, guards, row lock, version, approvals
(approve / reject / send back), effects, clocks, the timeline step, work items and the audit log, in one
transaction. `create` starts a subject of a procedure from another one's effect, `trigger` runs an internal
action of a procedure from another one's effect, `record` notes a step that changes no state."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.core.audit import audit_append, json_safe
from ipenforce.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied, ValidationFailed
from ipenforce.workflow import permissions, registry, worklist
from ipenforce.workflow.deadlines import (
    deadline_extend,
    deadline_pause,
    deadline_resume,
    deadline_start,
    deadline_stop,
)
from ipenforce.workflow.definitions import APPROVAL_ANSWERS, Action, Procedure, Refusal, check
from ipenforce.workflow.models import Approval, Step, StepKind, of_subject
from ipenforce.workflow.payload import parse_payload
from ipenforce.workflow.selectors import pending_approval


class GuardFailed(ApplicationError):
    status = 422
    code = "guard_failed"


@dataclass
class Context:
    """What an effect and the clocks of an action see."""

    actor: object
    payload: dict
    comment: str
    facts: object
    today: date
    now: datetime


def _context(procedure: Procedure, subject, actor, payload: dict, comment: str, proposer=None) -> Context:
    now = timezone.now()
    return Context(actor=actor, payload=payload, comment=comment, now=now, today=timezone.localdate(now),
                   facts=procedure.facts_for(subject, proposer or actor, payload))


def refused(procedure: Procedure, subject, refusal: Refusal) -> GuardFailed:
    """The refusal as an error, naming who must act when someone else's act would lift it."""
    message = refusal.message
    if refusal.needs is not None:
        message += _("（须由%(who)s办理）") % {"who": permissions.describe(procedure, subject, refusal.needs)}
    return GuardFailed(message, code=refusal.code, field=refusal.field)


def _guard(procedure: Procedure, definition: Action, subject, ctx: Context) -> None:
    refusal = check(definition, ctx.facts, ctx.payload, str(procedure.states.get(subject.state, subject.state)))
    for extension in registry.extensions(procedure.key, definition.key):
        if refusal is None and extension.check is not None:
            refusal = extension.check(subject, ctx.actor, ctx.payload)
    if refusal:
        raise refused(procedure, subject, refusal)


def _locked(procedure: Procedure, user, subject_id: int, version: int | None):
    model = apps.get_model(procedure.model)
    visible = procedure.subjects_for(user) if user is not None else model.objects.all()
    # One statement checks the scope, locks the subject's row (only its own: `of`) and reads it; what is
    # prefetched with it is read after the lock.
    subject = visible.select_for_update(of=("self",)).filter(pk=subject_id).first()
    if subject is None:
        raise NotFound(_("%(what)s不存在或您无权查看。") % {"what": procedure.label}, code=f"{procedure.key}_not_found")
    if version is not None and subject.version != version:
        raise Conflict(_("%(what)s已被他人更新（当前版本 %(current)s，提交的版本 %(sent)s），请刷新后重试。")
                       % {"what": procedure.label, "current": subject.version, "sent": version},
                       code="stale_version", field="version")
    return subject


def _step(subject, kind: str, action: str, actor, from_state: str, comment: str = "", payload=None,
          role: str = "") -> Step:
    _forget(subject, "steps")  # read again with the new one
    return Step.objects.create(**of_subject(subject), kind=kind, action=action, actor=actor, actor_role=role,
                               agency_id=actor.agency_id, from_state=from_state, to_state=subject.state,
                               comment=comment[:2000], payload=json_safe(payload or {}))


def _save(procedure: Procedure, subject, action: str, actor, before_state: str, payload=None) -> None:
    subject.version += 1
    subject.save()
    audit_append(actor=actor, action=f"{procedure.key}.{action}", target=subject,
                 before={"state": before_state, "version": subject.version - 1},
                 after={"state": subject.state, "version": subject.version,
                        **({"payload": json_safe(payload)} if payload else {})})


def _day(value: date | datetime) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _run_clocks(subject, definition: Action, ctx: Context) -> None:
    for clock in definition.clocks:
        if clock.when is not None and not clock.when(ctx.facts, ctx.payload):
            continue
        given = clock.at(ctx.payload) if callable(clock.at) else ctx.payload.get(clock.at) if clock.at else None
        at = given or ctx.now
        if clock.op == "start":
            deadline_start(subject, clock.rule, clock.owner.key, at)
        elif clock.op == "stop":
            deadline_stop(subject, clock.rule, at)
        elif clock.op == "pause":
            deadline_pause(subject, clock.rule, _day(at), clock.reason)
        elif clock.op == "resume":  # the last day not counted: the day before, unless the action names it
            deadline_resume(subject, clock.rule, _day(given) if given else ctx.today - timedelta(days=1), clock.reason)
        elif clock.op == "extend":
            deadline_extend(subject, clock.rule, _day(given) if given else None)


def _forget(subject, *relations: str) -> None:
    """These relations read with the subject were written since: read them again when next asked."""
    for name in relations:
        subject.__dict__.get("_prefetched_objects_cache", {}).pop(name, None)


def _forget_prefetched(subject) -> None:
    """Related rows read before a write (its deadlines, officers, approvals) are read again after it: after the
    effects and extensions, which may change any of them. The engine's own writes forget only what they change
    (`_forget`), so an answer to an approval keeps the rest, and the API's answer reuses it."""
    subject.__dict__.pop("_prefetched_objects_cache", None)
    subject.__dict__.pop("pending_approvals", None)


def _apply(procedure: Procedure, subject, definition: Action, ctx: Context, kind: str = StepKind.ACTION) -> None:
    from_state = subject.state
    target = definition.target(ctx.facts, ctx.payload)
    _run_clocks(subject, definition, ctx)
    _forget(subject, "deadlines")
    effect = procedure.effect_map.get(definition.key)
    if effect:
        effect(subject, ctx)
        _forget_prefetched(subject)
    subject.state = target
    for extension in registry.extensions(procedure.key, definition.key):
        if extension.then is not None:
            extension.then(subject, ctx)
    _forget_prefetched(subject)
    _step(subject, kind, definition.key, ctx.actor, from_state, ctx.comment, ctx.payload)
    _save(procedure, subject, definition.key, ctx.actor, from_state, ctx.payload)
    worklist.sync(procedure, subject, ctx.actor)


def _awaited(procedure: Procedure, subject, approval: Approval) -> str:
    return permissions.describe(procedure, subject, procedure.actors[approval.awaiting])


@transaction.atomic
def perform(*, procedure: str, subject_id: int, action: str, actor, version: int, data: dict):
    """Run `action` (or an answer to the pending approval) on the subject as `actor`; returns the subject."""
    proc = registry.procedure(procedure)
    if action not in proc.actions and action not in APPROVAL_ANSWERS:
        raise NotFound(_("没有“%(action)s”这项操作。") % {"action": action}, code="unknown_action", field="action")
    subject = _locked(proc, actor, subject_id, version)
    comment = str(data.get("comment") or "").strip()
    if action not in proc.actions:
        _answer(proc, subject, action, actor, comment)
        return subject
    definition = proc.actions[action]
    if definition.internal or not permissions.may_start(proc, subject, definition, actor):
        who = permissions.who_acts(proc, subject, definition.by)
        raise PermissionDenied(_("您不能办理“%(action)s”。") % {"action": definition.label}
                               + (_("应由%(who)s办理。") % {"who": who} if who else ""))
    approval = pending_approval(subject)
    if approval is not None:
        raise GuardFailed(_("有待审批的事项（%(action)s，待%(who)s审批），审批完成前不能办理其他事项。")
                          % {"action": proc.actions[approval.action].label, "who": _awaited(proc, subject, approval)},
                          code="approval_pending")
    ctx = _context(proc, subject, actor, parse_payload(definition.fields, data), comment)
    _guard(proc, definition, subject, ctx)
    if not definition.approval:
        _apply(proc, subject, definition, ctx)
        return subject
    first = definition.approval[0]
    Approval.objects.create(**of_subject(subject), action=action, payload=json_safe(ctx.payload),
                            chain=[a.key for a in definition.approval], awaiting=first.key, awaiting_role=first.role,
                            proposer=actor)
    _forget_prefetched(subject)
    _step(subject, StepKind.PROPOSAL, action, actor, subject.state, comment, ctx.payload)
    for extension in registry.extensions(proc.key, action):
        if extension.proposed is not None:
            extension.proposed(subject, ctx)
    _forget_prefetched(subject)
    _save(proc, subject, f"{action}.proposed", actor, subject.state)
    worklist.sync(proc, subject, actor)
    return subject


def _answer(proc: Procedure, subject, answer: str, actor, comment: str) -> None:
    approval = pending_approval(subject)
    if approval is None:
        raise GuardFailed(_("没有待审批的事项。"), code="no_pending_approval")
    if not permissions.may_answer(proc, subject, approval, actor):
        raise PermissionDenied(_("您不是本事项当前的审批人；应由%(who)s审批。")
                               % {"who": _awaited(proc, subject, approval)})
    if answer != "approve" and not comment:
        raise ValidationFailed(_("不同意或退回时请填写意见。"), code="comment_required", field="comment")
    definition = proc.actions[approval.action]
    role = approval.awaiting_role
    if answer == "approve" and approval.position + 1 < len(approval.chain):
        approval.position += 1
        following = proc.actors[approval.chain[approval.position]]
        approval.awaiting, approval.awaiting_role = following.key, following.role
        approval.save(update_fields=["position", "awaiting", "awaiting_role"])
        _step(subject, StepKind.APPROVE, approval.action, actor, subject.state, comment, role=role)
        _save(proc, subject, f"{approval.action}.approved_step", actor, subject.state)
        worklist.sync(proc, subject, actor)
        return
    approval.status = {"approve": Approval.APPROVED, "reject": Approval.REJECTED,
                       "send_back": Approval.SENT_BACK}[answer]
    approval.awaiting, approval.awaiting_role, approval.decided_at = "", "", timezone.now()
    approval.save(update_fields=["status", "awaiting", "awaiting_role", "decided_at"])
    if "pending_approvals" in subject.__dict__:  # read with the subject: none is pending now
        subject.pending_approvals = []
    kind = {"approve": StepKind.APPROVE, "reject": StepKind.REJECT, "send_back": StepKind.SEND_BACK}[answer]
    _step(subject, kind, approval.action, actor, subject.state, comment, role=role)
    if answer != "approve":
        _save(proc, subject, f"{approval.action}.{answer}", actor, subject.state)
        worklist.sync(proc, subject, actor)
        return
    # The facts may have changed since the proposal (a certificate expired, a party was removed): check again.
    payload = parse_payload(definition.fields, approval.payload)
    ctx = _context(proc, subject, actor, payload, comment, proposer=approval.proposer)
    _guard(proc, definition, subject, ctx)
    _apply(proc, subject, definition, ctx)


def create(*, procedure: str, subject, action: str, actor, data: dict | None = None, comment: str = ""):
    """Save a new subject of `procedure` through its opening action (one of its internal actions, from the state
    ""), inside the caller's transaction: clocks, effect, timeline, work items and audit as for any action."""
    proc = registry.procedure(procedure)
    definition = proc.actions[action]
    subject.state, subject.version = "", 0
    subject.save()
    _apply(proc, subject, definition, _context(proc, subject, actor, parse_payload(definition.fields, data or {}),
                                               comment))
    return subject


def trigger(*, procedure: str, subject_id: int, action: str, actor, data: dict | None = None, comment: str = ""):
    """Run an internal action of `procedure` on a subject, from another procedure's effect (the police received
    the case: it is held; they sent it back: it resumes), inside the caller's transaction."""
    proc = registry.procedure(procedure)
    subject = _locked(proc, None, subject_id, None)
    definition = proc.actions[action]
    ctx = _context(proc, subject, actor, parse_payload(definition.fields, data or {}), comment)
    _guard(proc, definition, subject, ctx)
    _apply(proc, subject, definition, ctx)
    return subject


def announce(*, procedure: str, subject, event: str, actor) -> None:
    """Run the higher apps' `then` for an event of `procedure` that is not one of its actions (a lead registered
    by the case service), inside the caller's transaction."""
    now = timezone.now()
    ctx = Context(actor=actor, payload={}, comment="", facts=None, today=timezone.localdate(now), now=now)
    for extension in registry.extensions(procedure, event):
        if extension.action == event and extension.then is not None:
            extension.then(subject, ctx)


def record(*, subject, actor, action: str, comment: str = "", payload: dict | None = None) -> Step:
    """A timeline entry that changes no state (e.g. a document was produced)."""
    return _step(subject, StepKind.RECORD, action, actor, subject.state, comment, payload)
