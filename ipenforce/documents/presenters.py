"""Documents as the API returns them."""
from django.urls import reverse

from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import Document


def document_out(document: Document) -> dict:
    return {
        "id": document.pk, "kind": document.kind, "title": KINDS[document.kind].title, "version": document.version,
        "number": document.number, "template_version": document.template.version, "sha256": document.sha256,
        "size": document.size, "created_by": document.created_by.display_name, "created_at": document.created_at,
        "download": reverse("documents:download", args=[document.case_id, document.pk]),
    }
