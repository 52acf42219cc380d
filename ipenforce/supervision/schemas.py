"""API shapes of supervision: supervised cases, orders, the supervision rules and case-file review."""
from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from ipenforce.workflow.schemas import ApprovalOut, DeadlineOut, StepOut


class SupervisedCaseIn(Schema):
    case_id: int
    instructions: str = Field(min_length=1, max_length=5000)
    interval_days: int = Field(ge=1, le=90)
    deadline: date


class ActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class SupervisedCaseRow(Schema):
    id: int
    case_id: int
    case: str
    case_title: str
    agency: str
    supervisor_agency: str
    state: str
    state_label: str
    interval_days: int
    deadline: date
    next_report_due: date | None
    late_reports: int
    last_report_on: date | None
    stage: str
    stage_label: str
    publicised: bool
    sites_closed: int
    light: str
    version: int
    instructions: str
    created_at: datetime


class SupervisedCaseOut(SupervisedCaseRow):
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    pending_approval: ApprovalOut | None
    available_actions: list[str]


class SupervisedCasePage(Schema):
    count: int
    items: list[SupervisedCaseRow]


class OrderIn(Schema):
    target_id: int
    matter: str = Field(min_length=1, max_length=5000)
    case_id: int | None = None


class OrderRow(Schema):
    id: int
    issuer: str
    target: str
    case_id: int | None
    case: str | None
    matter: str
    explanation: str
    decision: str
    correct_by: date | None
    decided_on: date | None
    corrected_on: date | None
    state: str
    state_label: str
    version: int
    created_at: datetime


class OrderOut(OrderRow):
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    pending_approval: ApprovalOut | None
    available_actions: list[str]


class OrderPage(Schema):
    count: int
    items: list[OrderRow]


class CheckRowOut(Schema):
    case_id: int
    case: str
    agency: str
    detail: str


class CheckOut(Schema):
    key: str
    title: str
    setting: str
    count: int
    items: list[CheckRowOut]


class DrawIn(Schema):
    unit_id: int
    period_start: date
    period_end: date
    sample_size: int = Field(ge=1, le=500)
    seed: str = Field("", max_length=64)


class ReviewOut(Schema):
    id: int
    case_id: int
    case: str
    state: str
    score: Decimal | None
    deductions: list[dict]
    answer: str


class DrawOut(Schema):
    id: int
    reviewer_agency: str
    unit: str
    period_start: date
    period_end: date
    rule: str
    sample_size: int
    seed: str
    population: list[int]
    selected: list[int]
    checklist: str
    checklist_version: str
    reviews: list[ReviewOut]


class ScoreIn(Schema):
    deductions: list[dict]


class AnswerIn(Schema):
    answer: str = Field(min_length=1, max_length=5000)
