"""What each action changes on the case beyond its state: dates, amounts, numbers, deadlines, payments.

Called by `perform` inside its transaction after the guards passed; `payload` is already typed.
"""
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from ipenforce.cases import penalty
from ipenforce.cases.choices import Outcome
from ipenforce.cases.models import AppealPeriod, Case, Measure, Payment
from ipenforce.cases.selectors import outstanding, primary_party
from ipenforce.cases.services.deadlines import (
    case_deadlines_refresh, deadline_extend, deadline_pause, deadline_start, deadline_stop, deadline_unpause,
)
from ipenforce.cases.services.numbers import case_number_allocate
from ipenforce.orgs.models import User

T1, T2, T3, T4 = "admin.lead_verification", "admin.decision_ordinary", "admin.review", "admin.statement_period"
T6, T7, T15 = "admin.decision_service", "admin.fine_payment", "admin.publicity"
T10, T11 = "admin.evidence_preservation", "admin.seizure"
# Testing and appraisal time does not count toward these limits (legal-rules.md T1, T2, T11).
PAUSED_BY_TESTING = (T1, T2, T11)


def _assign_officers(case: Case, actor, payload, today):
    case.officers.set(User.objects.filter(pk__in=payload["officers"]))
    case_deadlines_refresh(case=case, actor=actor)


def _triage(case: Case, actor, payload, today):
    case.procedure, case.triage_reason = payload["procedure"], payload["reason"]


def _file(case: Case, actor, payload, today):
    case.filed_on = today
    case_number_allocate(case=case, year=today.year)
    deadline_stop(case=case, rule=T1, on=today, actor=actor)
    deadline_start(case=case, rule=T2, start=today, actor=actor)


def _not_file(case: Case, actor, payload, today):
    deadline_stop(case=case, rule=T1, on=today, actor=actor)


def _simple_decide(case: Case, actor, payload, today):
    decided_on = payload["decided_on"]
    case.outcome, case.decided_on, case.served_on = Outcome.PENALTY, decided_on, decided_on
    case.is_warning = payload["penalty"] == "warning"
    case.fine = payload["fine"] if payload["penalty"] == "fine" else None
    case.findings = payload["facts"]
    case_number_allocate(case=case, year=decided_on.year)
    deadline_stop(case=case, rule=T1, on=decided_on, actor=actor)
    if case.fine:
        _start_payment(case, decided_on, actor)


def _start_payment(case: Case, served_on: date, actor):
    deadline = deadline_start(case=case, rule=T7, start=served_on, actor=actor)
    case.payment_due_on = deadline.due_on


def _suspend(case, actor, payload, today):
    deadline_pause(case=case, rule=T2, start=today, actor=actor)


def _resume(case, actor, payload, today):
    deadline_unpause(case=case, rule=T2, end=today - timedelta(days=1), actor=actor)


def _extend_verification(case, actor, payload, today):
    deadline_extend(case=case, rule=T1, actor=actor)


def _extend_decision(case, actor, payload, today):
    deadline_extend(case=case, rule=T2, actor=actor)


def _extend_decision_further(case, actor, payload, today):
    deadline_extend(case=case, rule=T2, actor=actor, due_on=payload["due_on"])


def _submit_report(case, actor, payload, today):
    case.findings = payload["findings"]
    case.proposed_fine, case.proposed_confiscation = payload["proposed_fine"], payload["proposed_confiscation"]
    deadline_start(case=case, rule=T3, start=today, actor=actor)


def _review(case, actor, payload, today):
    case.legal_reviewed_at = timezone.now()
    deadline_stop(case=case, rule=T3, on=today, actor=actor)


def _review_return(case, actor, payload, today):
    case.legal_reviewed_at = None
    deadline_stop(case=case, rule=T3, on=today, actor=actor)


def _serve_notice(case, actor, payload, today):
    party = primary_party(case)
    case.notice_served_on, case.notified_fine = payload["served_on"], case.proposed_fine
    case.hearing_right = penalty.hearing_right(party.kind, payload["served_on"], case.proposed_fine,
                                               case.proposed_confiscation)
    deadline_start(case=case, rule=T4, start=payload["served_on"], actor=actor)


def _request_hearing(case, actor, payload, today):
    deadline_stop(case=case, rule=T4, on=payload["requested_on"], actor=actor)
    deadline_pause(case=case, rule=T2, start=payload["requested_on"], actor=actor)


def _schedule_hearing(case, actor, payload, today):
    case.hearing_notified_on, case.hearing_on = payload["notified_on"], payload["hearing_on"]


def _hold_hearing(case, actor, payload, today):
    case.hearing_held_on = payload["held_on"]
    case.legal_reviewed_at = None  # a case that went through a hearing needs legal review (APL art. 58)
    deadline_unpause(case=case, rule=T2, end=payload["held_on"], actor=actor)
    deadline_start(case=case, rule=T3, start=today, actor=actor)


def _end_statement(case, actor, payload, today):
    deadline_stop(case=case, rule=T4, on=today, actor=actor)


def _collective_discussion(case, actor, payload, today):
    case.collective_discussed_at = timezone.now()


def _decide(case, actor, payload, today):
    case.outcome, case.decided_on = payload["outcome"], today
    penalised = payload["outcome"] == Outcome.PENALTY
    case.fine = payload["fine"] if penalised else None
    case.confiscation = payload["confiscation"] if penalised else None
    case.decision_reason = payload["reason"] or ""
    deadline_stop(case=case, rule=T2, on=today, actor=actor)
    if payload["outcome"] in (Outcome.PENALTY, Outcome.NO_PENALTY):
        deadline_start(case=case, rule=T6, start=today, actor=actor)
    if penalty.decision_is_publicised(case.procedure, case.outcome):
        deadline_start(case=case, rule=T15, start=today, actor=actor)


def _serve_decision(case, actor, payload, today):
    case.served_on, case.service_method = payload["served_on"], payload["method"]
    deadline_stop(case=case, rule=T6, on=payload["served_on"], actor=actor)
    if case.amount_due > 0:
        _start_payment(case, payload["served_on"], actor)


def _payment_plan(case, actor, payload, today):
    case.payment_plan = [{"due_on": r["due_on"].isoformat(), "amount": str(r["amount"])} for r in payload["schedule"]]
    case.payment_due_on = payload["schedule"][-1]["due_on"]
    deadline_extend(case=case, rule=T7, actor=actor, due_on=case.payment_due_on)


def _appeal_start(case, actor, payload, today):
    AppealPeriod.objects.create(case=case, kind=payload["kind"], body=payload["body"], started_on=payload["started_on"])


def _appeal_end(case, actor, payload, today):
    AppealPeriod.objects.filter(case=case, ended_on__isnull=True).update(ended_on=payload["ended_on"],
                                                                        outcome=payload["outcome"])


def _record_payment(case, actor, payload, today):
    remaining, surcharge = outstanding(case, payload["paid_on"])
    # Payments settle the surcharge accrued so far before the fine; record only the part not settled earlier.
    settled = sum((p.surcharge for p in case.payments.all()), Decimal(0))
    Payment.objects.create(case=case, amount=payload["amount"], paid_on=payload["paid_on"],
                           receipt_no=payload["receipt_no"] or "",
                           surcharge=max(min(surcharge - settled, payload["amount"]), Decimal(0)), recorded_by=actor)
    if payload["amount"] >= remaining:
        deadline_stop(case=case, rule=T7, on=payload["paid_on"], actor=actor)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _open_measure(case, kind) -> Measure:
    return Measure.objects.get(case=case, kind=kind, ended_on__isnull=True)


def _end_measure(case, kind, on: date, outcome: str) -> None:
    measure = _open_measure(case, kind)
    measure.ended_on, measure.outcome = on, outcome[:500]
    measure.save(update_fields=["ended_on", "outcome"])


def _preserve(case, actor, payload, today):
    Measure.objects.create(case=case, kind=Measure.PRESERVATION, items=_lines(payload["items"]),
                           place=payload["place"], started_on=today)
    deadline_start(case=case, rule=T10, start=today, actor=actor)


def _preservation_decide(case, actor, payload, today):
    _end_measure(case, Measure.PRESERVATION, today, f"{payload['outcome']} {payload['note'] or ''}".strip())
    deadline_stop(case=case, rule=T10, on=today, actor=actor)


def _seize(case, actor, payload, today):
    Measure.objects.create(case=case, kind=Measure.SEIZURE, items=_lines(payload["items"]), place=payload["place"],
                           started_on=today)
    deadline_start(case=case, rule=T11, start=today, actor=actor)


def _extend_seizure(case, actor, payload, today):
    deadline_extend(case=case, rule=T11, actor=actor)


def _release_seizure(case, actor, payload, today):
    _end_measure(case, Measure.SEIZURE, today, payload["outcome"])
    deadline_stop(case=case, rule=T11, on=today, actor=actor)


def _testing_start(case, actor, payload, today):
    Measure.objects.create(case=case, kind=Measure.TESTING, items=_lines(payload["items"]), place=payload["place"],
                           started_on=payload["started_on"])
    for rule in PAUSED_BY_TESTING:
        deadline_pause(case=case, rule=rule, start=payload["started_on"], actor=actor)


def _testing_end(case, actor, payload, today):
    _end_measure(case, Measure.TESTING, payload["ended_on"], payload["outcome"])
    for rule in PAUSED_BY_TESTING:
        deadline_unpause(case=case, rule=rule, end=payload["ended_on"], actor=actor)


def _publish(case, actor, payload, today):
    case.published_on = payload["published_on"]
    deadline_stop(case=case, rule=T15, on=payload["published_on"], actor=actor)


def _close(case, actor, payload, today):
    case.closed_on = today


def _archive(case, actor, payload, today):
    case.archived_on = today


EFFECTS = {
    "assign_officers": _assign_officers, "triage": _triage, "file": _file, "not_file": _not_file,
    "simple_decide": _simple_decide, "suspend": _suspend, "resume": _resume,
    "extend_verification": _extend_verification, "extend_decision": _extend_decision,
    "extend_decision_further": _extend_decision_further, "submit_report": _submit_report,
    "review_pass": _review, "review_return": _review_return, "serve_notice": _serve_notice,
    "request_hearing": _request_hearing, "schedule_hearing": _schedule_hearing, "hold_hearing": _hold_hearing,
    "end_statement": _end_statement, "collective_discussion": _collective_discussion, "decide": _decide,
    "serve_decision": _serve_decision, "payment_plan": _payment_plan, "appeal_start": _appeal_start,
    "appeal_end": _appeal_end, "record_payment": _record_payment, "publish": _publish, "close": _close,
    "archive": _archive, "preserve": _preserve, "preservation_decide": _preservation_decide, "seize": _seize,
    "extend_seizure": _extend_seizure, "release_seizure": _release_seizure, "testing_start": _testing_start,
    "testing_end": _testing_end,
}
