"""One filter definition for the case list page, the API list endpoint and the .xlsx export."""
from django.db.models import Q, QuerySet

from ipenforce.cases.models import Case, Party


def filter_cases(qs: QuerySet[Case], *, state=None, procedure=None, ip_type=None, source=None, agency=None,
                 campaign=None, discovered_from=None, discovered_to=None, decided_from=None, decided_to=None,
                 q=None) -> QuerySet[Case]:
    exact = {"state": state, "procedure": procedure, "ip_type": ip_type, "source": source, "agency_id": agency,
             "campaigns": campaign, "discovered_on__gte": discovered_from, "discovered_on__lte": discovered_to,
             "decided_on__gte": decided_from, "decided_on__lte": decided_to}
    qs = qs.filter(**{name: value for name, value in exact.items() if value not in (None, "")})
    if q and q.strip():
        text = q.strip()
        matching_parties = Party.objects.filter(name__icontains=text).values("case_id")
        qs = qs.filter(Q(number__icontains=text) | Q(title__icontains=text) | Q(description__icontains=text)
                       | Q(pk__in=matching_parties))
    return qs
