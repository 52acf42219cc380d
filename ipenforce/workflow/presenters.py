"""A subject's engine rows as the API returns them and the pages read them."""
from ipenforce.workflow import permissions
from ipenforce.workflow.definitions import Action, Actor, Procedure
from ipenforce.workflow.selectors import pending_approval


def step_row(procedure: Procedure, step) -> dict:
    action = procedure.actions.get(step.action)
    return {
        "id": step.pk, "kind": step.kind, "kind_label": step.get_kind_display(), "action": step.action,
        "label": str(action.label) if action else step.action,
        "actor": step.actor.display_name, "actor_role": step.actor_role,
        "agency": step.agency.name if step.agency else "",
        "from_state": step.from_state, "to_state": step.to_state, "comment": step.comment, "payload": step.payload,
        "created_at": step.created_at,
    }


def approval_row(procedure: Procedure, subject) -> dict | None:
    approval = pending_approval(subject)
    if approval is None:
        return None
    return {
        "id": approval.pk, "action": approval.action, "chain": approval.chain, "awaiting": approval.awaiting,
        "awaiting_role": approval.awaiting_role,
        "awaiting_people": permissions.describe(procedure, subject, procedure.actors[approval.awaiting]),
        "proposer": approval.proposer.display_name, "payload": approval.payload, "created_at": approval.created_at,
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
