"""Every "may this user …" answer about documents and their templates."""
from ipenforce.cases.workflow import CASE, OFFICERS, UNIT_HEAD
from ipenforce.orgs.permissions import administers_top_agency, can_administer
from ipenforce.workflow.permissions import is_actor


def may_generate(user, case) -> bool:
    """The case's officers (before any are assigned: its agency's) and its unit head produce its documents."""
    return any(is_actor(CASE, case, actor, user) for actor in (OFFICERS, UNIT_HEAD))


def reads_templates(user) -> bool:
    """The template list (versions, placeholders): system administrators."""
    return can_administer(user)


def may_change_templates(user) -> bool:
    """Templates are shared by every agency: only a top agency's administrators (and superusers) change them."""
    return administers_top_agency(user)
