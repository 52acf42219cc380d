"""API shapes of evidence items, their files and custody events."""
from datetime import datetime

from ninja import Field, Schema

from ipenforce.evidence.choices import CustodyKind, EvidenceKind


class EvidenceIn(Schema):
    kind: EvidenceKind
    description: str = Field(min_length=1, max_length=5000)
    source: str = Field(min_length=1, max_length=200)
    place: str = Field(min_length=1, max_length=200)
    collected_at: datetime
    collector_ids: list[int] = Field(min_length=2)
    captured_url: str = Field("", max_length=500)
    captured_at: datetime | None = None
    proves: str = Field("", max_length=1000)


class ProvesIn(Schema):
    proves: str = Field(max_length=1000)


class CustodyIn(Schema):
    kind: CustodyKind
    at: datetime
    place: str = Field(min_length=1, max_length=200)
    note: str = Field("", max_length=500)


class FileOut(Schema):
    id: int
    name: str
    sha256: str
    size: int
    content_type: str
    checked_at: datetime | None
    check_ok: bool | None
    download: str


class CustodyOut(Schema):
    kind: str
    actor: str
    at: datetime
    place: str
    note: str


class EvidenceOut(Schema):
    id: int
    kind: str
    description: str
    source: str
    proves: str
    place: str
    collected_at: datetime
    collectors: list[str]
    captured_url: str
    captured_at: datetime | None
    files: list[FileOut]
    custody: list[CustodyOut]
