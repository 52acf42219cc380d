"""Assignments, assistance requests and joint operations as the API returns them and their pages read them."""
from django.urls import reverse

from ipenforce.command.models import Assignment, AssistanceRequest, JointOperation
from ipenforce.command.services import MATTERS
from ipenforce.command.workflow import (
    ASSIGNMENT,
    ASSIGNMENT_STATES,
    ASSISTANCE,
    ASSISTANCE_STATES,
    OPERATION,
    OPERATION_STATES,
)
from ipenforce.documents.kinds import KINDS
from ipenforce.workflow.presenters import approval_row, step_row
from ipenforce.workflow.selectors import available_actions, deadline_rows


def link_out(link) -> dict:
    return {"kind": link.kind, "assignment_id": link.assignment_id, "operation_id": link.operation_id,
            "origin_id": link.origin_id, "origin_title": link.origin.title if link.origin else "",
            "created_id": link.created_id, "created_title": link.created.title,
            "created_agency": link.created.agency.name}


def assignment_row(a: Assignment) -> dict:
    return {"id": a.pk, "title": a.title, "kind": a.kind, "kind_label": a.get_kind_display(), "state": a.state,
            "state_label": str(ASSIGNMENT_STATES.get(a.state, a.state)), "assigner": a.assigner.name,
            "receiver": a.receiver.name, "due_on": a.due_on, "escalated": a.escalated_at is not None,
            "designated": a.designated, "version": a.version}


def assignment_out(a: Assignment, user) -> dict:
    return {
        **assignment_row(a), "case_id": a.case_id, "instructions": a.instructions,
        "feedback_wanted": a.feedback_wanted, "reply_within_days": a.reply_within_days,
        "received_at": a.received_at, "outcome": a.outcome, "outcome_label": a.get_outcome_display(),
        "outcome_case_number": a.outcome_case_number, "report": a.report, "previous_id": a.previous_id,
        "next_ids": [n.pk for n in a.next.all()], "links": [link_out(link) for link in a.links.all()],
        "steps": [step_row(ASSIGNMENT, s) for s in a.steps.all()],
        "deadlines": deadline_rows(ASSIGNMENT, a, user), "approval": approval_row(ASSIGNMENT, a),
        "available_actions": available_actions(ASSIGNMENT, a, user),
    }


def notice_out(document) -> dict:
    return {"document_id": document.pk, "case_id": document.case_id, "kind": document.kind,
            "title": KINDS[document.kind].title, "number": document.number, "version": document.version,
            "sha256": document.sha256, "download": reverse("documents:download", args=[document.case_id, document.pk])}


def assistance_row(r: AssistanceRequest) -> dict:
    return {"id": r.pk, "state": r.state, "state_label": str(ASSISTANCE_STATES.get(r.state, r.state)),
            "requester": r.requester.name, "assisted": r.addressee, "outside": r.assisted_id is None,
            "matters": r.matters, "matter_labels": [str(MATTERS.get(m, m)) for m in r.matters],
            "supplier_notice": r.supplier_notice, "version": r.version}


def assistance_out(r: AssistanceRequest, user) -> dict:
    return {
        **assistance_row(r), "case_id": r.case_id, "details": r.details, "received_at": r.received_at,
        "answer": r.answer, "answered_at": r.answered_at,
        "files": [{"id": f.pk, "name": f.name, "sha256": f.stored.sha256, "size": f.stored.size,
                   "evidence_id": f.evidence_id,
                   "download": reverse("command:assistance_file", args=[r.pk, f.pk])} for f in r.files.all()],
        "steps": [step_row(ASSISTANCE, s) for s in r.steps.all()],
        "deadlines": deadline_rows(ASSISTANCE, r, user), "approval": approval_row(ASSISTANCE, r),
        "available_actions": available_actions(ASSISTANCE, r, user),
    }


def operation_row(o: JointOperation) -> dict:
    return {"id": o.pk, "title": o.title, "lead": o.lead.name, "state": o.state,
            "state_label": str(OPERATION_STATES.get(o.state, o.state)), "starts_on": o.starts_on,
            "ends_on": o.ends_on, "version": o.version}


def operation_out(o: JointOperation, user) -> dict:
    return {
        **operation_row(o), "plan": o.plan, "participants": [p.name for p in o.participants.all()],
        "outside_participants": o.outside_participants, "places": o.places, "seized_goods": o.seized_goods,
        "officers": [u.display_name for u in o.officers.all()], "report": o.report, "reported_at": o.reported_at,
        "links": [link_out(link) for link in o.links.all()], "steps": [step_row(OPERATION, s) for s in o.steps.all()],
        "deadlines": [], "approval": approval_row(OPERATION, o),
        "available_actions": available_actions(OPERATION, o, user),
    }
