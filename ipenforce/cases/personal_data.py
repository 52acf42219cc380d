"""Personal information of parties: who sees it in full, the masked view everyone else gets, the audited reveal
of one party's full values, and the audited export of everything held about one person (PIPL art. 45)."""
from django.db import transaction

from ipenforce.cases.choices import PartyKind
from ipenforce.cases.models import Party
from ipenforce.cases.permissions import needs_personal_data
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.core.identifiers import check_resident_id
from ipenforce.core.pii import mask_address, mask_id_number, mask_phone
from ipenforce.orgs.permissions import can_administer

PERSONS = {PartyKind.NATURAL_PERSON, PartyKind.INDIVIDUAL_BUSINESS}
FIELDS = ["kind", "name", "uscc", "id_number", "legal_representative", "address", "service_address",
          "service_address_confirmed", "phone"]


def party_view(party: Party, *, full: bool) -> dict:
    data = {name: getattr(party, name) for name in FIELDS}
    data["id"] = party.pk
    data["masked"] = False
    if not full and party.kind in PERSONS:
        data["id_number"] = mask_id_number(party.id_number)
        data["phone"] = mask_phone(party.phone)
        data["address"] = mask_address(party.address)
        data["service_address"] = mask_address(party.service_address)
        data["masked"] = True
    data["identifier"] = data["uscc"] or data["id_number"]
    data["kind_label"] = party.get_kind_display()
    return data


def parties_for(case, user) -> list[dict]:
    full = needs_personal_data(user, case)
    return [party_view(party, full=full) for party in case.parties.all()]


@transaction.atomic
def party_reveal(*, actor, case, party: Party, reason: str) -> dict:
    """The full values of one party for someone who sees the case masked; the reason is kept in the audit log."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请说明查看完整个人信息的理由。", code="required", field="reason")
    if len(reason) > 200:
        raise ValidationFailed("理由不能超过200个字符。", code="too_long", field="reason")
    audit_append(actor=actor, action="party.reveal", target=party,
                 after={"case": case.pk, "reason": reason,
                        "fields": ["id_number", "phone", "address", "service_address"]})
    return party_view(party, full=True)


@transaction.atomic
def personal_data_export(*, actor, id_number: str, cases) -> dict:
    """Everything held about the person with this identity number within the administrator's scope (`cases`)."""
    if not can_administer(actor):
        raise PermissionDenied("只有系统管理员可以导出个人信息。", field="id_number")
    try:
        id_number = check_resident_id(id_number)
    except ValueError as exc:
        raise ValidationFailed(str(exc), code="invalid_id_number", field="id_number") from None
    parties = (Party.objects.filter(id_number=id_number, case__in=cases)
               .select_related("case", "case__agency").order_by("case_id", "pk"))
    records = [{
        "case": party.case.number or party.case.pk, "case_id": party.case_id, "agency": party.case.agency.name,
        "case_title": party.case.title, "party": party_view(party, full=True),
    } for party in parties]
    masked = mask_id_number(id_number)
    audit_append(actor=actor, action="personal_data.export", target_type="cases.party", target_id=masked,
                 target_label=masked, after={"records": len(records)})
    return {"id_number": id_number, "records": records}
