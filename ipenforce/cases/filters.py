"""One filter definition for the case list page, the API list endpoint and the .xlsx export."""
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ipenforce.cases.choices import FINISHED_STATES, Progress
from ipenforce.cases.models import Case, Party
from ipenforce.orgs.models import Agency
from ipenforce.workflow.models import Deadline, DeadlineStatus

# The columns a case list sorts by (page headers, API `sort`, export): key → order; "-key" reverses it. The
# default, most recently registered first, is the model's ordering.
SORTS = {
    "registered": ("registered_at", "pk"), "discovered": ("discovered_on", "pk"),
    "number": ("number_year", "number_seq", "pk"), "title": ("title", "pk"), "agency": ("agency__name", "pk"),
    "ip_type": ("ip_type", "pk"), "procedure": ("procedure", "pk"), "state": ("state", "pk"),
}
SORT_PATTERN = r"^-?(" + "|".join(SORTS) + r")$"


def sort_cases(qs: QuerySet[Case], sort: str | None) -> QuerySet[Case]:
    """The cases in the order of a `sort` key (see SORTS); an unknown or empty key keeps the default order."""
    key = (sort or "").lstrip("-")
    if key not in SORTS:
        return qs
    descending = (sort or "").startswith("-")
    return qs.order_by(*(f"-{field}" if descending else field for field in SORTS[key]))


def _progress(qs: QuerySet[Case], progress: str) -> QuerySet[Case]:
    qs = qs.exclude(state__in=FINISHED_STATES)
    if progress == Progress.OVERDUE:
        late = Deadline.objects.filter(case=OuterRef("pk"), status=DeadlineStatus.RUNNING, due_at__lt=timezone.now())
        qs = qs.filter(Exists(late))
    return qs


def filter_cases(qs: QuerySet[Case], *, state=None, procedure=None, ip_type=None, source=None, agency=None,
                 within=None, progress=None, campaign=None, discovered_from=None, discovered_to=None,
                 decided_from=None, decided_to=None, q=None, sort=None) -> QuerySet[Case]:
    """`agency` is one agency's own cases; `within` an agency and every unit under it (the command view's links)."""
    exact = {"state": state, "procedure": procedure, "ip_type": ip_type, "source": source, "agency_id": agency,
             "campaigns": campaign, "discovered_on__gte": discovered_from, "discovered_on__lte": discovered_to,
             "decided_on__gte": decided_from, "decided_on__lte": decided_to}
    qs = qs.filter(**{name: value for name, value in exact.items() if value not in (None, "")})
    if within:
        path = Agency.objects.filter(pk=within).values_list("path", flat=True).first()
        qs = qs.filter(agency__path__startswith=path) if path else qs.none()
    if progress:
        qs = _progress(qs, progress)
    if q and q.strip():
        text = q.strip()
        matching_parties = Party.objects.filter(name__icontains=text).values("case_id")
        qs = qs.filter(Q(number__icontains=text) | Q(title__icontains=text) | Q(description__icontains=text)
                       | Q(pk__in=matching_parties))
    return sort_cases(qs, sort)
