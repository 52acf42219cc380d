"""Files attached to a transfer's steps, served to the page and the API alike."""
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from ipenforce.evidence.files import stored_file_response
from ipenforce.linkage.models import TransferAttachment


def attachment_response(transfer, attachment_id: int) -> FileResponse:
    attachment = get_object_or_404(TransferAttachment.objects.select_related("stored"), pk=attachment_id,
                                   step__subject_id=transfer.pk, step__subject_type__model="transfer",
                                   step__subject_type__app_label="linkage")
    return stored_file_response(attachment.stored, attachment.name)
