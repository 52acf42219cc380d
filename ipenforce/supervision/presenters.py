"""Supervised cases and supervision orders as the API returns them and the pages read them."""
from django.utils import timezone

from ipenforce.supervision.lights import light
from ipenforce.supervision.models import SupervisedCase, SupervisionOrder
from ipenforce.supervision.workflow import CASE_STATES, ORDER, ORDER_STATES, SUPERVISED_CASE
from ipenforce.workflow.presenters import approval_row, step_row
from ipenforce.workflow.selectors import available_actions, deadline_rows


def case_light(item: SupervisedCase, today=None) -> str:
    return light(state=item.state, next_report_due=item.next_report_due, deadline=item.deadline,
                 late_reports=item.late_reports, today=today or timezone.localdate())


def supervised_case_row(item: SupervisedCase, today=None) -> dict:
    return {
        "id": item.pk, "case_id": item.case_id, "case": str(item.case), "case_title": item.case.title,
        "agency": item.case.agency.name,
        "supervisor_agency": item.supervisor_agency.name, "state": item.state,
        "state_label": str(CASE_STATES.get(item.state, item.state)), "interval_days": item.interval_days,
        "deadline": item.deadline, "next_report_due": item.next_report_due, "late_reports": item.late_reports,
        "last_report_on": item.last_report_on, "stage": item.stage, "stage_label": item.get_stage_display(),
        "publicised": item.publicised, "sites_closed": item.sites_closed, "light": case_light(item, today),
        "version": item.version, "instructions": item.instructions, "created_at": item.created_at,
    }


def supervised_case_out(item: SupervisedCase, user) -> dict:
    return {
        **supervised_case_row(item),
        "steps": [step_row(SUPERVISED_CASE, s) for s in item.steps.all()],
        "deadlines": deadline_rows(SUPERVISED_CASE, item, user),
        "pending_approval": approval_row(SUPERVISED_CASE, item),
        "available_actions": available_actions(SUPERVISED_CASE, item, user),
    }


def order_row(order: SupervisionOrder) -> dict:
    return {
        "id": order.pk, "issuer": order.issuer.name, "target": order.target.name, "case_id": order.case_id,
        "case": str(order.case) if order.case_id else None, "matter": order.matter,
        "explanation": order.explanation, "decision": order.decision, "correct_by": order.correct_by,
        "decided_on": order.decided_on, "corrected_on": order.corrected_on, "state": order.state,
        "state_label": str(ORDER_STATES.get(order.state, order.state)), "version": order.version,
        "created_at": order.created_at,
    }


def order_out(order: SupervisionOrder, user) -> dict:
    return {
        **order_row(order),
        "steps": [step_row(ORDER, s) for s in order.steps.all()],
        "deadlines": deadline_rows(ORDER, order, user),
        "pending_approval": approval_row(ORDER, order),
        "available_actions": available_actions(ORDER, order, user),
    }
