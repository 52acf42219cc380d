"""API shapes of transfers."""
from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema


class TransferPropose(Schema):
    report: str = Field(min_length=1, max_length=10000)


class TransferActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class TransferStepOut(Schema):
    action: str
    label: str
    actor: str
    agency: str
    from_state: str
    to_state: str
    comment: str
    payload: dict
    created_at: datetime


class TransferDeadlineOut(Schema):
    rule: str
    title: str
    owner: str
    started_at: datetime
    due: datetime | None
    unit: str
    status: str
    warning: str
    citation: str
    verified: bool


class TransferOut(Schema):
    id: int
    case_id: int
    case_number: str | None
    state: str
    state_label: str
    awaiting: str
    version: int
    bureau: str
    police: str | None
    procuratorate: str | None
    court: str | None
    report: str
    package: dict
    criminal_fine: Decimal | None
    steps: list[TransferStepOut]
    deadlines: list[TransferDeadlineOut]
    available_actions: list[str]


class TransferPage(Schema):
    count: int
    items: list[TransferOut]
