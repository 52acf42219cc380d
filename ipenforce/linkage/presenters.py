"""A transfer as the API returns it and its page reads it."""
from django.urls import reverse
from django.utils import timezone

from ipenforce.linkage import deadlines
from ipenforce.linkage.models import Transfer
from ipenforce.linkage.services import available_steps
from ipenforce.linkage.workflow import STATES, STEPS


def transfer_out(transfer: Transfer, user) -> dict:
    now = timezone.now()
    return {
        "id": transfer.pk, "case_id": transfer.case_id, "case_number": transfer.case.number, "state": transfer.state,
        "state_label": str(STATES[transfer.state]), "awaiting": transfer.awaiting, "version": transfer.version,
        "bureau": transfer.bureau.name, "police": transfer.police.name if transfer.police else None,
        "procuratorate": transfer.procuratorate.name if transfer.procuratorate else None,
        "court": transfer.court.name if transfer.court else None, "report": transfer.report,
        "package": transfer.package, "criminal_fine": transfer.criminal_fine,
        "steps": [{"action": s.action, "label": str(STEPS[s.action].label) if s.action in STEPS else s.action,
                   "actor": s.actor.display_name, "agency": s.agency.name, "from_state": s.from_state,
                   "to_state": s.to_state, "comment": s.comment, "payload": s.payload, "created_at": s.created_at,
                   "id": s.pk, "files": [{"name": a.name, "sha256": a.stored.sha256, "size": a.stored.size,
                                          "download": reverse("linkage:attachment", args=[transfer.pk, a.pk])}
                                         for a in s.attachments.all()]}
                  for s in transfer.steps.all()],
        "deadlines": [{"rule": d.rule, "title": d.title, "owner": d.owner,
                       "owner_agency": getattr(deadlines.owner_agency(transfer, d.owner), "name", ""),
                       "started_at": d.started_at, "due": d.due_at,
                       "unit": d.unit, "status": deadlines.status(d, now), "warning": d.warning, "citation": d.citation,
                       "verified": d.verified} for d in transfer.deadlines.all()],
        "available_actions": available_steps(transfer, user),
    }
