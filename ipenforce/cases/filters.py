"""One filter definition for the case list page, the API list endpoint and the .xlsx export."""
import re

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
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
        qs = search_cases(qs, q.strip())
    return sort_cases(qs, sort)


CASE_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")
USCC = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$")
ID_NUMBER = re.compile(r"^\d{17}[\dX]$")

# Migration cases/0015: the n-gram GIN indexes the free-text search goes through on PostgreSQL.
GRAM_SEARCH = (
    "SELECT id FROM cases_case WHERE ipenforce_grams(coalesce(number, '') || ' ' || title || ' ' || description)"
    " @> ipenforce_query_grams(%s) AND (upper(coalesce(number, '')) LIKE upper(%s) OR upper(title) LIKE upper(%s)"
    " OR upper(description) LIKE upper(%s))"
    " UNION SELECT case_id FROM cases_party WHERE ipenforce_grams(name) @> ipenforce_query_grams(%s)"
    " AND upper(name) LIKE upper(%s)")


def like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_cases(qs: QuerySet[Case], text: str) -> QuerySet[Case]:
    """The cases of `qs` that `text` finds: a whole case number or a party's USCC / ID number exactly (btree);
    otherwise the text within the number, title, description or a party's name — on PostgreSQL through the
    n-gram indexes (each table its own, combined with UNION), elsewhere by scanning."""
    upper = text.upper()
    if CASE_NUMBER.match(text):
        return qs.filter(number=text)
    if USCC.match(upper) or ID_NUMBER.match(upper):  # 18 digits may be either
        return qs.filter(pk__in=Party.objects.filter(Q(uscc=upper) | Q(id_number=upper)).values("case_id"))
    if connection.vendor == "postgresql":
        like = like_pattern(text)
        return qs.filter(pk__in=RawSQL(GRAM_SEARCH, [text, like, like, like, text, like]))
    parties = Party.objects.filter(case_id=OuterRef("pk"), name__icontains=text)
    return qs.filter(Q(number__icontains=text) | Q(title__icontains=text) | Q(description__icontains=text)
                     | Q(Exists(parties)))
