"""API shapes of transfers."""
from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from ipenforce.workflow.schemas import DeadlineOut, StepOut


class TransferPropose(Schema):
    report: str = Field(min_length=1, max_length=5000)
    version: int | None = None


class TransferActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class AttachmentOut(Schema):
    name: str
    sha256: str
    size: int
    download: str


class TransferStepOut(StepOut):
    files: list[AttachmentOut]


class FineBasisOut(Schema):
    rule: str
    citation: str
    verified: bool
    text: str
    low: Decimal | None = None
    high: Decimal | None = None
    basis: str = ""
    outside: bool = Field(False, description="判处的罚金在司法解释一般幅度之外（请核对判决，罚金由法院判处）")
    range: str = ""


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
    fine_basis: FineBasisOut | None = None
    steps: list[TransferStepOut]
    deadlines: list[DeadlineOut]
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
