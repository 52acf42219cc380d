"""Reads: a case's documents, the templates and their versions."""
from django.db.models import QuerySet

from ipenforce.documents.models import CaseFile, Document, DocumentTemplate


def case_documents(case) -> QuerySet[Document]:
    return Document.objects.filter(case=case).select_related("template", "created_by", "corrects").order_by(
        "kind", "-version")


def case_file_of(case) -> CaseFile | None:
    return CaseFile.objects.filter(case=case).first()


def templates() -> QuerySet[DocumentTemplate]:
    return DocumentTemplate.objects.select_related("uploaded_by").order_by("kind", "-version")
