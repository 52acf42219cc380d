"""Every "may this user …" answer about evidence."""
from ipenforce.cases.choices import State
from ipenforce.cases.workflow import CASE, OFFICERS
from ipenforce.workflow.permissions import is_actor

CLOSED_STATES = {State.CLOSED, State.ARCHIVED, State.NOT_FILED}


def may_handle_evidence(user, case) -> bool:
    """The case's officers (before any are assigned: its agency's) register evidence until it is closed."""
    return case.state not in CLOSED_STATES and is_actor(CASE, case, OFFICERS, user)
