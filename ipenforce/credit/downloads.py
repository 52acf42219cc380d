"""The credit documents as .docx downloads, for the pages and the API alike, served only while their bytes still
match the hash recorded when they were made: the published text of a decision (on the public page too, while it is
published) and the decision on a repair application or objection."""
from django.http import Http404, HttpResponse

from ipenforce.documents.render import blob_read
from ipenforce.documents.services import DOCX


def docx_response(subject, filename: str) -> HttpResponse:
    if subject is None or not subject.document_name:
        raise Http404
    response = HttpResponse(blob_read(subject.document_name, subject.document_sha256), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response


def publication_docx(publications, pk: int) -> HttpResponse:
    """`publications`: what the caller may read (the public page's published ones, or the staff's scope)."""
    return docx_response(publications.filter(pk=pk).first(), f"penalty-decision-published-{pk}")


def repair_docx(repairs, pk: int) -> HttpResponse:
    return docx_response(repairs.filter(pk=pk).first(), f"credit-decision-{pk}")
