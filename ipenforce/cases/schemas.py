"""API shapes of cases: the lead to register, the case as returned, filters, action requests."""
from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from ipenforce.cases.choices import MatterType, Offence, PartyKind, Procedure, Progress, Source, State
from ipenforce.cases.filters import SORT_PATTERN
from ipenforce.core.schemas import Day, DbId
from ipenforce.workflow.schemas import ApprovalOut, DeadlineOut, StepOut


class PartyIn(Schema):
    kind: PartyKind
    name: str = Field(min_length=1, max_length=200)
    uscc: str = Field("", max_length=30)
    id_number: str = Field("", max_length=30)
    legal_representative: str = Field("", max_length=50)
    address: str = Field("", max_length=300)
    service_address: str = Field("", max_length=300)
    service_address_confirmed: bool = False
    phone: str = Field("", max_length=30)


class PartyOut(Schema):
    id: int
    kind: str
    name: str
    uscc: str
    id_number: str
    legal_representative: str
    address: str
    service_address: str
    service_address_confirmed: bool
    phone: str
    masked: bool = Field(False,
                         description="身份证号、电话和住址已脱敏（查看完整信息：POST …/parties/{id}/reveal，记入审计）")
    warnings: list[str] = Field([], description="保存成功但需要注意的提示（例如早期试点统一社会信用代码）")


class PartyReveal(Schema):
    reason: str = Field(..., min_length=1, max_length=200, description="查看完整个人信息的理由（记入审计日志）")


class PersonalDataRequest(Schema):
    id_number: str = Field(..., max_length=30)


class PersonalDataOut(Schema):
    id_number: str
    records: list[dict]


class RightIn(Schema):
    ip_type: MatterType
    patent_number: str = Field("", max_length=30)
    trademark_number: str = Field("", max_length=20)
    trademark_class: int | None = None
    copyright_number: str = Field("", max_length=60)
    work_title: str = Field("", max_length=200)
    holder: str = Field(min_length=1, max_length=200)


class RightOut(Schema):
    id: int
    ip_type: str
    patent_number: str
    trademark_number: str
    trademark_class: int | None
    copyright_number: str
    work_title: str
    holder: str


class CaseFigures(Schema):
    """The loss and the counts the criminal thresholds measure besides the amounts (null: not recorded)."""

    loss_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    label_count: int | None = Field(None, ge=0, le=2**31 - 1)
    unsold_label_count: int | None = Field(None, ge=0, le=2**31 - 1)
    copy_count: int | None = Field(None, ge=0, le=2**31 - 1)
    works_count: int | None = Field(None, ge=0, le=2**31 - 1)
    click_count: int | None = Field(None, ge=0, le=2**31 - 1)
    member_count: int | None = Field(None, ge=0, le=2**31 - 1)


class StepFactOut(Schema):
    name: str
    label: str
    text: str


class StatementOut(StepOut):
    """A step recording the party's statement, defence or hearing, or the bureau's answer, with what it recorded."""

    facts: list[StepFactOut]


class CaseDetails(CaseFigures):
    title: str = Field(min_length=1, max_length=200)
    source: Source
    ip_type: MatterType
    offence: Offence = Offence.DEFAULT
    description: str = Field(min_length=1, max_length=5000)
    discovered_on: date
    conduct_on: date | None = None
    conduct_ended_on: date | None = None
    harms_safety: bool = False
    is_ecommerce: bool = False
    is_cross_region: bool = False
    is_major: bool = False
    public_interest: bool = False
    major_rights: bool = False
    illegal_turnover: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    illegal_gains: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    goods_value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    sales_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    innocent_seller: bool = False
    serious_circumstances: bool = False


class CaseCreate(CaseDetails):
    campaign_ids: list[int] = []
    parties: list[PartyIn] = []
    rights: list[RightIn] = []


class CaseUpdate(CaseFigures):
    """Fields left out stay as they are; `null` clears only the fields that may be empty (conduct date, amounts)."""

    version: int
    title: str = Field(None, min_length=1, max_length=200)
    source: Source = None
    ip_type: MatterType = None
    offence: Offence = None
    description: str = Field(None, min_length=1, max_length=5000)
    discovered_on: date = None
    conduct_on: date | None = None
    conduct_ended_on: date | None = None
    harms_safety: bool = None
    is_ecommerce: bool = None
    is_cross_region: bool = None
    is_major: bool = None
    public_interest: bool = None
    major_rights: bool = None
    illegal_turnover: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    illegal_gains: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    goods_value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    sales_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    innocent_seller: bool = None
    serious_circumstances: bool = None
    campaign_ids: list[int] = None


class VersionIn(Schema):
    version: int


class PartyAdd(PartyIn):
    version: int


class RightAdd(RightIn):
    version: int


class MeasureOut(Schema):
    kind: str
    items: list[str]
    place: str
    started_on: date
    ended_on: date | None
    outcome: str


class AppealOut(Schema):
    kind: str
    body: str
    started_on: date
    ended_on: date | None
    outcome: str


class AmountsOut(Schema):
    illegal_turnover: Decimal | None
    illegal_gains: Decimal | None
    goods_value: Decimal | None
    sales_amount: Decimal | None
    loss_amount: Decimal | None = None
    proposed_fine: Decimal | None
    proposed_confiscation: Decimal | None
    fine: Decimal | None
    confiscation: Decimal | None
    paid: Decimal
    outstanding: Decimal
    surcharge: Decimal


class DecisionOut(Schema):
    """What the decision orders besides the amounts, and the case file's archive data."""
    order_to_stop: bool
    confiscated_goods: list[str]
    confiscated_tools: list[str]
    discretion: str
    reason: str
    review_body: str
    court: str
    destroyed_on: date | None
    destruction_record: str
    collective_minutes: str
    archive_number: str
    retention: str


class CrimeCheckOut(Schema):
    rule: str
    title: str
    met: bool
    tier: str
    citations: list[str]
    verified: bool
    flags: list[str] = []
    governing: str = ""
    manual: bool = Field(False, description="该版本数额研究文件未给出（⚠），需人工研判")


class CountsOut(Schema):
    label_count: int | None = None
    unsold_label_count: int | None = None
    copy_count: int | None = None
    works_count: int | None = None
    click_count: int | None = None
    member_count: int | None = None


class ExplanationOut(Schema):
    rule: str
    title: str
    text: str
    citation: str
    verified: bool
    field: str = Field(description="所说明的案件字段或环节")


class FineRangeOut(Schema):
    low: Decimal
    high: Decimal
    basis: str
    rule: str
    citation: str
    verified: bool
    aggravated: bool
    aggravation: str
    prior_cases: list[str]


class CaseListOut(Schema):
    id: int
    number: str | None
    title: str
    agency: str
    agency_id: int
    state: State
    procedure: str
    ip_type: MatterType
    source: Source
    discovered_on: date
    parties: list[str]
    version: int


class LimitationOut(Schema):
    rule: str
    ref: str
    title: str
    start: date | None
    due: date | None
    barred: bool
    citation: str
    verified: bool
    text: str


class CaseOut(CaseListOut):
    description: str
    conduct_on: date | None
    conduct_ended_on: date | None = None
    harms_safety: bool = False
    public_interest: bool = False
    major_rights: bool = False
    offence: str = ""
    innocent_seller: bool = False
    serious_circumstances: bool = False
    counts: CountsOut
    explanations: list[ExplanationOut] = []
    limitation: LimitationOut
    is_ecommerce: bool
    is_cross_region: bool
    is_major: bool
    triage_reason: str
    campaigns: list[str]
    officers: list[str]
    outcome: str
    filed_on: date | None
    decided_on: date | None
    served_on: date | None
    published_on: date | None
    closed_on: date | None
    archived_on: date | None
    payment_due_on: date | None
    amounts: AmountsOut
    decision: DecisionOut
    fine_range: FineRangeOut | None
    crime_checks: list[CrimeCheckOut]
    parties_detail: list[PartyOut] = Field(alias="parties_detail")
    rights: list[RightOut]
    deadlines: list[DeadlineOut]
    measures: list[MeasureOut]
    appeals: list[AppealOut]
    timeline: list[StepOut]
    statements: list[StatementOut] = []  # 陈述申辩、听证 and the bureau's answer, as the case page shows them
    pending_approval: ApprovalOut | None
    transfers: list[int]
    warnings: list[str] = Field([], description="登记时保存成功但需要注意的提示（例如早期试点统一社会信用代码）")
    available_actions: list[str]


class CaseFilters(Schema):
    state: State | None = None
    procedure: Procedure | None = None
    ip_type: MatterType | None = None
    source: Source | None = None
    agency: DbId | None = Field(None, description="本单位自办的案件")
    within: DbId | None = Field(None, description="该单位及其下属单位的案件")
    progress: Progress | None = Field(None, description="open：在办；overdue：在办且有已超期的期限")
    campaign: DbId | None = None
    discovered_from: Day | None = None
    discovered_to: Day | None = None
    decided_from: Day | None = None
    decided_to: Day | None = None
    q: str | None = Field(None, max_length=100)
    sort: str | None = Field(None, pattern=SORT_PATTERN,
                             description="排序列：registered、discovered、number、title、agency、ip_type、procedure、"
                                         "state；前加 - 为倒序。默认按登记时间倒序")


class ActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class CampaignOut(Schema):
    id: int
    name: str
    is_active: bool


class CampaignIn(Schema):
    name: str = Field(..., max_length=40)


class CampaignUpdate(Schema):
    name: str = Field(None, max_length=40)
    is_active: bool = None
