"""Publications, listings, repair requests and the party record as the API returns them and the pages read them."""
from ipenforce.credit.models import Listing, Publication, RepairRequest
from ipenforce.credit.workflow import GROUNDS, HEAVIER, LISTING, PUBLICATION, REPAIR
from ipenforce.workflow.presenters import approval_row, step_row
from ipenforce.workflow.selectors import available_actions, deadline_rows


def _engine(procedure, subject, user) -> dict:
    return {
        "state": subject.state, "state_label": str(procedure.states.get(subject.state, subject.state)),
        "version": subject.version, "steps": [step_row(procedure, s) for s in subject.steps.all()],
        "deadlines": deadline_rows(procedure, subject, user), "approval": approval_row(procedure, subject),
        "available_actions": available_actions(procedure, subject, user),
    }


PUBLIC_FIELDS = ("decision_number", "party_name", "party_uscc", "party_id_masked", "party_address_masked",
                 "legal_representative", "violation", "penalty", "authority", "decided_on", "published_on", "ends_on",
                 "objection_pending")


def public_out(p: Publication) -> dict:
    """Only what [PUB45] makes public (the 信息摘要, personal data masked)."""
    return {"id": p.pk, **{name: getattr(p, name) for name in PUBLIC_FIELDS}}


def publication_out(p: Publication, user) -> dict:
    return {**public_out(p), "case_id": p.case_id, "short_period": p.short_period, "changed_on": p.changed_on,
            "withdrawn_on": p.withdrawn_on, "stopped_on": p.stopped_on,
            "document_url": f"/api/v1/credit/publications/{p.pk}/decision.docx" if p.document_name else None,
            "document_sha256": p.document_sha256, "registered_region": p.registered_region,
            "other_province": p.other_province, "pushed_on": p.pushed_on, "push_receiver": p.push_receiver,
            **_engine(PUBLICATION, p, user)}


def listing_out(li: Listing, user) -> dict:
    return {
        "id": li.pk, "case_id": li.case_id, "case_number": li.case.number, "party_name": li.party_name,
        "party_identifier": li.party_identifier, "ground": li.ground, "ground_label": str(dict(GROUNDS)[li.ground]),
        "heavier_penalty": li.heavier_penalty, "heavier_penalty_label": str(dict(HEAVIER)[li.heavier_penalty]),
        "seriousness": li.seriousness, "notice_served_on": li.notice_served_on, "statement": li.statement,
        "listed_on": li.listed_on, "ends_on": li.ends_on, "published_on": li.published_on,
        "removed_on": li.removed_on, "removal_reason": li.removal_reason, "authority": li.case.agency.name,
        **_engine(LISTING, li, user),
    }


def repair_out(r: RepairRequest, user) -> dict:
    return {
        "id": r.pk, "kind": r.kind, "kind_label": str(r.get_kind_display()), "case_id": r.case_id,
        "publication_id": r.publication_id, "listing_id": r.listing_id, "applicant": r.applicant,
        "applied_on": r.applied_on, "grounds": r.grounds, "materials": r.materials, "accepted_on": r.accepted_on,
        "decided_on": r.decided_on, "decision": r.decision,
        "document_url": f"/api/v1/credit/repairs/{r.pk}/decision.docx" if r.document_name else None,
        "document_sha256": r.document_sha256, **_engine(REPAIR, r, user),
    }


def party_out(record) -> dict:
    return {
        "identifier": record.identifier, "names": record.names, "listed": record.listed,
        "cases": [{"id": c.pk, "number": c.number, "title": c.title, "agency": c.agency.name, "state": c.state,
                   "state_label": str(c.get_state_display()), "outcome": c.outcome, "decided_on": c.decided_on,
                   "fine": c.fine, "transfers": len(c.transfers.all())} for c in record.cases],
        "publications": [{"id": p.pk, "decision_number": p.decision_number, "state": p.state,
                          "published_on": p.published_on, "ends_on": p.ends_on} for p in record.publications],
        "listings": [{"id": li.pk, "state": li.state, "listed_on": li.listed_on, "ends_on": li.ends_on,
                      "authority": li.case.agency.name} for li in record.listings],
        "decisions_citywide": [_decision(d) for d in record.decisions_citywide],
        "repeat": [{"rule": f.rule, "text": f.text, "citation": f.citation, "verified": f.verified,
                    "decisions": [_decision(d) for d in f.decisions]} for f in record.repeat],
        "city_counts": record.city_counts,
        "name_matches": [{"id": c.pk, "number": c.number, "title": c.title, "agency": c.agency.name}
                         for c in record.name_matches],
        "complaints": [{"id": c.pk, "accused_name": c.accused_name, "complainant_name": c.complainant_name,
                        "ip_type": c.ip_type, "received_on": c.received_on, "state": c.state,
                        "state_label": c.state_label,
                        "bureau": c.bureau.name if c.bureau else None} for c in record.complaints],
        "notices": [{"id": n.pk, "seller": n.seller, "platform": n.platform.name, "ip_type": n.ip_type,
                     "sent_on": n.sent_on, "state": n.state, "state_label": n.state_label}
                    for n in record.notices],
    }


def _decision(d: dict) -> dict:
    return {"number": d["number"], "authority": d["authority"], "decided_on": d["decided_on"],
            "ip_type": d["ip_type"], "case_id": d.get("case_id")}
