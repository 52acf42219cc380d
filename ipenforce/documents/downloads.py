"""A generated document as a .docx download, for the page and the API alike."""
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import Document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_response(case, document_id: int) -> FileResponse:
    document = get_object_or_404(Document, pk=document_id, case=case)
    filename = f"{KINDS[document.kind].title}-{document.number or case.pk}-v{document.version}.docx"
    return FileResponse(default_storage.open(document.storage_name, "rb"), as_attachment=True, filename=filename,
                        content_type=DOCX)
