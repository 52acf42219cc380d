"""Documents as the API returns them."""
from django.urls import reverse

from ipenforce.cases.choices import Retention
from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import CaseFile, Document


def document_out(document: Document) -> dict:
    return {
        "id": document.pk, "kind": document.kind, "title": KINDS[document.kind].title, "version": document.version,
        "number": document.number, "template_version": document.template.version, "sha256": document.sha256,
        "size": document.size, "created_by": document.created_by.display_name, "created_at": document.created_at,
        "download": reverse("documents:download", args=[document.case_id, document.pk]),
        "corrects_version": document.corrects.version if document.corrects_id else None,
        "correction_reason": document.correction_reason,
    }


def case_file_out(case_file: CaseFile) -> dict:
    return {
        "archive_number": case_file.archive_number, "retention": case_file.retention,
        "retention_label": str(dict(Retention.choices).get(case_file.retention, case_file.retention)),
        "sha256": case_file.sha256, "size": case_file.size, "built_at": case_file.built_at,
        "contents": case_file.contents, "download": reverse("documents:case_file_download", args=[case_file.case_id]),
    }
