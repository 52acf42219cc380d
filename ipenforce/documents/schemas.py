"""API shapes of documents and templates."""
from datetime import datetime

from ninja import Schema


class DocumentIn(Schema):
    kind: str
    correction_reason: str = ""  # required to make a served document again: the correction is recorded


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    version: int
    number: str
    template_version: int
    sha256: str
    size: int
    created_by: str
    created_at: datetime
    download: str
    corrects_version: int | None = None
    correction_reason: str = ""


class CaseFileEntryOut(Schema):
    seq: int
    section: str
    title: str
    date: str
    pages: int
    page_range: str
    file: str
    sha256: str
    size: int


class CaseFileOut(Schema):
    archive_number: str
    retention: str
    retention_label: str
    sha256: str
    size: int
    built_at: datetime
    contents: list[CaseFileEntryOut]
    download: str


class TemplateOut(Schema):
    id: int
    kind: str
    version: int
    sha256: str
    placeholders: list[str]
    uploaded_at: datetime
