"""One filter definition per list, shared by the list page, the API list endpoint and the .xlsx export."""
from django.db.models import Q, QuerySet

from ipenforce.orgs.models import Agency, User


def filter_agencies(qs: QuerySet[Agency], *, kind: str | None = None, parent_id: int | None = None,
                    q: str | None = None) -> QuerySet[Agency]:
    if kind:
        qs = qs.filter(kind=kind)
    if parent_id:
        qs = qs.filter(parent_id=parent_id)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(region_code__startswith=q))
    return qs.order_by("path")


def filter_users(qs: QuerySet[User], *, agency_id: int | None = None, role: str | None = None,
                 is_active: bool | None = None, q: str | None = None) -> QuerySet[User]:
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if role:
        qs = qs.filter(role_grants__role=role)
    if is_active is not None:
        qs = qs.filter(is_active=is_active)
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
    return qs.order_by("agency__path", "username")
