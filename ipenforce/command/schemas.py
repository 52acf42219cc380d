"""API shapes of assignments, assistance requests and joint operations."""
from datetime import date, datetime

from ninja import Field, Schema

from ipenforce.workflow.schemas import ApprovalOut, DeadlineOut, StepOut


class ActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class AssignmentIn(Schema):
    receiver_ids: list[int] = Field(min_length=1, max_length=200)
    kind: str
    title: str = Field(max_length=200)
    instructions: str = Field(max_length=5000)
    feedback_wanted: str = Field("", max_length=5000)
    reply_within_days: int = Field(ge=1, le=365)
    case_id: int | None = None


class LinkOut(Schema):
    kind: str
    assignment_id: int | None
    operation_id: int | None
    origin_id: int | None
    origin_title: str
    created_id: int
    created_title: str
    created_agency: str


class AssignmentRow(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    state: str
    state_label: str
    assigner: str
    receiver: str
    due_on: date | None
    escalated: bool
    designated: bool
    version: int


class AssignmentOut(AssignmentRow):
    case_id: int | None
    instructions: str
    feedback_wanted: str
    reply_within_days: int
    received_at: datetime | None
    outcome: str
    outcome_label: str
    outcome_case_number: str
    report: str
    previous_id: int | None
    next_ids: list[int]
    links: list[LinkOut]
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    approval: ApprovalOut | None
    available_actions: list[str]


class NoticeOut(Schema):
    document_id: int
    case_id: int
    kind: str
    title: str
    number: str
    version: int
    sha256: str
    download: str


class AssignmentPage(Schema):
    count: int
    items: list[AssignmentRow]


class AssistanceIn(Schema):
    details: str = Field(max_length=5000)
    matters: list[str] = Field(min_length=1, max_length=10)
    assisted_id: int | None = None
    outside_name: str = Field("", max_length=200)
    case_id: int | None = None


class SupplierNoticeIn(Schema):
    supplier: str = Field(max_length=200)
    supplier_address: str = Field(max_length=300)
    assisted_id: int | None = None
    outside_name: str = Field("", max_length=200)


class EvidenceIn(Schema):
    collector_ids: list[int] = Field(min_length=2, max_length=20)


class AssistanceFileOut(Schema):
    id: int
    name: str
    sha256: str
    size: int
    evidence_id: int | None
    download: str


class AssistanceRow(Schema):
    id: int
    state: str
    state_label: str
    requester: str
    assisted: str
    outside: bool
    matters: list[str]
    matter_labels: list[str]
    supplier_notice: bool
    version: int


class AssistanceOut(AssistanceRow):
    case_id: int | None
    details: str
    received_at: datetime | None
    answer: str
    answered_at: datetime | None
    files: list[AssistanceFileOut]
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    approval: ApprovalOut | None
    available_actions: list[str]


class AssistancePage(Schema):
    count: int
    items: list[AssistanceRow]


class OperationIn(Schema):
    title: str = Field(max_length=200)
    plan: str = Field(max_length=10000)
    starts_on: date
    ends_on: date
    participant_ids: list[int] = Field(default_factory=list, max_length=200)
    outside_participants: str = Field("", max_length=300)
    officer_ids: list[int] = Field(default_factory=list, max_length=200)


class OperationLinkIn(Schema):
    case_id: int


class OperationRow(Schema):
    id: int
    title: str
    lead: str
    state: str
    state_label: str
    starts_on: date
    ends_on: date
    version: int


class OperationOut(OperationRow):
    plan: str
    participants: list[str]
    outside_participants: str
    places: list[str]
    seized_goods: list[str]
    officers: list[str]
    report: str
    reported_at: datetime | None
    links: list[LinkOut]
    steps: list[StepOut]
    approval: ApprovalOut | None
    available_actions: list[str]


class OperationPage(Schema):
    count: int
    items: list[OperationRow]
