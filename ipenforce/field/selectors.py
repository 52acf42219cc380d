"""Reads: a case's records and photos, one record in the user's scope, and the officer's open cases for the phone."""
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ipenforce.documents.models import Document
from ipenforce.evidence.models import EvidenceItem
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


def _record_label(record: FieldRecord | None) -> str:
    if record is None:
        return ""
    revision = f"第{record.revision}版，" if record.revision > 1 else ""
    return f"{record.get_kind_display()}（{revision}{timezone.localtime(record.started_at):%Y-%m-%d %H:%M}）"


def evidence_list(case) -> list[dict]:
    """The case's 证据清单: every evidence item numbered in the order it was registered (a number never changes
    once given, as items are never removed), with its source, what it proves and the on-site record it came from
    (the record itself when the item is a sealed record, the record a photo was taken for)."""
    items = (EvidenceItem.objects.filter(case=case).order_by("pk")
             .select_related("field_record", "field_photo__record"))
    rows = []
    for number, item in enumerate(items, start=1):
        record = getattr(item, "field_record", None)
        if record is None and getattr(item, "field_photo", None) is not None:
            record = item.field_photo.record
        rows.append({"item": item, "number": number, "kind": item.get_kind_display(),
                     "description": item.description, "source": item.source, "proves": item.proves,
                     "record": _record_label(record), "record_id": record.pk if record else None})
    return rows


def evidence_list_documents(case) -> QuerySet[Document]:
    return Document.objects.filter(case=case, kind="evidence_list").select_related("template", "created_by"
                                                                                   ).order_by("-version")
