"""Records and photos as the API returns them."""
from django.urls import reverse

from ipenforce.field.choices import MediaKind
from ipenforce.field.models import FieldPhoto, FieldRecord
from ipenforce.field.services import missing_for_seal
from ipenforce.field.stamp import stamp_lines


def record_out(record: FieldRecord) -> dict:
    signatures = list(record.signatures.all())
    return {
        "id": record.pk, "case": record.case_id, "kind": record.kind, "kind_label": record.get_kind_display(),
        "state": record.state, "state_label": record.get_state_display(), "version": record.version,
        "revision": record.revision, "supersedes": record.supersedes_id, "client_key": record.client_key,
        "started_at": record.started_at, "ended_at": record.ended_at, "place": record.place,
        "latitude": record.latitude, "longitude": record.longitude, "accuracy_m": record.accuracy_m,
        "officers": record.officers, "certificates_shown": record.certificates_shown,
        "party_present": record.party_present, "person_name": record.person_name,
        "person_id_number": record.person_id_number, "person_role": record.person_role,
        "witness_name": record.witness_name, "rights_read": record.rights_read, "findings": record.findings,
        "measures": record.measures, "questions": record.questions, "party_refused": record.party_refused,
        "refusal_note": record.refusal_note,
        "signatures": [{"id": s.pk, "role": s.role, "name": s.name, "refused": s.refused, "signed_at": s.signed_at,
                        "sha256": s.stored.sha256 if s.stored else "",
                        "image": reverse("field:signature", args=[record.pk, s.pk]) if s.stored else ""}
                       for s in signatures],
        "missing": [code for code, _m, _f in missing_for_seal(record)] if record.state == "draft" else [],
        "sealed_at": record.sealed_at, "seal_sha256": record.seal_sha256, "evidence_item": record.evidence_item_id,
        "document": record.document_id,
    }


def photo_out(photo: FieldPhoto) -> dict:
    return {
        "id": photo.pk, "case": photo.case_id, "record": photo.record_id, "client_key": photo.client_key,
        "media": photo.media, "stamp": stamp_lines(photo),
        "display": reverse("field:photo_display", args=[photo.pk]) if photo.media == MediaKind.PHOTO else "",
        "captured_at": photo.captured_at, "time_source": photo.time_source, "latitude": photo.latitude,
        "longitude": photo.longitude, "accuracy_m": photo.accuracy_m, "position_source": photo.position_source,
        "sha256": photo.stored.sha256, "device_sha256": photo.device_sha256, "evidence_item": photo.evidence_item_id,
        "download": reverse("field:photo", args=[photo.pk]),
    }


def phone_case_out(case, officers=None) -> dict:
    """A case as the phone keeps it for offline work: who the officers are (for a lead without assigned officers,
    those of its agency) and where the party is."""
    parties = list(case.parties.all())
    return {"id": case.pk, "number": case.number or "", "title": case.title, "state": case.state,
            "state_label": case.get_state_display(), "version": case.version,
            "party": parties[0].name if parties else "", "address": parties[0].address if parties else "",
            "officers": [{"id": o.pk, "name": o.display_name, "certificate_no": o.certificate_no}
                         for o in (officers if officers is not None else case.officers.all())]}
