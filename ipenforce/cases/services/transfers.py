"""What the hand-over to the police does to the administrative case: it waits while the police hold it and
resumes where it was when they send it back (反向衔接, D310 arts.10, 13; APL art.27)."""
from ipenforce.cases.choices import State
from ipenforce.cases.models import Case
from ipenforce.cases.services.steps import case_step_record
from ipenforce.core.audit import audit_append

TRANSFERABLE_STATES = {State.VERIFYING, State.INVESTIGATING, State.SUSPENDED, State.REVIEWING, State.NOTIFYING,
                       State.STATEMENT, State.HEARING, State.DECIDING}


def _move(case: Case, actor, to_state: str, action: str, comment: str) -> None:
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = case.state
    case.state, case.version = to_state, case.version + 1
    case.save(update_fields=["state", "version", "updated_at"])
    step = case_step_record(case=case, actor=actor, action=action, comment=comment)
    step.from_state = before
    step.save(update_fields=["from_state"])
    audit_append(actor=actor, action=f"case.{action}", target=case, before={"state": before}, after={"state": to_state})


def case_transferred(*, case: Case, actor, comment: str) -> str:
    """Mark the case as held by the police; returns the state it had, to resume later."""
    before = Case.objects.get(pk=case.pk).state
    _move(case, actor, State.TRANSFERRED, "transferred", comment)
    return before


def case_resume(*, case: Case, actor, state: str, comment: str) -> None:
    _move(case, actor, state, "returned", comment)
