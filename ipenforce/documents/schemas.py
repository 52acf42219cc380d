"""API shapes of documents and templates."""
from datetime import datetime

from ninja import Schema


class DocumentIn(Schema):
    kind: str


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


class TemplateOut(Schema):
    id: int
    kind: str
    version: int
    sha256: str
    placeholders: list[str]
    uploaded_at: datetime
