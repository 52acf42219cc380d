"""An evidence file as a download, for the page and the API alike."""
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from ipenforce.evidence.files import stored_file_response
from ipenforce.evidence.models import EvidenceFile


def file_response(case, file_id: int) -> FileResponse:
    attachment = get_object_or_404(EvidenceFile.objects.select_related("stored"), pk=file_id, item__case=case)
    return stored_file_response(attachment.stored, attachment.name)
