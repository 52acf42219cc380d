"""Reads: the published penalty information anyone may see, the publications, listings and repair requests a user
may see (scoped through the cases they may read), and the facts the engine's guards need."""
from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.credit import periods
from ipenforce.credit.models import Listing, Publication, RepairRequest
from ipenforce.credit.workflow import ListingFacts, PublicationFacts, RepairFacts
from ipenforce.orgs.models import User
from ipenforce.orgs.selectors import by_case_agency, visible_cases
from ipenforce.workflow.selectors import subject_prefetches

OFFICERS = Prefetch("case__officers", queryset=User.objects.prefetch_related("role_grants"))


# ---- the public page -----------------------------------------------------------------------------------------

def public_publications(*, q: str = "", today=None) -> QuerySet[Publication]:
    """What the public page shows: published and not withdrawn or stopped, within its publicity period."""
    today = today or timezone.localdate()
    qs = Publication.objects.filter(state="published", published_on__lte=today, ends_on__gte=today)
    q = q.strip()[:100]
    if q:
        qs = qs.filter(Q(party_name__contains=q) | Q(party_uscc=q.upper()) | Q(decision_number__contains=q))
    return qs.only("id", "decision_number", "party_name", "party_uscc", "party_id_masked", "party_address_masked",
                   "legal_representative", "is_natural_person", "violation", "penalty", "authority", "decided_on",
                   "published_on", "ends_on", "objection_pending", "document_name", "document_sha256")


# ---- scoped reads -----------------------------------------------------------------------------------------

def publication_detail(user) -> QuerySet[Publication]:
    return by_case_agency(user, Publication.objects.all()).select_related(
        "case", "case__agency").prefetch_related(OFFICERS, *subject_prefetches())


def publication_list(user, *, state: str | None = None, q: str = "") -> QuerySet[Publication]:
    qs = by_case_agency(user, Publication.objects.all()).select_related("case__agency")
    if state:
        qs = qs.filter(state=state)
    if q.strip():
        qs = qs.filter(Q(party_name__contains=q.strip()) | Q(decision_number__contains=q.strip()))
    return qs


def listing_detail(user) -> QuerySet[Listing]:
    return Listing.objects.filter(case__in=visible_cases(user)).select_related(
        "case", "case__agency", "case__agency__parent", "party").prefetch_related(OFFICERS, *subject_prefetches())


def listing_list(user, *, state: str | None = None) -> QuerySet[Listing]:
    qs = Listing.objects.filter(case__in=visible_cases(user)).select_related("case__agency")
    return qs.filter(state=state) if state else qs


def repair_detail(user) -> QuerySet[RepairRequest]:
    return RepairRequest.objects.filter(case__in=visible_cases(user)).select_related(
        "case", "case__agency", "publication", "listing").prefetch_related(OFFICERS, *subject_prefetches())


def repair_list(user, *, state: str | None = None) -> QuerySet[RepairRequest]:
    qs = RepairRequest.objects.filter(case__in=visible_cases(user)).select_related("case__agency")
    return qs.filter(state=state) if state else qs


def active_listing_identifiers(identifiers, today=None, exclude_case: int | None = None) -> set[str]:
    """Which of these USCCs / ID numbers are on the serious-violation list today (flagged wherever they appear;
    `exclude_case`: not counting the listing decided in that case)."""
    today = today or timezone.localdate()
    identifiers = [i for i in identifiers if i]
    if not identifiers:
        return set()
    listings = Listing.objects.filter(party_identifier__in=identifiers, state="listed", ends_on__gte=today)
    if exclude_case is not None:
        listings = listings.exclude(case_id=exclude_case)
    return set(listings.values_list("party_identifier", flat=True))


# ---- facts for the guards -----------------------------------------------------------------------------------

def publication_facts(publication: Publication, actor, payload: dict) -> PublicationFacts:
    return PublicationFacts(state=publication.state, today=timezone.localdate(),
                            published_on=publication.published_on, other_province=publication.other_province,
                            pushed=publication.pushed_on is not None, decided_on=publication.decided_on)


def listing_facts(listing: Listing, actor, payload: dict) -> ListingFacts:
    case: Case = listing.case
    decided = case.decided_on if case.outcome == "penalty" else None
    return ListingFacts(
        state=listing.state, today=timezone.localdate(), penalty_decided_on=decided,
        notice_served_on=case.notice_served_on, listed_on=listing.listed_on, ends_on=listing.ends_on,
        published=listing.published_on is not None,
        earliest_removal=periods.earliest_listing_removal(listing.listed_on) if listing.listed_on else None,
    )


def repair_facts(repair: RepairRequest, actor, payload: dict) -> RepairFacts:
    facts = RepairFacts(state=repair.state, today=timezone.localdate(), kind=repair.kind, materials=repair.materials,
                        objection_extended=any(d.rule == "credit.objection_decision" and d.extensions
                                               for d in repair.deadlines.all()))
    if repair.publication_id:
        publication = repair.publication
        facts.target_open = publication.state == "published" and publication.ends_on >= facts.today
        facts.short_period = publication.short_period
        facts.eligible_from = periods.earliest_publicity_repair(publication.published_on)
        facts.party_listed = bool(active_listing_identifiers(
            [publication.party_uscc] + [p.identifier for p in publication.case.parties.all()]))
    if repair.listing_id:
        listing = repair.listing
        facts.target_open = listing.state == "listed"
        facts.eligible_from = periods.earliest_listing_removal(listing.listed_on) if listing.listed_on else None
    return facts


def funding_bar(identifier: str, on=None) -> list[dict]:
    """D-35 ([GD-IP] art 49): why a party may not apply for government funding or awards on `on` — a listing for
    intentional infringement seriously disrupting fair competition, or an effective IP-crime judgment, within
    three years. Other modules (funding applications) call this; empty means no bar known here."""
    from ipenforce.linkage.models import Transfer

    on = on or timezone.localdate()
    reasons = []
    for listing in Listing.objects.filter(party_identifier=identifier, listed_on__isnull=False,
                                          ground__in=("intentional_ip", "unfair_competition")).exclude(
                                              state__in=("not_listed", "proposed", "notified", "deciding")):
        until = periods.period_end("credit.funding_bar", listing.listed_on)
        if listing.listed_on <= on <= until:
            reasons.append({"kind": "listing", "since": listing.listed_on, "until": until, "listing_id": listing.pk})
    judged = (Transfer.objects.filter(state="effective").filter(
        Q(case__parties__uscc=identifier) | Q(case__parties__id_number=identifier)).distinct()
        .annotate(effective_at=Max("steps__created_at", filter=Q(steps__action="effective"))))
    for transfer in judged:
        since = timezone.localdate(transfer.effective_at or transfer.updated_at)
        until = periods.period_end("credit.funding_bar", since)
        if since <= on <= until:
            reasons.append({"kind": "crime", "since": since, "until": until, "transfer_id": transfer.pk})
    return reasons
