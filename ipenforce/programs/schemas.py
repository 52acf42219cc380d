"""API shapes of funding, the policy ledger and the registries."""
from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from ipenforce.workflow.schemas import ApprovalOut, DeadlineOut, StepOut

Text = Field(min_length=1, max_length=200)


class CallIn(Schema):
    agency_id: int | None = None
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1, max_length=200)
    track: str
    budget: Decimal = Field(max_digits=14, decimal_places=2)
    opens_on: date
    closes_on: date
    cap: Decimal = Field(max_digits=14, decimal_places=2)
    unit_amount: Decimal | None = Field(None, max_digits=14, decimal_places=2, ge=0)
    cost_share: Decimal | None = Field(None, max_digits=5, decimal_places=4)
    payment_opens_on: date | None = None
    payment_closes_on: date | None = None
    materials: list[str] = Field([], max_length=50)
    indicators: str = Field("", max_length=5000)
    contract_required: bool = False


class CallOut(Schema):
    id: int
    agency: str
    year: int
    title: str
    track: str
    budget: Decimal
    opens_on: date
    closes_on: date
    payment_opens_on: date | None
    payment_closes_on: date | None
    unit_amount: Decimal | None
    cost_share: Decimal | None
    cap: Decimal
    materials: list[str]
    indicators: str
    contract_required: bool


class ApplicationIn(Schema):
    applicant_name: str = Text
    applicant_uscc: str = Field(max_length=30)
    project_ref: str = Field(max_length=100)
    requested: Decimal = Field(max_digits=14, decimal_places=2)
    undertaking: bool = False
    materials: list[str] = Field([], max_length=50)
    district: str = Field("", max_length=40)
    industry: str = Field("", max_length=60)
    quantity: int | None = Field(None, ge=1, le=100000)
    eligible_cost: Decimal | None = Field(None, max_digits=14, decimal_places=2, ge=0)


class ActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class CreditBarOut(Schema):
    kind: str  # listing | crime
    since: date
    until: date


class PlatformCreditOut(Schema):
    """The credit module's answer on the applicant (D-35): listed today, and the funding bars running."""
    listed: bool
    barred_until: date | None
    citation: str
    listed_citation: str
    bars: list[CreditBarOut]


class ScoreSheetOut(Schema):
    id: int
    application_id: int
    expert: str
    no_conflict: bool
    score: Decimal | None
    opinion: str
    submitted_at: datetime | None


class ApplicationOut(Schema):
    id: int
    number: str
    call_id: int
    call: str
    track: str
    agency: str
    applicant_name: str
    applicant_uscc: str
    district: str
    industry: str
    project_ref: str
    quantity: int | None
    eligible_cost: Decimal | None
    requested: Decimal
    computed: Decimal | None
    score: Decimal | None
    granted: Decimal | None
    paid: Decimal | None
    recovered: Decimal | None
    undertaking: bool
    materials: list[str]
    credit_check: dict
    audit_sampled: bool
    platform_credit: PlatformCreditOut | None = None
    state: str
    state_label: str
    version: int
    own_account: bool = Field(..., description="企业通过本单位账户自行申报")
    contract_number: str
    contract_signed_on: date | None
    contract_terms: str
    contract_milestones: list[dict]
    score_sheets: list[ScoreSheetOut] | None = Field(
        None, description="可见的专家评分表：专家本人提交前只见自己的一份；其他人只见已提交的")
    sheets_pending: int | None = None
    steps: list[StepOut] = []
    deadlines: list[DeadlineOut] = []
    approval: ApprovalOut | None = None
    available_actions: list[str] = []


class ExpertsIn(Schema):
    expert_ids: list[int] = Field(..., min_length=1, max_length=30)


class ScoreSheetIn(Schema):
    no_conflict: bool = False
    score: Decimal = Field(max_digits=6, decimal_places=2)
    opinion: str = Field(max_length=5000)


class ApplicationPage(Schema):
    count: int
    items: list[ApplicationOut]


class SampleIn(Schema):
    size: int = Field(ge=1, le=10000)


class ReportRow(Schema):
    call__title: str
    district: str
    industry: str
    applications: int
    granted: Decimal | None
    paid: Decimal | None
    recovered: Decimal | None


class DocumentIn(Schema):
    agency_id: int | None = None
    title: str = Text
    areas: list[str] = Field([], max_length=20)


class DocumentOut(Schema):
    id: int
    title: str
    agency: str
    areas: list[str]
    is_example: bool
    figures: dict
    sentence: str


class UnitFigures(Schema):
    lead_unit: str
    total: int
    done: int
    in_progress: int
    not_started: int
    overdue: int


class TaskIn(Schema):
    area: str = Field(max_length=100)
    title: str = Field(max_length=300)
    lead_unit: str = Field(max_length=200)
    co_units: str = Field("", max_length=300)
    due_on: date | None = None
    indicators: str = Field("", max_length=5000)
    seq: int | None = Field(None, ge=1, le=100000)


class TaskOut(Schema):
    id: int
    document_id: int
    document: str
    area: str
    seq: int
    title: str
    lead_unit: str
    co_units: str
    due_on: date | None
    indicators: str
    last_progress: str
    last_reported_on: date | None
    state: str
    state_label: str
    overdue: bool
    version: int
    steps: list[StepOut] = []
    approval: ApprovalOut | None = None
    available_actions: list[str] = []


class TaskPage(Schema):
    count: int
    items: list[TaskOut]


class KeyEnterpriseIn(Schema):
    agency_id: int | None = None
    name: str = Text
    uscc: str = Field(max_length=30)
    grounds: str = Field("", max_length=5000)
    industry: str = Field("", max_length=60)
    key_ip_assets: str = Field("", max_length=5000)
    contact: str = Field("", max_length=200)
    liaison_id: int | None = None
    service_level: str = Field("", max_length=60)


class KeyEnterpriseOut(Schema):
    id: int
    agency: str
    name: str
    uscc: str
    industry: str
    key_ip_assets: str
    contact: str
    liaison: str | None
    service_level: str
    grounds: str
    listed_on: date | None
    valid_until: date | None
    is_example: bool
    state: str
    state_label: str
    version: int
    credit_listed: bool | None = None  # on the serious-violation list today (detail only)
    steps: list[StepOut] = []
    available_actions: list[str] = []


class AllianceIn(Schema):
    agency_id: int | None = None
    kind: str
    name: str = Text
    filed_on: date
    industry: str = Field("", max_length=60)
    members: str = Field("", max_length=5000)
    member_count: int = Field(0, ge=0, le=1000000)
    standards_published: int = Field(0, ge=0, le=1000000)


class AllianceOut(Schema):
    id: int
    agency: str
    kind: str
    name: str
    industry: str
    filed_on: date
    member_count: int
    standards_published: int
    is_example: bool


class AllianceFigures(Schema):
    as_of: date
    ip: int
    standards: int
    published: int


class StationIn(Schema):
    agency_id: int | None = None
    kind: str
    name: str = Text
    host: str = Text
    year: int = Field(ge=2000, le=2100)
    region: str = Field("", max_length=100)
    services: str = Field("", max_length=5000)
    staff: str = Field("", max_length=5000)
    trainings: int = Field(0, ge=0, le=1000000)
    guidance: int = Field(0, ge=0, le=1000000)
    aid_cases: int = Field(0, ge=0, le=1000000)


class StationOut(Schema):
    id: int
    agency: str
    kind: str
    name: str
    host: str
    region: str
    services: str
    staff: str
    year: int
    trainings: int
    guidance: int
    aid_cases: int
    is_example: bool


class ContactIn(Schema):
    agency_id: int | None = None
    kind: str
    right_holder: str = Text
    verification_contact: str = Text
    mark_number: str = Field("", max_length=20)
    classes: str = Field("", max_length=100)
    products: str = Field("", max_length=5000)
    agents: str = Field("", max_length=5000)
    reason: str = Field("", max_length=5000)
    valid_until: date | None = None


class ContactOut(Schema):
    id: int
    agency: str
    kind: str
    right_holder: str
    mark_number: str
    classes: str
    products: str
    agents: str
    verification_contact: str
    reason: str
    valid_until: date | None
    is_example: bool
