"""API shapes of the period report and the performance assessment."""
from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema


class TypeFigure(Schema):
    ip_type: str
    name: str
    filed: int
    previous: int
    growth: Decimal | None


class NamedCount(Schema):
    name: str
    filed: int
    previous: int
    growth: Decimal | None


class StageCount(Schema):
    state: str
    count: int


class SummaryOut(Schema):
    agency: str
    start: date
    end: date
    previous_start: date
    previous_end: date
    filed: int
    filed_previous: int
    filed_growth: Decimal | None
    by_ip_type: list[TypeFigure]
    closed: int
    closed_previous: int
    closed_growth: Decimal | None
    transferred: int
    transferred_previous: int
    transferred_growth: Decimal | None
    fines_decided: Decimal
    fines_decided_previous: Decimal
    fines_decided_growth: Decimal | None
    fines_paid: Decimal
    fines_paid_previous: Decimal
    fines_paid_growth: Decimal | None
    ecommerce: int
    ecommerce_previous: int
    ecommerce_growth: Decimal | None
    campaigns: list[NamedCount]
    transfers_by_stage: list[StageCount]
    definitions: dict[str, str]
    text: str


class IndicatorOut(Schema):
    code: str
    label: str
    unit: str
    higher_is_better: bool
    definition: str
    levels: list[str]


class WeightIn(Schema):
    indicator: str
    weight: Decimal
    unit_target: Decimal
    officer_target: Decimal


class SchemeIn(Schema):
    stale_approval_days: int
    weights: list[WeightIn]


class SchemeOut(Schema):
    year: int
    stale_approval_days: int
    weights: list[WeightIn]
    updated_by: str
    updated_at: datetime

    @staticmethod
    def resolve_weights(obj) -> list[dict]:
        return [{"indicator": w.indicator, "weight": w.weight, "unit_target": w.unit_target,
                 "officer_target": w.officer_target} for w in obj.weights.all()]

    @staticmethod
    def resolve_updated_by(obj) -> str:
        return obj.updated_by.display_name


class AssessmentRowOut(Schema):
    id: int = Field(alias="key")
    name: str
    rank: int | None
    score: Decimal | None
    values: dict[str, Decimal | None]
    contributions: dict[str, Decimal]


class AssessmentOut(Schema):
    agency: str
    year: int
    start: date
    end: date
    scheme: SchemeOut | None
    indicators: list[IndicatorOut]
    scoring: str
    units: list[AssessmentRowOut]
    officers: list[AssessmentRowOut]

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj["agency"].name
