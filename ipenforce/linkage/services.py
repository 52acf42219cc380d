"""Writes on transfers beyond their steps (which run on the workflow engine): proposing one from a case, and
attaching documents to a step."""
from django.db import transaction
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.linkage.models import Transfer, TransferAttachment
from ipenforce.linkage.permissions import may_attach
from ipenforce.workflow.models import Step
from ipenforce.workflow.services import perform


@transaction.atomic
def transfer_propose(*, actor, case: Case, report: str, version: int | None = None) -> Transfer:
    """The officers' written report of a suspected crime (D310 art.5): the case action `propose_transfer`, which
    opens the transfer for the head's decision within 3 days."""
    perform(procedure="case", subject_id=case.pk, action="propose_transfer", actor=actor,
            version=case.version if version is None else version, data={"report": report})
    return Transfer.objects.filter(case=case).latest("created_at", "pk")


@transaction.atomic
def step_attach(*, actor, transfer: Transfer, step: Step, uploads: list) -> list[TransferAttachment]:
    """Attach documents to a step; only its agency's actors may (see `permissions.may_attach`)."""
    from ipenforce.evidence.files import store

    if not may_attach(actor, transfer, step):
        raise PermissionDenied(_("只能由办理该步骤的单位（本案办案人员或该机关的联络员）上传文书。"))
    if not uploads:
        raise ValidationFailed(_("请选择文件。"), code="required", field="files")
    attached = []
    for upload in uploads:
        stored, name = store(upload)
        attached.append(TransferAttachment.objects.create(step=step, stored=stored, name=name, uploaded_by=actor))
    audit_append(actor=actor, action="transfer.attach", target=transfer,
                 after={"step": step.pk, "files": [a.stored.sha256 for a in attached]})
    return attached
