"""The published penalty information of a case: the 信息摘要 of [PUB45] art 4 (decision number, the party's basic
information, the type of violation, the penalty, the authority, the date), with personal data masked
(arts 5–7: a natural person's identity number and address; never a phone number)."""
from django.utils.translation import gettext as _

from ipenforce.cases.choices import PartyKind
from ipenforce.cases.selectors import primary_party
from ipenforce.core.pii import mask_address, mask_id_number

PERSONS = {PartyKind.NATURAL_PERSON, PartyKind.INDIVIDUAL_BUSINESS}


def penalty_text(case) -> str:
    parts = []
    if case.is_warning:
        parts.append(_("警告"))
    if case.confiscation:
        parts.append(_("没收违法所得%(amount)s元") % {"amount": f"{case.confiscation:,.2f}"})
    if case.fine:
        parts.append(_("罚款%(amount)s元") % {"amount": f"{case.fine:,.2f}"})
    return "；".join(parts) or _("行政处罚")


def summary_of(case) -> dict:
    party = primary_party(case)
    person = party is not None and party.kind in PERSONS
    return {
        "decision_number": case.number or "",
        "party_name": party.name if party else "",
        "party_uscc": party.uscc if party else "",
        "party_id_masked": mask_id_number(party.id_number) if party and party.id_number else "",
        "party_address_masked": (mask_address(party.address) if person else party.address) if party else "",
        "legal_representative": party.legal_representative if party and not person else "",
        "is_natural_person": person,
        "violation": _("%(title)s（%(type)s）") % {"title": case.title, "type": case.get_ip_type_display()},
        "penalty": penalty_text(case),
        "authority": case.agency.name,
        "decided_on": case.decided_on,
    }
