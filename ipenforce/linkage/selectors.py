"""Reads: the transfers a user may see, with what a page or the API needs, and an agency's queue."""
from django.db.models import Prefetch, QuerySet

from ipenforce.linkage.models import Transfer, TransferStep
from ipenforce.orgs.selectors import visible_transfers


def transfer_detail(user) -> QuerySet[Transfer]:
    return visible_transfers(user).select_related("case", "bureau", "police", "procuratorate", "court").prefetch_related(
        "deadlines", Prefetch("steps", queryset=TransferStep.objects.select_related("actor", "agency")
                              .prefetch_related("attachments__stored")))


def transfer_list(user, *, state: str | None = None, awaiting_me: bool = False) -> QuerySet[Transfer]:
    qs = visible_transfers(user).select_related("case", "bureau", "police")
    if state:
        qs = qs.filter(state=state)
    if awaiting_me and user.agency_id:
        from django.db.models import Q

        qs = qs.filter(Q(awaiting="bureau", bureau_id=user.agency_id) | Q(awaiting="police", police_id=user.agency_id)
                       | Q(awaiting="procuratorate", procuratorate_id=user.agency_id)
                       | Q(awaiting="court", court_id=user.agency_id))
    return qs
