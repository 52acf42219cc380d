"""Reads: the supervised cases, orders and file reviews a user may see (scoped from orgs.selectors), with what
the pages, the API and the engine's guards need."""
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ipenforce.cases.choices import FINISHED_STATES
from ipenforce.orgs.selectors import agency_id_sets, case_agency_ids, visible_agencies, visible_cases
from ipenforce.supervision.lights import RED, YELLOW, red_q, yellow_q
from ipenforce.supervision.models import FileReview, ReviewDraw, SupervisedCase, SupervisionOrder
from ipenforce.supervision.permissions import reads_supervision
from ipenforce.supervision.workflow import REVIEW_REQUEST, CaseFacts, OrderFacts
from ipenforce.workflow.selectors import subject_prefetches


def visible_supervised_cases(user) -> QuerySet[SupervisedCase]:
    """Supervisions of the cases the user may read, and those their agency (or one under it) supervises."""
    if not reads_supervision(user):
        return SupervisedCase.objects.none()
    if user.is_superuser:
        return SupervisedCase.objects.all()
    # The agencies as id sets (issue 20): the case's agency among those whose cases the user reads, through the
    # case's primary key; police and courts, who read transferred cases, probe `visible_cases` per supervision.
    ids = case_agency_ids(user)
    if ids is None:
        readable = Exists(visible_cases(user).filter(pk=OuterRef("case_id")))
    else:
        readable = Q(case__agency_id__in=sorted(ids))
    return SupervisedCase.objects.filter(readable | Q(supervisor_agency_id__in=sorted(agency_id_sets(user)[0])))


def supervised_case_detail(user) -> QuerySet[SupervisedCase]:
    return visible_supervised_cases(user).select_related("case", "case__agency", "supervisor_agency").prefetch_related(
        "case__officers", *subject_prefetches())


def supervised_case_list(user, *, state: str | None = None, open_only: bool = False, within: int | None = None,
                         light: str | None = None) -> QuerySet[SupervisedCase]:
    """`within`: cases of that unit's subtree; `light`: red or yellow (see lights)."""
    qs = visible_supervised_cases(user).select_related("case", "case__agency", "supervisor_agency")
    if within is not None:
        unit = visible_agencies(user).filter(pk=within).first()
        qs = qs.filter(case__agency__path__startswith=unit.path) if unit else qs.none()
    if light in (RED, YELLOW):
        today = timezone.localdate()
        qs = qs.filter(red_q(today) if light == RED else yellow_q(today))
    if state:
        qs = qs.filter(state=state)
    if open_only:
        qs = qs.exclude(state="closed")
    return qs.order_by("deadline", "pk")


def supervised_case_facts(item: SupervisedCase, actor, payload: dict) -> CaseFacts:
    return CaseFacts(state=item.state, case_finished=item.case.state in FINISHED_STATES,
                     today=timezone.localdate())


def visible_orders(user) -> QuerySet[SupervisionOrder]:
    """Orders issued by or addressed to an agency the user may see (their subtree, or an oversight body's region)."""
    if not reads_supervision(user):
        return SupervisionOrder.objects.none()
    if user.is_superuser:
        return SupervisionOrder.objects.all()
    agencies = visible_agencies(user)
    return SupervisionOrder.objects.filter(Q(target__in=agencies) | Q(issuer__in=agencies))


def order_detail(user) -> QuerySet[SupervisionOrder]:
    return visible_orders(user).select_related("issuer", "target", "case", "created_by").prefetch_related(
        *subject_prefetches())


def order_list(user, *, state: str | None = None) -> QuerySet[SupervisionOrder]:
    qs = visible_orders(user).select_related("issuer", "target", "case")
    return (qs.filter(state=state) if state else qs).order_by("-created_at", "-pk")


def order_facts(order: SupervisionOrder, actor, payload: dict) -> OrderFacts:
    now = timezone.now()
    window = any(d.rule == REVIEW_REQUEST and d.is_open and d.due_at and d.due_at >= now
                 for d in order.deadlines.all())
    return OrderFacts(state=order.state, today=timezone.localdate(now), review_window_open=window)


def visible_draws(user) -> QuerySet[ReviewDraw]:
    """Draws made by the user's agency (or one under it) or of a unit the user may see."""
    if not reads_supervision(user):
        return ReviewDraw.objects.none()
    if user.is_superuser:
        return ReviewDraw.objects.all()
    agencies = visible_agencies(user)
    return ReviewDraw.objects.filter(Q(unit__in=agencies) | Q(reviewer_agency__in=agencies))


def draw_list(user) -> QuerySet[ReviewDraw]:
    return visible_draws(user).select_related("reviewer_agency", "unit").order_by("-created_at", "-pk")


def draw_detail(user) -> QuerySet[ReviewDraw]:
    return visible_draws(user).select_related("reviewer_agency", "unit", "created_by")


def review_rows(draw: ReviewDraw) -> QuerySet[FileReview]:
    return draw.reviews.select_related("case", "scored_by", "answered_by").order_by("case_id")
