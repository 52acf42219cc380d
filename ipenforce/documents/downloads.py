"""A generated document as a .docx download, for the page and the API alike: served only if its bytes still
match the hash recorded when it was made."""
from io import BytesIO

from django.http import FileResponse
from django.shortcuts import get_object_or_404

from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import Document
from ipenforce.documents.render import blob_read

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_response(case, document_id: int) -> FileResponse:
    document = get_object_or_404(Document, pk=document_id, case=case)
    filename = f"{KINDS[document.kind].title}-{document.number or case.pk}-v{document.version}.docx"
    data = blob_read(document.storage_name, document.sha256)  # a document changed in storage is not served
    return FileResponse(BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX)
