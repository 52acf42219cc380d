"""Reads: a case's records and photos, one record in the user's scope, and the officer's open cases for the phone."""
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from ipenforce.evidence.permissions import CLOSED_STATES
from ipenforce.field.models import FieldPhoto, FieldRecord, RecordSignature
from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import User
from ipenforce.orgs.selectors import acting_agency_ids, visible_cases

PHONE_CASES = 50


def _records() -> QuerySet[FieldRecord]:
    return FieldRecord.objects.select_related(
        "case", "case__agency", "created_by", "sealed_by", "sealed_file", "document", "supersedes",
    ).prefetch_related(Prefetch("signatures", queryset=RecordSignature.objects.select_related("stored", "officer")))


def case_records(case) -> QuerySet[FieldRecord]:
    return _records().filter(case=case)


def record_or_404(user, record_id: int) -> FieldRecord:
    """A record of a case the user may read, else 404 (its existence is not disclosed)."""
    return get_object_or_404(_records().filter(case__in=visible_cases(user).values("pk")), pk=record_id)


def photo_or_404(user, photo_id: int) -> FieldPhoto:
    return get_object_or_404(FieldPhoto.objects.select_related("stored").filter(
        case__in=visible_cases(user).values("pk")), pk=photo_id)


def case_photos(case) -> QuerySet[FieldPhoto]:
    return FieldPhoto.objects.filter(case=case).select_related("stored", "created_by", "evidence_item")


def agency_officers(cases) -> dict[int, list]:
    """For leads with no officers assigned yet: the case officers who may act for each case's agency (one query)."""
    acting = {case.pk: acting_agency_ids(case.agency) for case in cases}
    wanted = set().union(*acting.values()) if acting else set()
    officers = list(User.objects.filter(agency_id__in=wanted, is_active=True, role_grants__role=Role.CASE_OFFICER)
                    .distinct().order_by("username"))
    return {pk: [u for u in officers if u.agency_id in ids] for pk, ids in acting.items()}


def phone_cases(user) -> QuerySet:
    """The officer's open cases and leads: assigned to them, or leads they registered, newest first."""
    mine = Q(officers=user) | Q(created_by=user, officers__isnull=True)
    return (visible_cases(user).filter(mine).exclude(state__in=CLOSED_STATES).select_related("agency")
            .prefetch_related("officers", "parties").distinct().order_by("-pk")[:PHONE_CASES])
