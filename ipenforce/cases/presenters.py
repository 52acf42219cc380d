"""The case as the API returns it (and as the case page reads it): one dict built from a prefetched case."""
from decimal import Decimal

from django.utils import timezone

from ipenforce.cases import criminal, selectors
from ipenforce.cases.models import Case
from ipenforce.cases.personal_data import parties_for


def case_row(case: Case) -> dict:
    return {
        "id": case.pk, "number": case.number, "title": case.title, "agency": case.agency.name,
        "agency_id": case.agency_id, "state": case.state, "procedure": case.procedure, "ip_type": case.ip_type,
        "source": case.source, "discovered_on": case.discovered_on, "version": case.version,
        "parties": [p.name for p in case.parties.all()],
    }


def deadline_rows(case: Case) -> list[dict]:
    return [{
        "rule": d.rule, "title": d.title, "started_on": d.started_on, "due": d.due_on, "unit": d.unit,
        "status": "overdue" if d.status == "running" and d.due_on and d.due_on < timezone.localdate() else d.status,
        "days_left": selectors.days_left(d) if d.status in ("running", "paused") else None,
        "extensions": d.extensions, "warning": d.warning, "citation": d.citation, "verified": d.verified,
    } for d in case.deadlines.all()]


def case_full(case: Case, user) -> dict:
    today = timezone.localdate()
    remaining, surcharge = selectors.outstanding(case, today)
    paid = sum((p.amount for p in case.payments.all()), Decimal(0))
    fine_range = selectors.fine_range_for(case)
    approval = selectors.pending_approval(case)
    return {
        **case_row(case),
        "description": case.description, "conduct_on": case.conduct_on, "is_ecommerce": case.is_ecommerce,
        "is_cross_region": case.is_cross_region, "is_major": case.is_major, "triage_reason": case.triage_reason,
        "campaigns": [c.name for c in case.campaigns.all()],
        "officers": [o.display_name for o in case.officers.all()],
        "outcome": case.outcome, "filed_on": case.filed_on, "decided_on": case.decided_on,
        "served_on": case.served_on, "published_on": case.published_on, "closed_on": case.closed_on,
        "archived_on": case.archived_on, "payment_due_on": case.payment_due_on,
        "amounts": {
            "illegal_turnover": case.illegal_turnover, "illegal_gains": case.illegal_gains,
            "goods_value": case.goods_value, "sales_amount": case.sales_amount, "proposed_fine": case.proposed_fine,
            "proposed_confiscation": case.proposed_confiscation, "fine": case.fine,
            "confiscation": case.confiscation, "paid": paid, "outstanding": remaining, "surcharge": surcharge,
        },
        "fine_range": None if fine_range is None else {
            "low": fine_range.low, "high": fine_range.high, "basis": fine_range.basis, "rule": fine_range.rule_key,
            "citation": fine_range.citation, "verified": fine_range.verified, "aggravated": fine_range.aggravated,
            "aggravation": fine_range.aggravation_text, "prior_cases": fine_range.prior_cases,
        },
        "crime_checks": [vars(check) for check in criminal.evaluate(case)],
        "parties_detail": parties_for(case, user),
        "rights": list(case.rights.all()),
        "deadlines": deadline_rows(case),
        "measures": list(case.measures.all()),
        "appeals": list(case.appeals.all()),
        "timeline": [{
            "kind": s.kind, "action": s.action, "actor": s.actor.display_name, "actor_role": s.actor_role,
            "from_state": s.from_state, "to_state": s.to_state, "comment": s.comment, "payload": s.payload,
            "created_at": s.created_at,
        } for s in case.steps.all()],
        "pending_approval": None if approval is None else {
            "id": approval.pk, "action": approval.action, "chain": approval.chain,
            "awaiting_role": approval.awaiting_role, "proposer": approval.proposer.display_name,
            "payload": approval.payload, "created_at": approval.created_at,
        },
        "available_actions": selectors.available_actions(case, user),
    }
