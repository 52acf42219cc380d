"""A subject's engine rows as the API returns them and the pages read them."""
from django.utils.translation import gettext as _

from ipenforce.workflow import permissions
from ipenforce.workflow.definitions import Action, Actor, Procedure
from ipenforce.workflow.selectors import pending_approval

UNSHOWN_KINDS = {"users", "agency"}  # ids: the step's agency and the assigned people are shown elsewhere


def _value_text(field, value) -> str:
    if field.kind == "bool":
        return _("是") if value else _("否")
    if field.kind == "choice":
        return str(dict(field.choices).get(value, value))
    if field.kind == "money":
        return _("%(amount)s元") % {"amount": value}
    if field.kind == "schedule" and isinstance(value, list):
        return "；".join(f"{row.get('due_on')} {row.get('amount')}" for row in value if isinstance(row, dict))
    return str(value)


def payload_facts(action: Action | None, payload: dict) -> list[dict]:
    """What a step recorded, as a person reads it: each field's label and its value in words (never a raw key)."""
    if action is None or not isinstance(payload, dict):
        return []
    return [{"name": f.name, "label": str(f.label), "text": _value_text(f, payload[f.name])}
            for f in action.fields
            if f.kind not in UNSHOWN_KINDS and f.name != "comment" and payload.get(f.name) not in (None, "", [])]


def step_row(procedure: Procedure, step) -> dict:
    action = procedure.actions.get(step.action)
    return {
        "id": step.pk, "kind": step.kind, "kind_label": step.get_kind_display(), "action": step.action,
        "label": str(action.label) if action else step.action,
        "actor": step.actor.display_name, "actor_role": step.actor_role,
        "agency": step.agency.name if step.agency else "",
        "from_state": step.from_state, "to_state": step.to_state, "comment": step.comment, "payload": step.payload,
        "facts": payload_facts(action, step.payload), "created_at": step.created_at,
    }


def approval_row(procedure: Procedure, subject) -> dict | None:
    approval = pending_approval(subject)
    if approval is None:
        return None
    return {
        "id": approval.pk, "action": approval.action, "chain": approval.chain, "awaiting": approval.awaiting,
        "awaiting_role": approval.awaiting_role,
        "awaiting_people": permissions.describe(procedure, subject, procedure.actors[approval.awaiting]),
        "proposer": approval.proposer.display_name, "payload": approval.payload,
        "facts": payload_facts(procedure.actions.get(approval.action), approval.payload),
        "created_at": approval.created_at,
    }


def _actor(actor: Actor) -> dict:
    return {"key": actor.key, "role": actor.role, "at": actor.at, "assigned": actor.assigned,
            "independent": actor.independent}


def action_row(action: Action) -> dict:
    return {
        "key": action.key, "label": str(action.label), "from_states": sorted(action.from_states),
        "by": [_actor(a) for a in action.by], "approval": [_actor(a) for a in action.approval],
        "fields": [{"name": f.name, "kind": f.kind, "label": str(f.label), "required": f.required,
                    "choices": [[str(k), str(v)] for k, v in f.choices]} for f in action.fields],
        "clocks": [[c.op, c.rule] for c in action.clocks],
    }
