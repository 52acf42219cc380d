"""Every "may this user …" answer about command and dispatch: drafting assignments, sending assistance requests,
attaching answer files, taking them into evidence, running joint operations, and the menus."""
from ipenforce.command.workflow import ASSIGNER, ASSIGNMENT, ASSISTANCE, ASSISTED_ANY, REQUESTER
from ipenforce.orgs.choices import OVERSIGHT_KINDS, AgencyKind, Role
from ipenforce.workflow.permissions import is_actor

ENFORCEMENT_KINDS = (AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE)


def _enforcement_officer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.agency_id
                and user.agency.kind in ENFORCEMENT_KINDS and user.has_role(Role.CASE_OFFICER))


def may_assign(user) -> bool:
    """Officers of an enforcement agency with agencies under it draft assignments (the head signs them)."""
    return _enforcement_officer(user) and user.agency.children.filter(is_active=True).exists()


def may_make_notice(user, assignment) -> bool:
    """The assigning agency's officers make the notice of an assignment of a lead or case once it is drafted."""
    return bool(assignment.case_id) and assignment.state != "withdrawn" and is_actor(
        ASSIGNMENT, assignment, ASSIGNER, user)


def may_request_assistance(user) -> bool:
    """Officers of an enforcement agency send assistance requests (协助调查函), in writing (A-09)."""
    return _enforcement_officer(user)


def may_attach_answer(user, request) -> bool:
    """The assisted agency attaches its answer's files; for an agency outside the platform, the requester."""
    if request.state not in ("received", "answered", "outside"):
        return False
    actors = ASSISTED_ANY if request.assisted_id else (REQUESTER,)
    return any(is_actor(ASSISTANCE, request, actor, user) for actor in actors)


def may_file_evidence(user, request) -> bool:
    """The requesting agency's officers take an answer's files into the requesting case's evidence."""
    return bool(request.case_id) and request.state in ("answered", "closed") and is_actor(
        ASSISTANCE, request, REQUESTER, user)


def may_run_operation(user, operation=None) -> bool:
    """Officers of the lead agency plan a joint operation, record it and report it."""
    if not _enforcement_officer(user):
        return False
    return operation is None or user.agency_id == operation.lead_id


def reads_command(user) -> bool:
    """The assistance and joint-operation lists (menu): every agency's users may be addressed."""
    return user.is_superuser or bool(user.is_authenticated and user.agency_id)


def reads_assignments(user) -> bool:
    """The assignment list (menu): assignments pass between enforcement agencies; oversight bodies read them."""
    return user.is_superuser or bool(user.is_authenticated and user.agency_id and (
        user.agency.kind in ENFORCEMENT_KINDS or user.agency.kind in OVERSIGHT_KINDS))
