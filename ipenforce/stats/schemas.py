"""API shape of the period report."""
from datetime import date
from decimal import Decimal

from ninja import Schema


class TypeFigure(Schema):
    ip_type: str
    name: str
    filed: int
    previous: int
    growth: Decimal | None


class NamedCount(Schema):
    name: str
    filed: int


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
    transferred: int
    transferred_previous: int
    fines_decided: Decimal
    fines_paid: Decimal
    ecommerce: int
    campaigns: list[NamedCount]
    transfers_by_stage: list[StageCount]
    definitions: dict[str, str]
    text: str
