"""Reads: the complaints and notices a user may see (scoped by `orgs.selectors`), what the engine's guards read,
the notices whose waiting period is over, and the public list of notices (C-20)."""
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from ipenforce.cases.choices import IpType
from ipenforce.core.clock import start_of
from ipenforce.orgs.models import Agency
from ipenforce.orgs.permissions import active
from ipenforce.orgs.selectors import (
    visible_adjudications,
    visible_complaints,
    visible_mediations,
    visible_notices,
    visible_registrations,
    work_queue,
)
from ipenforce.protection import permissions
from ipenforce.protection.models import (
    Adjudication,
    Complaint,
    Mediation,
    Mediator,
    Registration,
    RightsCertificate,
    TakedownNotice,
)
from ipenforce.protection.workflow import (
    COMPLAINT_ENDED,
    PUBLISHED,
    REQUIRED_ITEMS,
    SUIT,
    WAIT,
    WAIT_CAP,
    AdjudicationFacts,
    ComplaintFacts,
    MediationFacts,
    NoticeFacts,
)
from ipenforce.workflow.models import OPEN_DEADLINE, DeadlineStatus, Step
from ipenforce.workflow.selectors import subject_prefetches

AGENCY_FIELDS = ("bureau_id", "platform_id")


def complaint_detail(user) -> QuerySet[Complaint]:
    return visible_complaints(user).select_related("centre", "complainant", "bureau", "case").prefetch_related(
        "notices", "certificates", *subject_prefetches(steps=Step.objects.select_related("actor", "agency")))


def _awaiting(qs: QuerySet, user, model) -> QuerySet:
    waiting = (work_queue(user).filter(target_type=model._meta.label_lower).order_by()
               .annotate(subject_id=Cast("target_id", BigIntegerField())).values("subject_id"))
    return qs.filter(pk__in=waiting)


def complaint_list(user, *, state: str | None = None, awaiting_me: bool = False) -> QuerySet[Complaint]:
    qs = visible_complaints(user).select_related("centre", "complainant", "bureau")
    if state:
        qs = qs.filter(state=state)
    return _awaiting(qs, user, Complaint) if awaiting_me else qs


def missing_items(complaint: Complaint) -> list[str]:
    return [str(label) for name, label in REQUIRED_ITEMS if not (getattr(complaint, name) or "").strip()]


def _chosen(payload: dict) -> dict:
    return {name: Agency.objects.filter(pk=payload[name], is_active=True).first()
            for name in AGENCY_FIELDS if str(payload.get(name) or "").isdigit()}


def complaint_facts(complaint: Complaint, actor, payload: dict) -> ComplaintFacts:
    return ComplaintFacts(state=complaint.state, missing=missing_items(complaint), chosen=_chosen(payload))


def notice_detail(user) -> QuerySet[TakedownNotice]:
    return visible_notices(user).select_related("centre", "platform", "right_holder", "complaint").prefetch_related(
        "certificates",
        *subject_prefetches(steps=Step.objects.select_related("actor", "agency")))


def notice_list(user, *, state: str | None = None, awaiting_me: bool = False,
                platform_id: int | None = None) -> QuerySet[TakedownNotice]:
    qs = visible_notices(user).select_related("platform", "right_holder").prefetch_related("deadlines")
    if state:
        qs = qs.filter(state=state)
    if platform_id:
        qs = qs.filter(platform_id=platform_id)
    return _awaiting(qs, user, TakedownNotice) if awaiting_me else qs


def wait_ends_on(notice: TakedownNotice) -> date | None:
    """The last day a complaint or suit may be notified: 15 days from the declaration's arrival, notarisation not
    counted (C-17), but never after 20 working days from it (C-18)."""
    ends = [d.due_on for d in notice.deadlines.all()
            if d.rule in (WAIT, WAIT_CAP) and d.status in (DeadlineStatus.RUNNING, DeadlineStatus.PAUSED)
            and d.due_on is not None]
    return min(ends) if ends else None


def notice_facts(notice: TakedownNotice, actor, payload: dict) -> NoticeFacts:
    return NoticeFacts(state=notice.state, copyright=notice.ip_type == IpType.COPYRIGHT,
                       has_holder=notice.right_holder_id is not None, wait_ends_on=wait_ends_on(notice),
                       today=timezone.localdate(), identity_requested=notice.identity_requested,
                       has_case=notice.case_id is not None, chosen=_chosen(payload))


def wait_is_over(notice: TakedownNotice, today: date | None = None) -> bool:
    """A notice still waiting whose period has ended: the platform must end its measures now (C-17)."""
    ends = wait_ends_on(notice) if notice.state == "declared" else None
    return ends is not None and (today or timezone.localdate()) > ends


def notices_wait_over(today: date) -> QuerySet[TakedownNotice]:
    """Notices still waiting with a waiting period (or its 20-working-day cap) ended before `today`."""
    return TakedownNotice.objects.filter(
        state="declared", deadlines__rule__in=(WAIT, WAIT_CAP), deadlines__status__in=OPEN_DEADLINE,
        deadlines__due_at__lt=start_of(today)).distinct().select_related("platform", "right_holder", "centre")


def published_notices() -> QuerySet[TakedownNotice]:
    """Notices, declarations and results the public page shows (《电子商务法》第四十四条)."""
    return (TakedownNotice.objects.filter(state__in=PUBLISHED).select_related("platform").prefetch_related("deadlines")
            .order_by("-sent_on", "-pk"))


def platforms() -> QuerySet[Agency]:
    return Agency.objects.filter(kind="ecommerce_platform", is_active=True).order_by("path")


def bureaus() -> QuerySet[Agency]:
    return Agency.objects.filter(Q(kind="market_regulation") | Q(kind="ip_office"), is_active=True,
                                 level__in=("city", "district")).order_by("path")


def adjudication_detail(user) -> QuerySet[Adjudication]:
    return visible_adjudications(user).select_related("bureau", "petitioner", "complaint").prefetch_related(
        "documents", *subject_prefetches(steps=Step.objects.select_related("actor", "agency")))


def adjudication_list(user, *, state: str | None = None, awaiting_me: bool = False) -> QuerySet[Adjudication]:
    qs = visible_adjudications(user).select_related("bureau")
    if state:
        qs = qs.filter(state=state)
    return _awaiting(qs, user, Adjudication) if awaiting_me else qs


def adjudication_facts(adjudication: Adjudication, actor, payload: dict) -> AdjudicationFacts:
    today = timezone.localdate()
    running = any(d.rule == SUIT and d.is_open and d.due_on is not None and today <= d.due_on
                  for d in adjudication.deadlines.all())
    return AdjudicationFacts(state=adjudication.state, suit_window_running=running, today=today)


def mediation_detail(user) -> QuerySet[Mediation]:
    return visible_mediations(user).select_related("organisation", "court", "complaint").prefetch_related(
        "designated", *subject_prefetches(steps=Step.objects.select_related("actor", "agency")))


def mediation_list(user, *, state: str | None = None, awaiting_me: bool = False) -> QuerySet[Mediation]:
    qs = visible_mediations(user).select_related("organisation", "court")
    if state:
        qs = qs.filter(state=state)
    return _awaiting(qs, user, Mediation) if awaiting_me else qs


def mediation_facts(mediation: Mediation, actor, payload: dict) -> MediationFacts:
    roster = list(Mediator.objects.filter(organisation_id=mediation.organisation_id, is_active=True)
                  .values_list("name", flat=True))
    return MediationFacts(state=mediation.state, kind=mediation.kind, has_court=mediation.court_id is not None,
                          roster=roster)


MEDIATION_CLOSED = ("failed", "reported", "confirmed", "closed", "declined")


def mediator_registry(user) -> QuerySet[Mediator]:
    """The mediators of the organisations in the user's reach, each with its caseload counted by query: open
    (designated to a mediation still under way) and closed."""
    if not permissions.reads_roster(user):
        return Mediator.objects.none()
    qs = Mediator.objects.all() if user.is_superuser else Mediator.objects.filter(
        organisation__path__startswith=user.agency.path)
    return qs.select_related("organisation").annotate(
        open_count=Count("mediations", filter=~Q(mediations__state__in=MEDIATION_CLOSED)),
        closed_count=Count("mediations", filter=Q(mediations__state__in=MEDIATION_CLOSED)))


def organisation_caseloads(user) -> list[dict]:
    """Each mediation organisation's open and closed mediations, within what the user may see."""
    rows = (visible_mediations(user).order_by().values("organisation_id", "organisation__name")
            .annotate(open_count=Count("pk", filter=~Q(state__in=MEDIATION_CLOSED)),
                      closed_count=Count("pk", filter=Q(state__in=MEDIATION_CLOSED)))
            .order_by("organisation__name"))
    return [{"organisation_id": r["organisation_id"], "organisation": r["organisation__name"],
             "open": r["open_count"], "closed": r["closed_count"]} for r in rows]


def _closed_at():
    """When a complaint reached an ended state (its first step into one)."""
    closing = Step.objects.filter(subject_type=ContentType.objects.get_for_model(Complaint), subject_id=OuterRef("pk"),
                                  to_state__in=COMPLAINT_ENDED).order_by("created_at", "pk").values("created_at")[:1]
    return Subquery(closing)


def centre_statistics(user, year: int) -> dict:
    """The centre's figures by month of `year`, within what the user may see: complaints received, takedown
    notices sent, complaints closed and their average days from registration to closing (natural days, one
    decimal). What the statistics page and the stats app read."""
    months = {m: {"month": m, "complaints": 0, "takedowns": 0, "closed": 0, "days": 0} for m in range(1, 13)}
    for month, count in (visible_complaints(user).filter(received_on__year=year).order_by()
                         .values_list("received_on__month").annotate(n=Count("pk"))):
        months[month]["complaints"] = count
    for month, count in (visible_notices(user).filter(sent_on__year=year).order_by()
                         .values_list("sent_on__month").annotate(n=Count("pk"))):
        months[month]["takedowns"] = count
    closed = (visible_complaints(user).filter(state__in=COMPLAINT_ENDED).annotate(closed_at=_closed_at())
              .filter(closed_at__gte=start_of(date(year, 1, 1)), closed_at__lt=start_of(date(year + 1, 1, 1)))
              .order_by())
    for received_on, closed_at in closed.values_list("received_on", "closed_at"):
        closed_on = timezone.localdate(closed_at)
        row = months[closed_on.month]
        row["closed"] += 1
        row["days"] += (closed_on - received_on).days
    rows = [{**{k: v for k, v in row.items() if k != "days"},
             "average_days": round(row["days"] / row["closed"], 1) if row["closed"] else None}
            for row in months.values()]
    total_closed = sum(r["closed"] for r in months.values())
    return {"year": year, "months": rows, "complaints": sum(r["complaints"] for r in rows),
            "takedowns": sum(r["takedowns"] for r in rows), "closed": total_closed,
            "average_days": round(sum(r["days"] for r in months.values()) / total_closed, 1) if total_closed else None}


def visible_certificates(user) -> QuerySet[RightsCertificate]:
    """A holder's own certificates, and those named by the complaints and notices the user may read."""
    if not active(user):
        return RightsCertificate.objects.none()
    if user.is_superuser:
        return RightsCertificate.objects.all()
    own = Q(holder__path__startswith=user.agency.path) if user.agency_id else Q(pk__in=[])
    return RightsCertificate.objects.filter(
        own | Q(complaints__in=visible_complaints(user)) | Q(notices__in=visible_notices(user))).distinct()


def registration_detail(user) -> QuerySet[Registration]:
    return visible_registrations(user).select_related("centre", "agency", "user").prefetch_related(
        *subject_prefetches(steps=Step.objects.select_related("actor", "agency")))


def registration_list(user, *, state: str | None = None, awaiting_me: bool = False) -> QuerySet[Registration]:
    qs = visible_registrations(user).select_related("centre")
    if state:
        qs = qs.filter(state=state)
    return _awaiting(qs, user, Registration) if awaiting_me else qs


def registration_facts(registration: Registration, actor, payload: dict):
    return registration
