"""API shapes every procedure shares: its timeline steps, pending approval, time limits and action definitions."""
from datetime import date, datetime

from ninja import Field, Schema


class StepOut(Schema):
    id: int
    kind: str
    action: str
    label: str
    actor: str
    actor_role: str
    agency: str
    from_state: str
    to_state: str
    comment: str
    payload: dict
    created_at: datetime


class ApprovalOut(Schema):
    id: int
    action: str
    chain: list[str]
    awaiting: str
    awaiting_role: str
    awaiting_people: str
    proposer: str
    payload: dict
    created_at: datetime


class DeadlineOut(Schema):
    rule: str
    title: str
    owner: str
    owner_agency: str
    started_at: datetime
    started_on: date
    due_at: datetime | None
    due_on: date | None
    unit: str
    status: str = Field(description="running | paused | met | late | overdue (running past its due time) | "
                                    "ended (a window past its end)")
    status_label: str
    window: bool = Field(description="a period in which someone may act (a review, an objection): nobody's work item")
    days_left: int | None
    extensions: int
    stopped_at: datetime | None
    warning: str
    citation: str
    verified: bool


class ActionFieldOut(Schema):
    name: str
    kind: str
    label: str
    required: bool
    choices: list[list[str]]


class ActorOut(Schema):
    key: str
    role: str
    at: str
    assigned: bool
    independent: bool


class ActionOut(Schema):
    key: str
    label: str
    from_states: list[str]
    by: list[ActorOut]
    approval: list[ActorOut]
    fields: list[ActionFieldOut]
    clocks: list[list[str]]
