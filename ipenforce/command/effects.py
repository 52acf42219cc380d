"""What each step of an assignment or an assistance request changes beyond its state and clocks: the period
counted from receipt, the receiver's copy of an assigned lead (its origin kept), the report, the new assignment
of a reassignment or designation, the answer. Called by the workflow engine inside its transaction."""
from datetime import datetime, time

from django.utils import timezone

from ipenforce.cases.choices import Source, State
from ipenforce.cases.services.leads import CASE_FIELDS, PARTY_FIELDS, RIGHT_FIELDS, case_register
from ipenforce.command.models import Assignment, AssignmentKind, AssistanceRequest, CaseLink, JointOperation
from ipenforce.core.calendar import calendar_for
from ipenforce.core.clock import add_working_days
from ipenforce.workflow.services import create


def _copy_lead(assignment: Assignment, actor) -> None:
    """The assigned lead becomes a lead of the receiver (source 上级交办), discovered on the day of receipt."""
    origin = assignment.case
    data = {name: getattr(origin, name) for name in CASE_FIELDS}
    data.update(source=Source.ASSIGNED, discovered_on=timezone.localdate())
    parties = [{name: getattr(p, name) for name in PARTY_FIELDS} for p in origin.parties.all()]
    rights = [{name: getattr(r, name) for name in RIGHT_FIELDS} for r in origin.rights.all()]
    copy = case_register(actor=actor, data=data, parties=parties, rights=rights,
                         campaign_ids=list(origin.campaigns.values_list("pk", flat=True)))
    CaseLink.objects.create(kind=CaseLink.ASSIGNED_LEAD, assignment=assignment, origin=origin, created=copy)


def _receive(assignment: Assignment, ctx):
    assignment.received_at = ctx.now
    assignment.due_on = add_working_days(calendar_for(ctx.today), ctx.today, assignment.reply_within_days)
    if assignment.kind == AssignmentKind.LEAD and assignment.case_id and assignment.case.state == State.VERIFYING:
        _copy_lead(assignment, ctx.actor)


def _request_extension(assignment: Assignment, ctx):
    assignment.due_on = ctx.payload["new_due"]
    assignment.escalated_at = None


def _report(assignment: Assignment, ctx):
    assignment.outcome = ctx.payload["outcome"]
    assignment.outcome_case_number = (ctx.payload.get("case_number") or "").strip()
    assignment.report = ctx.payload["report"]


def _hand_on(designated: bool):
    def effect(assignment: Assignment, ctx):
        following = Assignment(
            assigner=assignment.assigner, receiver=ctx.facts.chosen, kind=assignment.kind, case=assignment.case,
            title=assignment.title, instructions=assignment.instructions,
            feedback_wanted=assignment.feedback_wanted, reply_within_days=assignment.reply_within_days,
            designated=designated, previous=assignment, created_by=ctx.actor)
        create(procedure="assignment", subject=following, action="reissue", actor=ctx.actor,
               comment=ctx.payload.get("reason") or "")
    return effect


ASSIGNMENT_EFFECTS = {
    "receive": _receive, "request_extension": _request_extension, "report": _report,
    "reassign": _hand_on(False), "designate": _hand_on(True),
}


def _receive_letter(request: AssistanceRequest, ctx):
    request.received_at = ctx.now


def _answer(request: AssistanceRequest, ctx):
    request.answer = ctx.payload["answer"]
    request.answered_at = ctx.now


def _record_answer(request: AssistanceRequest, ctx):
    request.answer = ctx.payload["answer"]
    request.answered_at = timezone.make_aware(datetime.combine(ctx.payload["answered_on"], time(12)))


ASSISTANCE_EFFECTS = {"receive": _receive_letter, "answer": _answer, "record_answer": _record_answer}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _record(operation: JointOperation, ctx):
    if ctx.payload.get("places"):
        operation.places = [*operation.places, *_lines(ctx.payload["places"])]
    if ctx.payload.get("seized_goods"):
        operation.seized_goods = [*operation.seized_goods, *_lines(ctx.payload["seized_goods"])]


def _operation_report(operation: JointOperation, ctx):
    operation.report = ctx.payload["report"]
    operation.reported_at = ctx.now


OPERATION_EFFECTS = {"record": _record, "report": _operation_report}
