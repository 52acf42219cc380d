"""A complaint and a notice as the API returns them and their pages read them."""
from django.urls import reverse
from django.utils import timezone

from ipenforce.protection.models import Adjudication, Complaint, Mediation, Registration, TakedownNotice
from ipenforce.protection.selectors import missing_items, wait_ends_on, wait_is_over
from ipenforce.protection.workflow import (
    ADJUDICATION,
    ADJUDICATION_STATES,
    COMPLAINT,
    COMPLAINT_STATES,
    MEDIATION,
    MEDIATION_STATES,
    NOTICE,
    NOTICE_STATES,
    REGISTRATION,
    REGISTRATION_STATES,
)
from ipenforce.workflow.presenters import step_row
from ipenforce.workflow.selectors import available_actions, deadline_rows

# The article that applies to a platform that does not act on a notice (wave2-rules.md C-14, C-22).
PLATFORM_DUTY = "《中华人民共和国电子商务法》第四十二条第二款、第八十四条"


def complaint_out(complaint: Complaint, user) -> dict:
    case = complaint.case
    return {
        "id": complaint.pk, "state": complaint.state, "state_label": str(COMPLAINT_STATES.get(complaint.state, "")),
        "version": complaint.version, "centre": complaint.centre.name,
        "complainant": complaint.complainant.name if complaint.complainant else None,
        "complainant_name": complaint.complainant_name, "complainant_contact": complaint.complainant_contact,
        "identity": complaint.identity, "ip_type": complaint.ip_type, "right_text": complaint.right_text,
        "accused_name": complaint.accused_name, "shop_url": complaint.shop_url, "evidence": complaint.evidence,
        "request": complaint.request, "key_enterprise": complaint.key_enterprise,
        "certificates": [certificate_out(c) for c in complaint.certificates.all()],
        "missing": missing_items(complaint), "missing_notice": complaint.missing_notice,
        "received_on": complaint.received_on, "bureau": complaint.bureau.name if complaint.bureau else None,
        "case_id": case.pk if case else None,
        "case_state": case.get_state_display() if case else None, "outcome": complaint.outcome,
        "notice_ids": [n.pk for n in complaint.notices.all()],
        "steps": [step_row(COMPLAINT, s) for s in complaint.steps.all()],
        "deadlines": deadline_rows(COMPLAINT, complaint, user),
        "available_actions": available_actions(COMPLAINT, complaint, user),
    }


def notice_state_label(notice: TakedownNotice) -> str:
    if wait_is_over(notice):
        return str(NOTICE_STATES["must_end"])
    return str(NOTICE_STATES.get(notice.state, notice.state))


def notice_out(notice: TakedownNotice, user) -> dict:
    acted = notice.state != "sent"
    return {
        "id": notice.pk, "state": notice.state, "state_label": notice_state_label(notice),
        "version": notice.version, "platform": notice.platform.name,
        "centre": notice.centre.name if notice.centre else None, "complaint_id": notice.complaint_id,
        "right_holder": notice.right_holder_name, "identity": notice.identity, "ip_type": notice.ip_type,
        "right_text": notice.right_text, "listings": notice.listings.splitlines(), "evidence": notice.evidence,
        "seller": notice.seller, "sent_on": notice.sent_on,
        "certificates": [certificate_out(c) for c in notice.certificates.all()], "measures": notice.measures,
        "measures_on": notice.measures_on, "forwarded_on": notice.forwarded_on, "declaration": notice.declaration,
        "declaration_arrived_on": notice.declaration_arrived_on, "wait_ends_on": wait_ends_on(notice),
        "must_end_measures": notice.state == "must_end" or wait_is_over(notice),
        "action_kind": notice.action_kind, "action_notified_on": notice.action_notified_on,
        "ended_on": notice.ended_on, "identity_requested": notice.identity_requested,
        "seller_identity": notice.seller_identity, "case_id": notice.case_id,
        "platform_overdue_days": None if acted else (timezone.localdate() - notice.sent_on).days,
        "platform_duty": PLATFORM_DUTY,
        "steps": [step_row(NOTICE, s) for s in notice.steps.all()],
        "deadlines": deadline_rows(NOTICE, notice, user),
        "available_actions": available_actions(NOTICE, notice, user),
    }


def notice_public(notice: TakedownNotice) -> dict:
    """What the public page shows (C-20): the notice, the declaration and the result; no identity documents or
    contact details."""
    return {
        "id": notice.pk, "platform": notice.platform.name, "right_holder": notice.right_holder_name,
        "ip_type": notice.get_ip_type_display(), "right_text": notice.right_text,
        "listings": notice.listings.splitlines(), "sent_on": notice.sent_on,
        "measures": notice.get_measures_display() if notice.measures else "", "measures_on": notice.measures_on,
        "declaration": bool(notice.declaration), "declaration_arrived_on": notice.declaration_arrived_on,
        "result": notice_state_label(notice), "ended_on": notice.ended_on,
    }


def adjudication_out(adjudication: Adjudication, user) -> dict:
    return {
        "id": adjudication.pk, "state": adjudication.state,
        "state_label": str(ADJUDICATION_STATES.get(adjudication.state, adjudication.state)),
        "version": adjudication.version, "bureau": adjudication.bureau.name,
        "complaint_id": adjudication.complaint_id, "petitioner_name": adjudication.petitioner_name,
        "respondent_name": adjudication.respondent_name, "patent": adjudication.patent,
        "request": adjudication.request, "outcome": adjudication.outcome, "decision": adjudication.decision,
        "served_on": adjudication.served_on, "requested_on": adjudication.requested_on,
        "documents": [{"id": d.pk, "kind": d.kind, "title": d.title, "number": d.number, "sha256": d.sha256,
                       "created_at": d.created_at,
                       "url": reverse("api:adjudication_document", args=[adjudication.pk, d.pk])}
                      for d in adjudication.documents.all()],
        "steps": [step_row(ADJUDICATION, s) for s in adjudication.steps.all()],
        "deadlines": deadline_rows(ADJUDICATION, adjudication, user),
        "available_actions": available_actions(ADJUDICATION, adjudication, user),
    }


def mediation_out(mediation: Mediation, user) -> dict:
    return {
        "id": mediation.pk, "state": mediation.state,
        "state_label": str(MEDIATION_STATES.get(mediation.state, mediation.state)), "version": mediation.version,
        "kind": mediation.kind, "kind_label": mediation.get_kind_display(), "organisation": mediation.organisation.name,
        "court": mediation.court.name if mediation.court else None, "court_reference": mediation.court_reference,
        "parties": mediation.parties, "dispute": mediation.dispute, "mediators": mediation.mediators,
        "designated": [m.name for m in mediation.designated.all()],
        "online_applied_on": mediation.online_applied_on, "online_designated_on": mediation.online_designated_on,
        "agreement": mediation.agreement, "agreement_on": mediation.agreement_on,
        "received_on": mediation.received_on,
        "steps": [step_row(MEDIATION, s) for s in mediation.steps.all()],
        "deadlines": deadline_rows(MEDIATION, mediation, user),
        "available_actions": available_actions(MEDIATION, mediation, user),
    }


def mediator_out(mediator) -> dict:
    return {"id": mediator.pk, "organisation": mediator.organisation.name, "name": mediator.name,
            "roster": mediator.roster, "speciality": mediator.speciality, "is_active": mediator.is_active,
            "open": mediator.open_count, "closed": mediator.closed_count}


def certificate_out(certificate) -> dict:
    return {"id": certificate.pk, "ip_type": certificate.ip_type, "number": certificate.number,
            "title": certificate.title, "owner_name": certificate.owner_name, "valid_until": certificate.valid_until,
            "filename": certificate.filename, "sha256": certificate.sha256,
            "url": reverse("protection:certificate_file", args=[certificate.pk])}


def registration_out(registration: Registration, user) -> dict:
    return {
        "id": registration.pk, "state": registration.state, "version": registration.version,
        "state_label": str(REGISTRATION_STATES.get(registration.state, registration.state)),
        "organisation_name": registration.organisation_name, "kind": registration.kind,
        "kind_label": registration.get_kind_display(), "uscc": registration.uscc,
        "contact_name": registration.contact_name, "phone": registration.phone, "email": registration.email,
        "username": registration.username, "filename": registration.filename, "sha256": registration.sha256,
        "reason": registration.reason, "agency_id": registration.agency_id, "user_id": registration.user_id,
        "created_at": registration.created_at,
        "steps": [step_row(REGISTRATION, s) for s in registration.steps.all()],
        "available_actions": available_actions(REGISTRATION, registration, user),
    }
