"""The procedures on the engine, registered by their apps when Django starts (each app's `AppConfig.ready`), and
the extensions a higher app adds to a lower app's procedure without the lower app importing it (the two-law
linkage adds to the case procedure: a transfer is started when a case action asks for one)."""
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core import rules
from ipenforce.core.errors import NotFound
from ipenforce.workflow.definitions import Action, Procedure

_procedures: dict[str, Procedure] = {}


@dataclass(frozen=True)
class Extension:
    """Added to an action of a procedure (or to the whole procedure, `action=None`):

    - `adds`: a new action of the procedure, declared by the higher app (its effect is `then`);
    - `check(subject, actor, payload)` → a `Refusal` or None, after the action's own guards;
    - `then(subject, ctx)`, after the action's own effect, in the same transaction;
    - `tasks(subject)` → more `Task`s the subject waits on;
    - `proposed(subject, ctx)`, when the action is proposed for approval (a decision drafted), in its transaction.

    `action` may also name an event that is not an action of the procedure (a lead registered outside the engine):
    its `then` runs when the lower app `announce`s it."""

    action: str | None = None
    adds: Action | None = None
    check: Callable | None = None
    then: Callable | None = None
    tasks: Callable | None = None
    proposed: Callable | None = None


_extensions: dict[str, list[Extension]] = {}


CLOCK_OPS = {"start": gettext_lazy("启动"), "stop": gettext_lazy("停止"), "pause": gettext_lazy("暂停"),
             "resume": gettext_lazy("恢复"), "extend": gettext_lazy("延长")}


def register(procedure: Procedure) -> Procedure:
    _procedures[procedure.key] = procedure
    _record_clock_uses(procedure, procedure.actions.values())
    return procedure


def _record_clock_uses(procedure: Procedure, actions) -> None:
    """Each time limit an action starts, stops, pauses, resumes or extends is a use of that rule (rules page)."""
    for action in actions:
        for clock in action.clocks:
            if clock.rule != "*":
                rules.register_use(clock.rule, f"{procedure.label} · {action.label}：{CLOCK_OPS[clock.op]}期限")


def procedure(key: str) -> Procedure:
    try:
        return _procedures[key]
    except KeyError:
        raise NotFound(_("没有这个流程：%(key)s。") % {"key": key}, code="unknown_procedure") from None


def procedure_of(subject: Model) -> Procedure:
    label = subject._meta.label
    return next(p for p in _procedures.values() if p.model == label)


def all_procedures() -> list[Procedure]:
    return list(_procedures.values())


def extend(procedure_key: str, **parts) -> Extension:
    if parts.get("adds") is not None:  # a new action: offered, run and checked like the procedure's own
        added = parts["adds"]
        parts.setdefault("action", added.key)
        target = procedure(procedure_key)
        target.actions[added.key] = added
        _record_clock_uses(target, [added])
        for actor in (*added.by, *added.approval, *(c.owner for c in added.clocks if c.owner)):
            target.actors.setdefault(actor.key, actor)
    extension = Extension(**parts)
    _extensions.setdefault(procedure_key, []).append(extension)
    return extension


def extensions(procedure_key: str, action: str | None = None) -> list[Extension]:
    return [e for e in _extensions.get(procedure_key, []) if action is None or e.action in (None, action)]
