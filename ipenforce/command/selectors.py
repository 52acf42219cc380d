"""Reads: the assignments, assistance requests and joint operations a user may see (the agencies on either side
in the user's subtree; supervisors and oversight bodies across their jurisdiction; police only where addressed),
the facts the engine's guards read, and the open figures per unit for the command view."""
from django.db.models import BigIntegerField, Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from ipenforce.command.models import Assignment, AssistanceFile, AssistanceRequest, CaseLink, JointOperation
from ipenforce.command.workflow import (
    ASSIST,
    ASSISTANCE_OPEN,
    RECEIVER_OPEN,
    AssignmentFacts,
    AssistanceFacts,
    OperationFacts,
)
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import Agency
from ipenforce.orgs.permissions import active
from ipenforce.orgs.selectors import agency_id_sets, sees_jurisdiction, work_queue
from ipenforce.workflow.models import Deadline, DeadlineStatus, Step
from ipenforce.workflow.selectors import deadlines, subject_prefetches


def _scope(user, *fields: str) -> Q | None:
    """The rows whose agency in any of `fields` the user reaches; None: all rows; Q(pk=None): none."""
    if not active(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    if user.agency_id is None:
        return Q(pk__in=[])
    subtree, region = agency_id_sets(user)
    ids = sorted(subtree | region if sees_jurisdiction(user) else subtree)  # the user's `visible_agencies`
    scope = Q()
    for name in fields:
        scope |= Q(**{f"{name}__in": ids})
    return scope


def _scoped(qs: QuerySet, user, *fields: str) -> QuerySet:
    scope = _scope(user, *fields)
    return qs if scope is None else qs.filter(scope)


def _waiting(user, model) -> QuerySet:
    return (work_queue(user).filter(target_type=model._meta.label_lower).order_by()
            .annotate(subject_id=Cast("target_id", BigIntegerField())).values("subject_id"))


def _unit(params, name: str) -> int | None:
    value = params.get(name, "") or ""
    return int(value) if value.isdigit() and len(value) < 12 else None


def list_filters(params, unit_param: str) -> dict:
    """The filters of a list page, its export and its link from the command view, read from the query string."""
    return {"awaiting_me": params.get("all") != "1", "open_only": params.get("open") == "1",
            unit_param: _unit(params, unit_param), "overdue": params.get("overdue") == "1"}


# ---- assignments ------------------------------------------------------------------------------------------

UNSENT = ("draft", "withdrawn")


def visible_assignments(user) -> QuerySet[Assignment]:
    """The assigner's side sees its drafts; the receiver's side only what was issued to it."""
    assigner, receiver = _scope(user, "assigner"), _scope(user, "receiver")
    if assigner is None:
        return Assignment.objects.all()
    return Assignment.objects.filter(assigner | (receiver & ~Q(state__in=UNSENT)))


def assignment_detail(user) -> QuerySet[Assignment]:
    return visible_assignments(user).select_related("assigner", "receiver", "case", "previous").prefetch_related(
        Prefetch("links", queryset=CaseLink.objects.select_related("origin", "created", "created__agency")),
        "next", *subject_prefetches(steps=Step.objects.select_related("actor", "agency")))


def _within(qs: QuerySet, field: str, unit: int | None) -> QuerySet:
    """Rows whose agency in `field` is the unit or under it (an unknown unit: none)."""
    path = Agency.objects.filter(pk=unit).values_list("path", flat=True).first()
    return qs.filter(**{f"{field}__path__startswith": path}) if path else qs.none()


def assignment_list(user, *, state: str | None = None, awaiting_me: bool = False, receiver: int | None = None,
                    open_only: bool = False, overdue: bool = False) -> QuerySet[Assignment]:
    qs = visible_assignments(user).select_related("assigner", "receiver")
    if state:
        qs = qs.filter(state=state)
    if open_only:
        qs = qs.filter(state__in=RECEIVER_OPEN)
    if overdue:
        qs = qs.filter(state="received", due_on__lt=timezone.localdate())
    if receiver:
        qs = _within(qs, "receiver", receiver)
    if awaiting_me:
        qs = qs.filter(pk__in=_waiting(user, Assignment))
    return qs


def subordinates(assigner: Agency) -> QuerySet[Agency]:
    """The agencies an assignment may go to: the active enforcement agencies under the assigner."""
    return Agency.objects.filter(path__startswith=assigner.path, is_active=True,
                                 kind__in=(AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE)
                                 ).exclude(pk=assigner.pk).order_by("path")


def assignment_facts(assignment: Assignment, actor, payload: dict) -> AssignmentFacts:
    chosen = None
    if payload.get("receiver_id"):
        chosen = subordinates(assignment.assigner).filter(pk=payload["receiver_id"]).first()
    return AssignmentFacts(state=assignment.state, today=timezone.localdate(), due_on=assignment.due_on,
                           chosen=chosen)


def case_links(case) -> QuerySet[CaseLink]:
    """Where a lead came from and where it went: the links naming the case on either side."""
    return CaseLink.objects.filter(Q(origin=case) | Q(created=case)).select_related(
        "assignment", "operation", "origin", "created", "created__agency")


# ---- assistance requests ----------------------------------------------------------------------------------

def visible_assistance(user) -> QuerySet[AssistanceRequest]:
    return _scoped(AssistanceRequest.objects.all(), user, "requester", "assisted")


def assistance_detail(user) -> QuerySet[AssistanceRequest]:
    return visible_assistance(user).select_related("requester", "assisted", "case").prefetch_related(
        Prefetch("files", queryset=AssistanceFile.objects.select_related("stored", "evidence")),
        *subject_prefetches(steps=Step.objects.select_related("actor", "agency")))


def assistance_list(user, *, state: str | None = None, awaiting_me: bool = False, open_only: bool = False,
                    assisted: int | None = None, overdue: bool = False) -> QuerySet[AssistanceRequest]:
    qs = visible_assistance(user).select_related("requester", "assisted")
    if state:
        qs = qs.filter(state=state)
    if open_only:
        qs = qs.filter(state__in=ASSISTANCE_OPEN)
    if assisted:
        qs = _within(qs, "assisted", assisted)
    if overdue:
        qs = qs.filter(pk__in=Deadline.objects.filter(
            assistance__isnull=False, rule=ASSIST, status=DeadlineStatus.RUNNING, due_at__lt=timezone.now()
        ).values("subject_id"))
    if awaiting_me:
        qs = qs.filter(pk__in=_waiting(user, AssistanceRequest))
    return qs


def assistance_facts(request: AssistanceRequest, actor, payload: dict) -> AssistanceFacts:
    running = [d for d in deadlines(request) if d.rule == "command.assistance_reply" and d.is_open]
    return AssistanceFacts(state=request.state, today=timezone.localdate(),
                           to_police=bool(request.assisted_id and request.assisted.kind == AgencyKind.POLICE),
                           due_on=running[-1].due_on if running else None)


# ---- the command view's figures: open work addressed to each unit ------------------------------------------

def open_assignments_by_unit(user, root: Agency, now, soon) -> list[dict]:
    """Open assignments received by each unit under `root` (one aggregate query): total, due soon, overdue."""
    today, soon_day = timezone.localdate(now), timezone.localdate(soon)
    working = Q(state="received")
    return list(visible_assignments(user).filter(receiver__path__startswith=root.path, state__in=RECEIVER_OPEN)
                .order_by().values(unit=F("receiver_id")).annotate(
                    total=Count("pk"),
                    attention=Count("pk", filter=working & Q(due_on__gte=today, due_on__lt=soon_day)),
                    late=Count("pk", filter=working & Q(due_on__lt=today))))


def open_assistance_by_unit(user, root: Agency, now, soon) -> list[dict]:
    """Open assistance requests addressed to each unit under `root` (one aggregate query)."""
    running = Q(deadlines__status=DeadlineStatus.RUNNING, deadlines__rule=ASSIST)
    return list(visible_assistance(user).filter(assisted__path__startswith=root.path, state__in=ASSISTANCE_OPEN)
                .order_by().values(unit=F("assisted_id")).annotate(
                    total=Count("pk", distinct=True),
                    attention=Count("pk", distinct=True, filter=running & Q(deadlines__due_at__gte=now,
                                                                            deadlines__due_at__lt=soon)),
                    late=Count("pk", distinct=True, filter=running & Q(deadlines__due_at__lt=now))))


# ---- joint operations -------------------------------------------------------------------------------------

def visible_operations(user) -> QuerySet[JointOperation]:
    scope = _scope(user, "lead", "participants")
    qs = JointOperation.objects.all()
    return qs if scope is None else qs.filter(pk__in=qs.filter(scope).values("pk"))


def operation_detail(user) -> QuerySet[JointOperation]:
    return visible_operations(user).select_related("lead", "created_by").prefetch_related(
        "participants", "officers",
        Prefetch("links", queryset=CaseLink.objects.select_related("created", "created__agency")),
        *subject_prefetches(steps=Step.objects.select_related("actor", "agency")))


def operation_facts(operation: JointOperation, actor, payload: dict) -> OperationFacts:
    return OperationFacts(state=operation.state)
