"""A lead registered on the phone during an inspection (source 监督检查): registered through the same service as
the desk (cases' case_register, so it enters the normal lead workflow with its verification clock), once per key
the device made, with where and when the officer registered it."""
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.choices import Source
from ipenforce.cases.models import Case
from ipenforce.cases.services.leads import case_register
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import Conflict, ValidationFailed
from ipenforce.field.models import PhoneLead
from ipenforce.field.services import CLOCK_SKEW, aware, six_places


@transaction.atomic
def lead_register(*, actor, client_key: uuid.UUID, data: dict, parties: list[dict], registered_at=None,
                  latitude=None, longitude=None, accuracy_m=None) -> tuple[Case, bool]:
    """(the lead, created). A key the phone sent before returns the lead it made then."""
    existing = PhoneLead.objects.filter(client_key=client_key).select_related("case").first()
    if existing:
        if existing.created_by_id != actor.pk:
            raise Conflict(_("该客户端标识已用于另一条线索。"), code="client_key_reused", field="client_key")
        return existing.case, False
    now, registered_at = timezone.now(), aware(registered_at)
    if registered_at and registered_at > now + CLOCK_SKEW:
        raise ValidationFailed(_("时间不能晚于现在。"), code="time_in_future", field="registered_at")
    registered_at = min(registered_at or now, now)
    data = {**data, "source": Source.INSPECTION,
            "discovered_on": data.get("discovered_on") or timezone.localtime(registered_at).date()}
    case = case_register(actor=actor, data=data, parties=parties, rights=[], campaign_ids=[])
    lead = PhoneLead(case=case, client_key=client_key, registered_at=registered_at, created_by=actor,
                     latitude=six_places(latitude) if latitude is not None else None,
                     longitude=six_places(longitude) if longitude is not None else None,
                     accuracy_m=accuracy_m if latitude is not None else None)
    try:
        with transaction.atomic():
            lead.save()
    except IntegrityError:  # the same key sent twice at once: the other request registers it
        raise Conflict(_("该线索正在提交，请稍后刷新。"), code="duplicate_in_flight", field="client_key") from None
    audit_append(actor=actor, action="field_lead.register", target=case, after={
        "client_key": str(client_key), "registered_at": registered_at.isoformat(),
        "position": [str(lead.latitude or ""), str(lead.longitude or ""), lead.accuracy_m]})
    return case, True
