"""API shapes of campaigns, unit reports and campaign reports."""
from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from ipenforce.campaigns.choices import Cadence, Stage
from ipenforce.core.schemas import Day, DbId
from ipenforce.workflow.schemas import DeadlineOut, StepOut


class CampaignStageIn(Schema):
    stage: Stage
    starts_on: Day
    ends_on: Day


class CampaignUnitIn(Schema):
    agency_id: DbId
    target_cases: int | None = Field(None, ge=0, le=10**9)
    target_fines: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    tasks: str = Field("", max_length=5000)


class CampaignPlanIn(Schema):
    name: str = Field(min_length=1, max_length=60)
    description: str = Field("", max_length=5000)
    starts_on: Day
    ends_on: Day
    cadence: Cadence = Cadence.WEEKLY
    report_weekday: int = Field(0, ge=0, le=6)
    report_day: int = Field(4, ge=1, le=28)
    late_counts_as_zero: bool = True
    stages: list[CampaignStageIn] = []
    units: list[CampaignUnitIn] = Field(min_length=1)


class CampaignStageOut(Schema):
    stage: str
    label: str
    starts_on: date
    ends_on: date


class CampaignUnitOut(Schema):
    agency_id: int
    agency: str
    target_cases: int | None
    target_fines: Decimal | None
    tasks: str


class CampaignPlanOut(Schema):
    id: int
    name: str
    lead_agency: str
    lead_agency_id: int
    description: str
    starts_on: date
    ends_on: date
    cadence: str
    report_weekday: int
    report_day: int
    late_counts_as_zero: bool
    current_stage: str
    stages: list[CampaignStageOut]
    units: list[CampaignUnitOut]
    may_manage: bool


class CampaignPlanPage(Schema):
    count: int
    items: list[CampaignPlanOut]


class CampaignTagIn(Schema):
    content_type: str = Field("cases.case", max_length=60)
    object_id: DbId


class CampaignTagOut(Schema):
    id: int
    content_type: str
    object_id: int


class ReportFigureOut(Schema):
    key: str
    label: str
    value: int | str | Decimal | None
    entered: bool


class UnitReportOut(Schema):
    id: int
    campaign_id: int
    campaign: str
    agency: str
    period_start: date
    period_end: date
    due_on: date
    state: str
    state_label: str
    version: int
    late: bool
    figures: list[ReportFigureOut]
    text: str
    typical_cases: str
    submitted_at: datetime | None
    approved_at: datetime | None
    url: str
    steps: list[StepOut] = []
    deadlines: list[DeadlineOut] = []
    available_actions: list[str] = []
    may_edit: bool = False


class UnitReportPage(Schema):
    count: int
    items: list[UnitReportOut]


class UnitReportUpdate(Schema):
    version: int
    text: str | None = Field(None, max_length=5000)
    typical_cases: str | None = Field(None, max_length=5000)
    goods_seized: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    shops_closed: int | None = Field(None, ge=0, le=10**6)


class UnitReportActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)
    reason: str = Field("", max_length=5000)


class CampaignSummaryIn(Schema):
    start: Day
    end: Day


class CampaignSummaryOut(Schema):
    id: int
    campaign_id: int
    period_start: date
    period_end: date
    text: str
    figures: dict
    sha256: str
    created_by: str
    created_at: datetime
    docx: str
    xlsx: str
