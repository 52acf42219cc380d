"""A generated document as a .docx download, for the page and the API alike: served only if its bytes still
match the hash recorded when it was made."""
from io import BytesIO

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import CaseFile, Document
from ipenforce.documents.render import blob_read

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_response(case, document_id: int) -> FileResponse:
    document = get_object_or_404(Document, pk=document_id, case=case)
    filename = f"{KINDS[document.kind].title}-{document.number or case.pk}-v{document.version}.docx"
    data = blob_read(document.storage_name, document.sha256)  # a document changed in storage is not served
    return FileResponse(BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX)


def case_file_response(case) -> FileResponse:
    """The archived case file (.zip), served only if it still matches its hash."""
    case_file = CaseFile.objects.filter(case=case).first()
    if case_file is None:
        raise Http404
    data = blob_read(case_file.storage_name, case_file.sha256)
    name = f"卷宗-{case_file.archive_number or case.number or case.pk}.zip".replace("/", "-")
    return FileResponse(BytesIO(data), as_attachment=True, filename=name, content_type="application/zip")
