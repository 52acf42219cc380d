"""Reads: the transfers a user may see, with what a page, the API or the engine's guards need, and the transfers
waiting on a user."""
from django.db.models import BigIntegerField, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipenforce.documents.models import Document
from ipenforce.linkage.models import Transfer, TransferAttachment
from ipenforce.linkage.workflow import ECONOMIC, MAJOR, PROSECUTION, Facts
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.selectors import visible_transfers, work_queue
from ipenforce.workflow.models import Step
from ipenforce.workflow.selectors import subject_prefetches

AGENCY_FIELDS = {"police_id": AgencyKind.POLICE, "court_id": AgencyKind.COURT}


def transfer_detail(user) -> QuerySet[Transfer]:
    return visible_transfers(user).select_related(
        "case", "case__agency", "bureau", "police", "procuratorate", "court").prefetch_related(
        Prefetch("case__officers", queryset=User.objects.prefetch_related("role_grants")),
        *subject_prefetches(steps=Step.objects.select_related("actor", "agency").prefetch_related(
            Prefetch("transfer_attachments", queryset=TransferAttachment.objects.select_related("stored")))))


# The transfer list's filters (?scope=…): the page opens on the user's own agency's transfers.
SCOPES = {"unit": _("本单位的移送"), "awaiting": _("待我办理"), "all": _("全部可见的移送")}
DEFAULT_SCOPE = "unit"


def list_scope(params) -> str:
    """The filter a list request asks for (`all=1`, the old link, is "all")."""
    if params.get("all") == "1":
        return "all"
    return params.get("scope") if params.get("scope") in SCOPES else DEFAULT_SCOPE


def transfer_list(user, *, state: str | None = None, awaiting_me: bool = False,
                  own_agency: bool = False) -> QuerySet[Transfer]:
    """Transfers the user may read; `awaiting_me`: those with work in the user's queue; `own_agency`: those the
    user's agency (or an agency under it) sent or received, not the rest of a jurisdiction it oversees."""
    qs = visible_transfers(user).select_related("case", "bureau", "police")
    if state:
        qs = qs.filter(state=state)
    if own_agency and user.agency_id is not None:
        path = user.agency.path
        qs = qs.filter(Q(bureau__path__startswith=path) | Q(case__agency__path__startswith=path)
                       | Q(police__path__startswith=path) | Q(procuratorate__path__startswith=path)
                       | Q(court__path__startswith=path))
    if awaiting_me:
        waiting = (work_queue(user).filter(target_type=Transfer._meta.label_lower).order_by()
                   .annotate(transfer_id=Cast("target_id", BigIntegerField())).values("transfer_id"))
        qs = qs.filter(pk__in=waiting)
    return qs


def transfer_facts(transfer: Transfer, actor, payload: dict) -> Facts:
    deadlines = list(transfer.deadlines.all())
    now = timezone.now()

    def running(*rules, extensions=None):
        return any(d.rule in rules and d.is_open and (extensions is None or d.extensions == extensions)
                   for d in deadlines)

    chosen = {}
    for name, kind in AGENCY_FIELDS.items():
        if payload.get(name):
            chosen[name] = Agency.objects.filter(pk=payload[name], kind=kind, is_active=True).first()
    return Facts(
        state=transfer.state,
        letter_generated=Document.objects.filter(case_id=transfer.case_id, kind="crime_transfer").exists(),
        appeal_running=any(d.rule == "linkage.appeal_judgment" and d.is_open and d.due_at and d.due_at > now
                           for d in deadlines),
        goods_handed_over=any(s.action == "handover_goods" for s in transfer.steps.all()),
        filing_review_extended=running(ECONOMIC, MAJOR),
        major_review_extendable=running(MAJOR, extensions=0),
        prosecution_extendable=running(PROSECUTION, extensions=0),
        bureau_region=transfer.bureau.region_code, chosen=chosen,
    )
