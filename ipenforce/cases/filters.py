"""One filter definition for the case list page, the API list endpoint and the .xlsx export."""
import re

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.lookups import IsNull
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


# A term whose n-grams ANALYZE counts in at least this share of the cases' texts or the parties' names (a common
# character such as 海) is not looked up in the n-gram indexes, which would give hundreds of thousands of
# candidates to recheck and sort before the first page: the list is walked in its own order and each case tested.
COMMON_SHARE = 0.05

# The share of the rows whose n-grams include all of the term's, as the statistics of each n-gram index estimate it
# (the least frequent of its grams; a gram not among an index's most common elements counts as rare). A term
# without grams (only spaces between single characters) matches every row's grams.
GRAM_SHARE = """
SELECT CASE WHEN cardinality(ipenforce_query_grams(%s)) = 0 THEN 1 ELSE coalesce(max(share), 0) END FROM (
  SELECT s.tablename, min(coalesce(e.freq, 0)) AS share
  FROM pg_stats s CROSS JOIN unnest(ipenforce_query_grams(%s)) g(gram)
  LEFT JOIN LATERAL (SELECT f AS freq FROM unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs)
                     m(elem, f) WHERE m.elem = g.gram) e ON true
  WHERE s.tablename IN ('case_text_grams', 'party_name_grams')
  GROUP BY s.tablename) t"""


def common_term(text: str) -> bool:
    """Whether the statistics of the n-gram indexes (PostgreSQL) expect `text` in at least COMMON_SHARE of the
    cases or the parties — one read of pg_stats, no rows."""
    with connection.cursor() as cursor:
        cursor.execute(GRAM_SHARE, [text, text])
        return cursor.fetchone()[0] >= COMMON_SHARE


def search_cases(qs: QuerySet[Case], text: str) -> QuerySet[Case]:
    """The cases of `qs` that `text` finds: a whole case number or a party's USCC / ID number exactly (btree);
    otherwise the text within the number, title, description or a party's name — on PostgreSQL through the
    n-gram indexes (each table its own, combined with UNION) unless the term is common, elsewhere (and a common
    term) tested case by case."""
    upper = text.upper()
    if CASE_NUMBER.match(text):
        return qs.filter(number=text)
    if USCC.match(upper) or ID_NUMBER.match(upper):  # 18 digits may be either
        return qs.filter(pk__in=Party.objects.filter(Q(uscc=upper) | Q(id_number=upper)).values("case_id"))
    if connection.vendor == "postgresql" and not common_term(text):
        like = like_pattern(text)
        return qs.filter(pk__in=RawSQL(GRAM_SEARCH, [text, like, like, like, text, like]))
    return qs.filter(text_condition(text))


def text_condition(text: str) -> Q:
    """`text` within the case's number, title or description or else one of its parties' names, tested on each
    case. The parties are looked up per case (a scalar subquery of the case's parties): as EXISTS, PostgreSQL
    would hash the name's matches among all the parties first (85,000 at 1 M cases for 海, 0.9 s)."""
    party = Party.objects.filter(case_id=OuterRef("pk"), name__icontains=text).order_by().values("pk")[:1]
    return (Q(number__icontains=text) | Q(title__icontains=text) | Q(description__icontains=text)
            | Q(IsNull(Subquery(party), False)))
