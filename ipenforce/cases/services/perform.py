"""`perform`: the one way a case changes state — rights, guards, row lock, version, approval, step, deadlines,
work items and audit, in one transaction."""
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases import selectors
from ipenforce.cases.choices import StepKind
from ipenforce.cases.models import Approval, Case, CaseStep
from ipenforce.cases.payload import parse_payload
from ipenforce.cases.services.effects import EFFECTS
from ipenforce.cases.workflow import ACTIONS, APPROVAL_ANSWERS, Action, check
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied, ValidationFailed
from ipenforce.core.workitems import work_item_close, work_item_open

APPROVAL_ITEM = "case.approval"


class GuardFailed(ApplicationError):
    status = 422
    code = "guard_failed"


def _json(payload: dict) -> dict:
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def _locked_case(user, case_id: int, version: int) -> Case:
    if not selectors.visible_cases(user).filter(pk=case_id).exists():
        raise NotFound(_("案件不存在或您无权查看。"), code="case_not_found")
    Case.objects.select_for_update().filter(pk=case_id).values_list("pk").get()  # lock before reading
    case = selectors.case_detail(user).get(pk=case_id)
    if case.version != version:
        raise Conflict(_("案件已被他人更新（当前版本 %(current)s，提交的版本 %(sent)s），请刷新后重试。")
                       % {"current": case.version, "sent": version}, code="stale_version", field="version")
    return case


def _refuse_if_guarded(action: Action, case: Case, actor, payload: dict) -> None:
    refusal = check(action, selectors.case_facts(case, actor, payload), payload)
    if refusal:
        raise GuardFailed(refusal.message, code=refusal.code, field=refusal.field)


def _step(case: Case, kind: str, action: str, actor, from_state: str, comment: str = "", payload=None,
          role: str = "") -> CaseStep:
    return CaseStep.objects.create(case=case, kind=kind, action=action, actor=actor, actor_role=role,
                                   from_state=from_state, to_state=case.state, comment=comment,
                                   payload=_json(payload or {}))


def _save(case: Case, action: str, actor, before: dict, extra: dict | None = None) -> None:
    case.version += 1
    case.save()
    audit_append(actor=actor, action=f"case.{action}", target=case, before=before,
                 after={"state": case.state, "version": case.version, **_json(extra or {})})


def _apply(case: Case, action: Action, actor, payload: dict, comment: str) -> None:
    from_state = case.state
    facts = selectors.case_facts(case, actor, payload)
    effect = EFFECTS.get(action.key)
    if effect:
        effect(case, actor, payload, timezone.localdate())
    case.state = action.target(facts, payload)
    _step(case, StepKind.ACTION, action.key, actor, from_state, comment, payload)
    _save(case, action.key, actor, {"state": from_state, "version": case.version}, {"payload": payload})


def _open_approval_item(case: Case, approval: Approval, actor) -> None:
    work_item_open(kind=APPROVAL_ITEM, title=f"{case} · {_('待审批')}：{ACTIONS[approval.action].label}",
                   target=case, url=reverse("cases:detail", args=[case.pk]), assignee_agency=case.agency,
                   eligible_role=approval.awaiting_role, actor=actor)


@transaction.atomic
def perform(*, actor, case_id: int, action: str, version: int, data: dict) -> Case:
    """Run `action` (or an answer to the pending approval) on the case as `actor`."""
    if action not in ACTIONS and action not in APPROVAL_ANSWERS:
        raise NotFound(_("没有“%(action)s”这项操作。") % {"action": action}, code="unknown_action", field="action")
    case = _locked_case(actor, case_id, version)
    comment = str(data.get("comment") or "").strip()
    if action in APPROVAL_ANSWERS:
        _answer(case, action, actor, comment)
        return case
    definition = ACTIONS[action]
    if not selectors.may_act(case, definition, actor):
        raise PermissionDenied(_("您不能对本案办理“%(action)s”。") % {"action": definition.label})
    if selectors.pending_approval(case) is not None:
        raise GuardFailed(_("本案有待审批的事项，审批完成前不能办理其他事项。"), code="approval_pending")
    payload = parse_payload(definition.fields, data)
    _refuse_if_guarded(definition, case, actor, payload)
    if definition.approval:
        approval = Approval.objects.create(case=case, action=action, payload=_json(payload),
                                           chain=list(definition.approval), awaiting_role=definition.approval[0],
                                           proposer=actor)
        _step(case, StepKind.PROPOSAL, action, actor, case.state, comment, payload)
        _save(case, f"{action}.proposed", actor, {"state": case.state, "version": case.version})
        _open_approval_item(case, approval, actor)
    else:
        _apply(case, definition, actor, payload, comment)
    return case


def _answer(case: Case, answer: str, actor, comment: str) -> None:
    approval = selectors.pending_approval(case)
    if approval is None:
        raise GuardFailed(_("本案没有待审批的事项。"), code="no_pending_approval")
    if not selectors.may_answer(case, approval, actor):
        raise PermissionDenied(_("您不是本事项当前的审批人。"))
    if answer != "approve" and not comment:
        raise ValidationFailed(_("不同意或退回时请填写意见。"), code="comment_required", field="comment")
    definition = ACTIONS[approval.action]
    role = approval.awaiting_role
    if answer == "approve" and approval.position + 1 < len(approval.chain):
        approval.position += 1
        approval.awaiting_role = approval.chain[approval.position]
        approval.save(update_fields=["position", "awaiting_role"])
        _step(case, StepKind.APPROVE, approval.action, actor, case.state, comment, role=role)
        _save(case, f"{approval.action}.approved_step", actor, {"state": case.state, "version": case.version})
        _open_approval_item(case, approval, actor)
        return
    approval.status = {"approve": Approval.APPROVED, "reject": Approval.REJECTED,
                       "send_back": Approval.SENT_BACK}[answer]
    approval.awaiting_role, approval.decided_at = "", timezone.now()
    approval.save(update_fields=["status", "awaiting_role", "decided_at"])
    work_item_close(kind=APPROVAL_ITEM, target=case, actor=actor)
    kind = {"approve": StepKind.APPROVE, "reject": StepKind.REJECT, "send_back": StepKind.SEND_BACK}[answer]
    _step(case, kind, approval.action, actor, case.state, comment, role=role)
    if answer != "approve":
        _save(case, f"{approval.action}.{answer}", actor, {"state": case.state, "version": case.version})
        return
    # The facts may have changed since the proposal (a certificate expired, a party was removed): check again.
    payload = parse_payload(definition.fields, approval.payload)
    _refuse_if_guarded(definition, case, actor, payload)
    _apply(case, definition, actor, payload, comment)
