"""A procedure as data: its states, who acts, the actions with their guards, approval chains, fields and clocks.

Plain Python with no database access. Given the facts a procedure gathers about its subject, `check` answers
whether an action may happen now and, if not, why (a `Refusal` with a stable code naming the rule). The engine
(`workflow.services`) wraps it with rights, the row lock, the version check, effects, clocks, the timeline,
work items and the audit log. A new procedure is one `Procedure(...)` in its app's `workflow.py`.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

APPROVAL_ANSWERS = {"approve": _("同意"), "reject": _("不同意"), "send_back": _("退回")}
APPROVAL_SUFFIX = ".approval"  # the kind of every procedure's approval item ends so (core.WorkItem's partial index)


@dataclass(frozen=True)
class Field:
    """One input of an action; the same definition validates API payloads and builds the page's form."""

    name: str
    kind: str  # text | date | money | choice | bool | users | schedule | agency
    label: str
    required: bool = True
    choices: tuple = ()


@dataclass(frozen=True)
class Actor:
    """Who may take an action, answer an approval or owns a time limit: the holders of `role` at an agency of the
    subject (`at`: "subject" for its own agency, or a party the procedure names, such as "police"), resolved to
    the nearest agency upwards that has someone in the role — a 市场监管所 without a 机关负责人 reaches its bureau's.

    `assigned`: once the subject has assigned officers, only they. `independent`: never an assigned officer
    (legal review, 《行政处罚法》第五十八条)."""

    key: str
    role: str
    at: str = "subject"
    assigned: bool = False
    independent: bool = False


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    field: str | None = None
    needs: Actor | None = None  # whose act would lift it; the engine names them


Guard = Callable[[object, dict], Refusal | None]
When = Callable[[object, dict], bool]


@dataclass(frozen=True)
class Clock:
    """A time limit of rules/time_limits.yaml that an action touches.

    op: start | stop | pause | resume | extend. `rule` "*" means every open limit of the subject (pause, resume).
    `at`: the payload field holding the date (or a function of the payload); today when empty. For `resume` it
    is the last day that does not count; for `extend` with `at`, the new due date fixed by the action.
    `reason` ties a pause to its resume, so ending a hearing does not end a suspension running beside it."""

    op: str
    rule: str
    owner: Actor | None = None
    at: str | Callable[[dict], date] | None = None
    when: When | None = None
    reason: str = ""


def start(rule, owner, at=None, when=None) -> Clock:
    return Clock("start", rule, owner=owner, at=at, when=when)


def stop(rule, at=None, when=None) -> Clock:
    return Clock("stop", rule, at=at, when=when)


def pause(rule, reason, at=None) -> Clock:
    return Clock("pause", rule, at=at, reason=reason)


def resume(rule, reason, at=None) -> Clock:
    return Clock("resume", rule, at=at, reason=reason)


def extend(rule, at=None) -> Clock:
    return Clock("extend", rule, at=at)


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    from_states: frozenset[str]
    by: tuple[Actor, ...]  # empty: taken only by another procedure's effect (`services.trigger`)
    to_state: str | Callable[[object, dict], str] | None = None  # None: the subject stays where it is
    approval: tuple[Actor, ...] = ()
    guards: tuple[Guard, ...] = ()
    fields: tuple[Field, ...] = ()
    clocks: tuple[Clock, ...] = ()
    documents: tuple[str, ...] = ()  # document kinds the action needs (checked by the procedure's guards)

    def target(self, facts, payload: dict) -> str:
        if self.to_state is None:
            return facts.state
        return self.to_state(facts, payload) if callable(self.to_state) else self.to_state

    @property
    def internal(self) -> bool:
        return not self.by


@dataclass(frozen=True)
class Task:
    """A piece of work a subject waits on beyond its approvals and time limits (e.g. 指定办案人员)."""

    kind: str
    title: str
    actor: Actor
    due_at: object = None  # a datetime when the work has a due time of its own (not a statutory limit)


@dataclass
class Procedure:
    """One procedure. The DB-facing hooks are dotted paths, imported on first use, so this declaration stays
    importable (and its guards testable) without a database:

    - `facts(subject, actor, payload)` → the object the guards read (it has `.state`);
    - `effects`: a dict action key → `fn(subject, ctx)`, what an action changes beyond state and clocks;
    - `subjects(user)` → the queryset of subjects the user may read, with what the facts need prefetched;
    - `tasks(subject)` → the `Task`s it waits on now (optional);
    - `agencies`: for each `Actor.at`, a function of the subject giving that agency (or None);
    - `officers(subject)` → the assigned users (for `Actor.assigned`);
    - `url(subject)` → its page, for work items;
    - `offers(subject, key)` → False for actions that never apply to this subject (optional).
    """

    key: str
    model: str
    label: str
    states: dict[str, str]
    actions: list[Action]
    agencies: dict[str, Callable]
    officers: Callable
    url: Callable
    facts: str
    effects: str
    subjects: str
    tasks: str | None = None
    offers: Callable | None = None  # (subject, action key) → whether the action applies to it at all
    actors: dict[str, Actor] = field(default_factory=dict)

    def __post_init__(self):
        self.actions = {a.key: a for a in self.actions} if isinstance(self.actions, list) else self.actions
        if any(a.approval for a in self.actions.values()) and set(self.actions) & set(APPROVAL_ANSWERS):
            raise ValueError(f"{self.key}: an action may not be named like an answer to an approval")
        for action in self.actions.values():
            for actor in (*action.by, *action.approval, *(c.owner for c in action.clocks if c.owner)):
                self.actors.setdefault(actor.key, actor)

    @cached_property
    def facts_for(self) -> Callable:
        return import_string(self.facts)

    @cached_property
    def effect_map(self) -> dict[str, Callable]:
        return import_string(self.effects)

    @cached_property
    def subjects_for(self) -> Callable:
        return import_string(self.subjects)

    @cached_property
    def tasks_for(self) -> Callable:
        return import_string(self.tasks) if self.tasks else (lambda subject: [])

    def agency_of(self, subject, at: str):
        return self.agencies[at](subject)


def standing(guard: Guard) -> Guard:
    """Mark a guard that reads only the facts, never what is entered (e.g. "a test is under way"): when it refuses,
    the action cannot apply now, so `workflow.selectors.available_actions` does not offer it."""
    guard.standing = True
    return guard


def is_standing(guard: Guard) -> bool:
    return getattr(guard, "standing", False)


def hidden(action: Action, facts) -> bool:
    """Whether one of the action's standing guards refuses on these facts (the action is not offered)."""
    return any(guard(facts, {}) is not None for guard in action.guards if is_standing(guard))


def check(action: Action, facts, payload: dict, state_label: str = "") -> Refusal | None:
    """The first refusal: the subject's state, then each guard in order; None when the action may go ahead."""
    if facts.state not in action.from_states:
        return Refusal("wrong_state", str(_("当前状态（%(state)s）下不能办理“%(action)s”。"))
                       % {"state": state_label or facts.state, "action": action.label})
    for guard in action.guards:
        refusal = guard(facts, payload)
        if refusal:
            return refusal
    return None
