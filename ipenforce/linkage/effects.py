"""What each step of a transfer changes beyond its state and clocks: the agencies it reaches, the package, the
criminal fine, and the administrative case (held while the police have it, resumed when sent back, to be
closed once the judgment takes effect). Called by the workflow engine inside its transaction."""
from django.utils import timezone

from ipenforce.linkage.models import Transfer
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import Agency
from ipenforce.workflow.deadlines import deadline_start
from ipenforce.workflow.selectors import latest_deadline
from ipenforce.workflow.services import trigger

CASE = "case"


def same_level(kind: str, bureau: Agency) -> Agency | None:
    """The agency of a kind at the bureau's level and region, else the nearest one above it."""
    for prefix in (bureau.region_code, bureau.region_code[:4] + "00", bureau.region_code[:2] + "0000"):
        found = Agency.objects.filter(kind=kind, region_code=prefix, is_active=True).order_by("path").first()
        if found:
            return found
    return None


def _send(transfer: Transfer, ctx):
    transfer.police = ctx.facts.chosen["police_id"]
    transfer.sent_at = timezone.now()
    transfer.procuratorate = same_level(AgencyKind.PROCURATORATE, transfer.bureau)  # 抄送同级检察院
    transfer.package = {**transfer.package, **{k: v for k, v in ctx.payload.items() if k != "police_id"}}
    trigger(procedure=CASE, subject_id=transfer.case_id, action="hand_over", actor=ctx.actor, comment=str(transfer))


def _forward(transfer: Transfer, ctx):
    transfer.police = ctx.facts.chosen["police_id"]


def _extend_filing_review(transfer: Transfer, ctx):
    """The economic-crime period counts from the acceptance, like the three days it replaces."""
    accepted = latest_deadline(transfer, "linkage.police_filing_decision")
    deadline_start(transfer, ctx.payload["level"], "police", accepted.started_at if accepted else ctx.now)


def _indict(transfer: Transfer, ctx):
    transfer.court = ctx.facts.chosen["court_id"]


def _judge(transfer: Transfer, ctx):
    if ctx.payload.get("criminal_fine") is not None:
        transfer.criminal_fine = ctx.payload["criminal_fine"]


def _effective(transfer: Transfer, ctx):
    _judge(transfer, ctx)
    if transfer.criminal_fine:
        paid = sum(p.amount - p.surcharge for p in transfer.case.payments.all())
        ctx.payload["administrative_fine_offset"] = min(paid, transfer.criminal_fine)  # D310 art.11, APL art.35
    trigger(procedure=CASE, subject_id=transfer.case_id, action="criminal_concluded", actor=ctx.actor,
            comment=ctx.payload.get("verdict") or "")


def _return_for_admin(transfer: Transfer, ctx):
    if transfer.sent_at:  # the police held the case
        trigger(procedure=CASE, subject_id=transfer.case_id, action="return_from_police", actor=ctx.actor,
                comment=ctx.payload.get("reason") or "")


EFFECTS = {
    "send": _send, "forward": _forward, "extend_filing_review": _extend_filing_review, "indict": _indict,
    "judge": _judge, "effective": _effective, "return_for_admin": _return_for_admin,
}
