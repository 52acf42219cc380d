"""Funding applications and policy tasks as the API returns them and their pages read them."""
from ipenforce.credit.selectors import active_listing_identifiers
from ipenforce.programs.models import FundingApplication, KeyEnterprise, PolicyTask
from ipenforce.programs.permissions import reads_programs
from ipenforce.programs.selectors import is_overdue, platform_credit, score_sheets_seen
from ipenforce.programs.workflow import (
    FUNDING,
    FUNDING_STATES,
    KEY_ENTERPRISE,
    LISTING_STATES,
    POLICY_TASK,
    TASK_STATES,
)
from ipenforce.workflow.presenters import approval_row, step_row
from ipenforce.workflow.selectors import available_actions, deadline_rows


def application_out(a: FundingApplication, user=None, detail: bool = True) -> dict:
    out = {
        "id": a.pk, "number": a.number, "call_id": a.call_id, "call": str(a.call), "track": a.call.track,
        "agency": a.agency.name, "applicant_name": a.applicant_name, "applicant_uscc": a.applicant_uscc,
        "district": a.district, "industry": a.industry, "project_ref": a.project_ref, "quantity": a.quantity,
        "eligible_cost": a.eligible_cost, "requested": a.requested, "computed": a.computed, "score": a.score,
        "granted": a.granted, "paid": a.paid, "recovered": a.recovered, "undertaking": a.undertaking,
        "materials": a.materials, "credit_check": a.credit_check, "audit_sampled": a.audit_sampled,
        "state": a.state, "state_label": str(FUNDING_STATES.get(a.state, a.state)), "version": a.version,
        "own_account": a.applicant_org_id is not None, "contract_number": a.contract_number,
        "contract_signed_on": a.contract_signed_on, "contract_terms": a.contract_terms,
        "contract_milestones": a.contract_milestones,
    }
    if detail and user is not None and reads_programs(user):
        sheets = list(a.score_sheets.all())
        out.update(score_sheets=[sheet_out(s) for s in score_sheets_seen(user, a)],
                   sheets_pending=sum(not s.submitted_at for s in sheets))
    if detail:
        out.update(platform_credit=platform_credit_out(a.applicant_uscc),
                   steps=[step_row(FUNDING, s) for s in a.steps.all()], deadlines=deadline_rows(FUNDING, a, user),
                   approval=approval_row(FUNDING, a), available_actions=available_actions(FUNDING, a, user))
    return out


def sheet_out(sheet) -> dict:
    return {"id": sheet.pk, "application_id": sheet.application_id, "expert": sheet.expert.display_name,
            "no_conflict": sheet.no_conflict, "score": sheet.score, "opinion": sheet.opinion,
            "submitted_at": sheet.submitted_at}


def platform_credit_out(uscc: str) -> dict:
    """The credit module's answer on an applicant (D-35), as the page and the API show it."""
    known = platform_credit(uscc)
    return {"listed": known["listed"], "barred_until": known["barred_until"], "citation": known["citation"],
            "listed_citation": known["listed_citation"],
            "bars": [{"kind": b["kind"], "since": b["since"], "until": b["until"]} for b in known["bars"]]}


def task_out(t: PolicyTask, user=None, detail: bool = True) -> dict:
    out = {
        "id": t.pk, "document_id": t.document_id, "document": t.document.title, "area": t.area, "seq": t.seq,
        "title": t.title, "lead_unit": t.lead_unit, "co_units": t.co_units, "due_on": t.due_on,
        "indicators": t.indicators, "last_progress": t.last_progress, "last_reported_on": t.last_reported_on,
        "state": t.state, "state_label": str(TASK_STATES.get(t.state, t.state)), "overdue": is_overdue(t),
        "version": t.version,
    }
    if detail:
        out.update(steps=[step_row(POLICY_TASK, s) for s in t.steps.all()], approval=approval_row(POLICY_TASK, t),
                   available_actions=available_actions(POLICY_TASK, t, user))
    return out


def enterprise_out(e: KeyEnterprise, user=None, detail: bool = False) -> dict:
    out = {"id": e.pk, "agency": e.agency.name, "name": e.name, "uscc": e.uscc, "industry": e.industry,
           "key_ip_assets": e.key_ip_assets, "contact": e.contact,
           "liaison": e.liaison.display_name if e.liaison else None, "service_level": e.service_level,
           "grounds": e.grounds, "listed_on": e.listed_on, "valid_until": e.valid_until, "is_example": e.is_example,
           "state": e.state, "state_label": str(LISTING_STATES.get(e.state, e.state)), "version": e.version}
    if detail:
        out.update(credit_listed=bool(active_listing_identifiers([e.uscc])),
                   steps=[step_row(KEY_ENTERPRISE, s) for s in e.steps.all()],
                   available_actions=available_actions(KEY_ENTERPRISE, e, user))
    return out
