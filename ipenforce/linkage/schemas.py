"""API shapes of transfers."""
from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema


class TransferPropose(Schema):
    report: str = Field(min_length=1, max_length=10000)


class TransferActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class AttachmentOut(Schema):
    name: str
    sha256: str
    size: int
    download: str


class TransferStepOut(Schema):
    id: int
    files: list[AttachmentOut]
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
    owner_agency: str
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


class OpinionIn(Schema):
    text: str = Field(min_length=1, max_length=5000)


class AnswerIn(Schema):
    answer: str = Field(min_length=1, max_length=5000)


class OpinionOut(Schema):
    id: int
    case_id: int
    procuratorate: str
    text: str
    issued_by: str
    issued_at: datetime
    answer: str
    answered_at: datetime | None


class UntransferredOut(Schema):
    case_id: int
    number: str | None
    title: str
    agency: str
    crime_alerts: list[str]


class OverdueOut(Schema):
    transfer_id: int
    rule: str
    title: str
    due: datetime | None
    police: str | None


class NonFilingOut(Schema):
    transfer_id: int
    case_id: int
    state: str


class SupervisionOut(Schema):
    untransferred: list[UntransferredOut]
    overdue: list[OverdueOut]
    non_filings: list[NonFilingOut]
    opinions: list[OpinionOut]
