"""A transfer as the API returns it and its page reads it."""
from django.urls import reverse

from ipenforce.linkage import fines
from ipenforce.linkage.models import Transfer
from ipenforce.linkage.workflow import STATES, TRANSFER, awaiting_party
from ipenforce.workflow.presenters import step_row
from ipenforce.workflow.selectors import available_actions, deadline_rows


def _fine_basis(transfer: Transfer) -> dict | None:
    """Shown with the judgment: the statutory basis of the criminal fine and whether the recorded one is within it."""
    if transfer.criminal_fine is None:
        return None
    result = fines.fine_basis(transfer)
    return None if result is None else {**vars(result), "range": fines.describe(result)}


def transfer_out(transfer: Transfer, user) -> dict:
    return {
        "id": transfer.pk, "case_id": transfer.case_id, "case_number": transfer.case.number, "state": transfer.state,
        "state_label": str(STATES.get(transfer.state, transfer.state)), "awaiting": awaiting_party(transfer.state),
        "version": transfer.version, "bureau": transfer.bureau.name,
        "police": transfer.police.name if transfer.police else None,
        "procuratorate": transfer.procuratorate.name if transfer.procuratorate else None,
        "court": transfer.court.name if transfer.court else None, "report": transfer.report,
        "package": transfer.package, "criminal_fine": transfer.criminal_fine,
        "fine_basis": _fine_basis(transfer),
        "steps": [{**step_row(TRANSFER, s), "files": [
            {"name": a.name, "sha256": a.stored.sha256, "size": a.stored.size,
             "download": reverse("linkage:attachment", args=[transfer.pk, a.pk])}
            for a in s.transfer_attachments.all()]} for s in transfer.steps.all()],
        "deadlines": deadline_rows(TRANSFER, transfer, user),
        "available_actions": available_actions(TRANSFER, transfer, user),
    }
