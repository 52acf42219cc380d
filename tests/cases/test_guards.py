"""Each guard of the workflow, on plain facts without a database (the state machine is plain Python)."""
from datetime import date
from decimal import Decimal

import pytest

from ipenforce.cases.workflow import CASE, Facts
from ipenforce.workflow.definitions import check

ACTIONS = CASE.actions

TODAY = date(2026, 11, 24)


def refused(action: str, payload: dict | None = None, **facts) -> str | None:
    base = {"state": next(iter(ACTIONS[action].from_states)), "procedure": "ordinary", "today": TODAY,
            "valid_officers": 2, "parties": 1, "rights": 1}
    refusal = check(ACTIONS[action], Facts(**{**base, **facts}), payload or {})
    return refusal.code if refusal else None


def test_wrong_state():
    assert refused("file", state="investigating") == "wrong_state"


@pytest.mark.parametrize("facts,code", [
    ({"procedure": ""}, "triage_required"),
    ({"valid_officers": 1}, "officers_required"),
    ({"parties": 0}, "party_required"),
    ({"rights": 0}, "right_required"),
    ({}, None),
])
def test_filing_needs_triage_two_certified_officers_a_party_and_a_right(facts, code):
    assert refused("file", **facts) == code


def test_officer_assignment_checks_each_candidate():
    assert refused("assign_officers", candidate_officers=[("李", True)]) == "officers_required"
    assert refused("assign_officers", candidate_officers=[("李", True), ("王", False)]) == "officer_not_qualified"
    assert refused("assign_officers", candidate_officers=[("李", True), ("王", True)]) is None


def test_simple_procedure_refused_when_fine_is_computed_from_amounts():
    assert refused("triage", {"procedure": "simple"}, has_computed_amounts=True) == "simple_procedure_not_allowed"
    assert refused("triage", {"procedure": "ordinary"}, has_computed_amounts=True) is None


def test_simple_decision_limit_and_fine_required():
    base = {"state": "simple", "procedure": "simple", "simple_fine_limit": Decimal(3000)}
    assert refused("simple_decide", {"penalty": "fine", "fine": Decimal("3000.01")},
                   **base) == "simple_procedure_fine_limit"
    assert refused("simple_decide", {"penalty": "fine", "fine": None}, **base) == "fine_required"
    assert refused("simple_decide", {"penalty": "warning"}, **base) is None
    assert refused("simple_decide", {"penalty": "fine", "fine": Decimal(10), "decided_on": date(2026, 11, 25)},
                   **base) == "date_in_future"


def test_extensions_once_then_collective_discussion():
    assert refused("extend_verification", verification_extensions=1, verification_extensions_allowed=1) \
        == "verification_extension_used"
    assert refused("extend_decision", decision_extensions=1, decision_extensions_allowed=1) == "decision_extension_used"
    later = {"due_on": date(2027, 3, 1)}
    assert refused("extend_decision_further", later, decision_extensions=0, decision_extensions_allowed=1) \
        == "decision_extension_first"
    assert refused("extend_decision_further", {"due_on": date(2026, 12, 1)}, decision_extensions=1,
                   decision_extensions_allowed=1, decision_due=date(2027, 1, 1)) == "due_not_later"
    assert refused("extend_decision_further", later, decision_extensions=1, decision_extensions_allowed=1,
                   decision_due=date(2027, 1, 1)) is None


def test_proposed_fine_must_be_in_the_legal_range():
    rng = (Decimal(60000), Decimal(300000))
    assert refused("submit_report", {"proposed_fine": Decimal(50000)}, fine_range=rng) == "fine_out_of_range"
    assert refused("submit_report", {"proposed_fine": Decimal(60000)}, fine_range=rng) is None


def test_investigator_cannot_review_own_case():
    assert refused("review_pass", actor_is_investigator=True) == "reviewer_is_investigator"
    assert refused("review_return", actor_is_investigator=True) == "reviewer_is_investigator"


def test_hearing_guards():
    assert refused("request_hearing", {"requested_on": TODAY}, hearing_right=False) == "no_hearing_right"
    assert refused("request_hearing", {"requested_on": TODAY}, hearing_right=True,
                   statement_due=date(2026, 11, 23)) == "hearing_request_late"
    assert refused("hold_hearing", {"held_on": TODAY}, hearing_scheduled=False) == "hearing_not_scheduled"
    assert refused("hold_hearing", {"held_on": date(2026, 11, 20)}, hearing_scheduled=True,
                   hearing_on=date(2026, 11, 23)) == "hearing_before_notice"


def test_statement_period_must_run_out_unless_waived():
    assert refused("end_statement", {"waived": False}, statement_due=TODAY) == "statement_period_running"
    assert refused("end_statement", {"waived": True}, statement_due=TODAY) is None
    assert refused("end_statement", {"waived": False}, statement_due=date(2026, 11, 23)) is None


@pytest.mark.parametrize("payload,facts,code", [
    ({"outcome": "penalty", "fine": Decimal(1)}, {"legal_review_required": True}, "legal_review_required"),
    ({"outcome": "penalty", "fine": Decimal(1)}, {"collective_required": True}, "collective_discussion_required"),
    ({"outcome": "penalty", "fine": Decimal(2)}, {"notified_fine": Decimal(1)}, "fine_above_notice"),
    ({"outcome": "penalty", "fine": Decimal(5)}, {"fine_range": (Decimal(10), Decimal(20))}, "fine_out_of_range"),
    ({"outcome": "penalty", "fine": Decimal(20)}, {"fine_range": (Decimal(10), Decimal(20))}, "reason_required"),
    ({"outcome": "penalty", "fine": Decimal(20), "reason": "情节严重"}, {"fine_range": (Decimal(10), Decimal(20))},
     None),
    ({"outcome": "transfer_police"}, {"legal_review_required": True}, "legal_review_required"),
    ({"outcome": "transfer_police"}, {"legal_review_required": True, "legal_review_done": True}, None),
])
def test_decision_guards(payload, facts, code):
    assert refused("decide", payload, **facts) == code


def test_service_not_before_decision():
    assert refused("serve_decision", {"served_on": date(2026, 11, 1)}, decided_on=date(2026, 11, 2)) \
        == "served_before_decision"


def test_payment_plan_and_payments():
    plan = [{"due_on": date(2026, 12, 31), "amount": Decimal(400)},
            {"due_on": date(2027, 1, 31), "amount": Decimal(500)}]
    assert refused("payment_plan", {"schedule": plan}, outstanding=Decimal(1000)) == "plan_total_mismatch"
    past = [{"due_on": TODAY, "amount": Decimal(1000)}]
    assert refused("payment_plan", {"schedule": past}, outstanding=Decimal(1000)) == "plan_date_past"
    assert refused("payment_plan", {"schedule": plan}, outstanding=Decimal(900)) is None
    assert refused("record_payment", {"amount": Decimal(901)}, outstanding=Decimal(900)) == "payment_above_outstanding"
    assert refused("appeal_start", {}, appeal_open=True) == "appeal_open"
    assert refused("appeal_end", {}, appeal_open=False) == "no_open_appeal"


def test_publicity_and_closing():
    assert refused("publish", {}, publicity_required=False) == "publicity_not_applicable"
    assert refused("publish", {}, publicity_required=True, published=True) == "already_published"
    assert refused("close", {}, publicity_required=True, published=False) == "publicity_required"
    assert refused("close", {}, publicity_required=True, published=True) is None
