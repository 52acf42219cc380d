"""What each case action changes on the case beyond its state and the clocks its declaration names: dates,
amounts, numbers, measures, payments.

Called by `workflow.services` inside its transaction after the guards passed and the clocks ran; `ctx.payload`
is already typed.
"""
from decimal import Decimal

from django.utils import timezone

from ipenforce.cases import penalty
from ipenforce.cases.choices import Outcome
from ipenforce.cases.models import AppealPeriod, Case, Measure, Payment
from ipenforce.cases.selectors import outstanding, primary_party
from ipenforce.cases.services.numbers import case_number_allocate
from ipenforce.cases.workflow import T7
from ipenforce.orgs.models import User
from ipenforce.workflow.selectors import latest_deadline


def _payment_due(case: Case) -> None:
    deadline = latest_deadline(case, T7)
    case.payment_due_on = deadline.due_on if deadline else None


def _assign_officers(case: Case, ctx):
    case.officers.set(User.objects.filter(pk__in=ctx.payload["officers"]))


def _triage(case: Case, ctx):
    case.procedure, case.triage_reason = ctx.payload["procedure"], ctx.payload["reason"]


def _file(case: Case, ctx):
    case.filed_on = ctx.today
    case_number_allocate(case=case, year=ctx.today.year)


def _simple_decide(case: Case, ctx):
    payload = ctx.payload
    decided_on = payload["decided_on"]
    case.outcome, case.decided_on, case.served_on = Outcome.PENALTY, decided_on, decided_on
    case.is_warning = payload["penalty"] == "warning"
    case.fine = payload["fine"] if payload["penalty"] == "fine" else None
    case.findings = payload["facts"]
    case_number_allocate(case=case, year=decided_on.year)
    if case.fine:
        _payment_due(case)


def _submit_report(case, ctx):
    case.findings = ctx.payload["findings"]
    case.proposed_fine, case.proposed_confiscation = ctx.payload["proposed_fine"], ctx.payload["proposed_confiscation"]


def _review(case, ctx):
    case.legal_reviewed_at = timezone.now()


def _review_return(case, ctx):
    case.legal_reviewed_at = None


def _serve_notice(case, ctx):
    served_on = ctx.payload["served_on"]
    case.notice_served_on, case.notified_fine = served_on, case.proposed_fine
    case.hearing_right = penalty.hearing_right(primary_party(case).kind, served_on, case.proposed_fine,
                                               case.proposed_confiscation)


def _schedule_hearing(case, ctx):
    case.hearing_notified_on, case.hearing_on = ctx.payload["notified_on"], ctx.payload["hearing_on"]


def _hold_hearing(case, ctx):
    case.hearing_held_on = ctx.payload["held_on"]
    case.legal_reviewed_at = None  # a case that went through a hearing needs legal review (APL art. 58)


def _collective_discussion(case, ctx):
    case.collective_discussed_at = timezone.now()
    case.collective_minutes = ctx.payload["record"]


def _decide(case, ctx):
    outcome = ctx.payload["outcome"]
    case.decision_reason = ctx.payload["reason"] or ""
    if outcome == Outcome.TRANSFER_POLICE:
        return  # the transfer procedure takes over (linkage); the case is held once it is sent
    case.outcome, case.decided_on = outcome, ctx.today
    penalised = outcome == Outcome.PENALTY
    case.fine = ctx.payload["fine"] if penalised else None
    case.confiscation = ctx.payload["confiscation"] if penalised else None
    case.discretion = (ctx.payload["discretion"] or "") if penalised else ""
    case.review_body, case.court = ctx.payload["review_body"] or "", ctx.payload["court"] or ""
    case.order_to_stop = penalised and ctx.payload["order_to_stop"]
    case.confiscated_goods = _lines(ctx.payload["confiscated_goods"] or "") if penalised else []
    case.confiscated_tools = _lines(ctx.payload["confiscated_tools"] or "") if penalised else []


def _serve_decision(case, ctx):
    case.served_on, case.service_method = ctx.payload["served_on"], ctx.payload["method"]
    if case.amount_due > 0:
        _payment_due(case)


def _payment_plan(case, ctx):
    schedule = ctx.payload["schedule"]
    case.payment_plan = [{"due_on": r["due_on"].isoformat(), "amount": str(r["amount"])} for r in schedule]
    case.payment_due_on = schedule[-1]["due_on"]


def _appeal_start(case, ctx):
    AppealPeriod.objects.create(case=case, kind=ctx.payload["kind"], body=ctx.payload["body"],
                                started_on=ctx.payload["started_on"])


def _appeal_end(case, ctx):
    AppealPeriod.objects.filter(case=case, ended_on__isnull=True).update(
        ended_on=ctx.payload["ended_on"], outcome=ctx.payload["outcome"])


def _record_payment(case, ctx):
    payload = ctx.payload
    _remaining, surcharge = outstanding(case, payload["paid_on"])
    # Payments settle the surcharge accrued so far before the fine; record only the part not settled earlier.
    settled = sum((p.surcharge for p in case.payments.all()), Decimal(0))
    Payment.objects.create(case=case, amount=payload["amount"], paid_on=payload["paid_on"],
                           receipt_no=payload["receipt_no"] or "",
                           surcharge=max(min(surcharge - settled, payload["amount"]),
                                         Decimal(0)), recorded_by=ctx.actor)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _end_measure(case, kind, on, outcome: str) -> None:
    measure = Measure.objects.get(case=case, kind=kind, ended_on__isnull=True)
    measure.ended_on, measure.outcome = on, outcome[:500]
    measure.save(update_fields=["ended_on", "outcome"])


def _start_measure(kind: str, started_on_field: str | None = None):
    def effect(case, ctx):
        started_on = ctx.payload[started_on_field] if started_on_field else ctx.today
        Measure.objects.create(case=case, kind=kind, items=_lines(ctx.payload["items"]), place=ctx.payload["place"],
                               started_on=started_on)
    return effect


def _preservation_decide(case, ctx):
    _end_measure(case, Measure.PRESERVATION, ctx.today, f"{ctx.payload['outcome']} {ctx.payload['note'] or ''}".strip())


def _release_seizure(case, ctx):
    _end_measure(case, Measure.SEIZURE, ctx.today, ctx.payload["outcome"])


def _testing_end(case, ctx):
    _end_measure(case, Measure.TESTING, ctx.payload["ended_on"], ctx.payload["outcome"])


def _publish(case, ctx):
    case.published_on = ctx.payload["published_on"]


def _close(case, ctx):
    case.closed_on = ctx.today


def _record_destruction(case, ctx):
    case.destroyed_on, case.destruction_record = ctx.payload["destroyed_on"], ctx.payload["record"]


def _archive(case, ctx):
    case.archived_on = ctx.today
    case.archive_number, case.retention = ctx.payload["archive_number"], ctx.payload["retention"]


def _hand_over(case, ctx):
    case.outcome = Outcome.TRANSFER_POLICE


def _return_from_police(case, ctx):
    case.outcome = ""


EFFECTS = {
    "assign_officers": _assign_officers, "triage": _triage, "file": _file, "simple_decide": _simple_decide,
    "submit_report": _submit_report, "review_pass": _review, "review_return": _review_return,
    "serve_notice": _serve_notice, "schedule_hearing": _schedule_hearing, "hold_hearing": _hold_hearing,
    "collective_discussion": _collective_discussion, "decide": _decide, "serve_decision": _serve_decision,
    "payment_plan": _payment_plan, "appeal_start": _appeal_start, "appeal_end": _appeal_end,
    "record_payment": _record_payment, "publish": _publish, "close": _close, "archive": _archive,
    "record_destruction": _record_destruction,
    "preserve": _start_measure(Measure.PRESERVATION), "preservation_decide": _preservation_decide,
    "seize": _start_measure(Measure.SEIZURE), "release_seizure": _release_seizure,
    "testing_start": _start_measure(Measure.TESTING, "started_on"), "testing_end": _testing_end,
    "hand_over": _hand_over, "return_from_police": _return_from_police,
}
