"""Every "may this user …" answer about supervision: who reads it, who puts a case under supervision, who issues
orders and draws files for review (the supervisors and heads of a superior agency, over their subtree)."""
from ipenforce.orgs.choices import OVERSIGHT_KINDS, AgencyKind, Role

ENFORCEMENT_KINDS = (AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE)
SUPERVISING_ROLES = (Role.SUPERVISOR, Role.AGENCY_HEAD)


def _enforcement_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.agency_id
                and user.agency.kind in ENFORCEMENT_KINDS)


def reads_supervision(user) -> bool:
    """Supervision is the enforcement bureaus' and the oversight bodies' business, not the police's or courts'."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(user.agency_id and (user.agency.kind in ENFORCEMENT_KINDS
                                                         or user.agency.kind in OVERSIGHT_KINDS))


def supervises(user) -> bool:
    """A supervisor or head of an enforcement agency that has agencies under it (the menu and the rule tabs)."""
    return _enforcement_user(user) and user.has_role(*SUPERVISING_ROLES) and user.agency.children.exists()


def is_superior(user, agency) -> bool:
    """The user's agency is a strict ancestor of `agency`."""
    return (agency.path.startswith(user.agency.path) and agency.pk != user.agency_id)


def may_supervise_case(user, case) -> bool:
    return _enforcement_user(user) and user.has_role(*SUPERVISING_ROLES) and is_superior(user, case.agency)


def may_issue_order(user, target) -> bool:
    return (_enforcement_user(user) and user.has_role(Role.SUPERVISOR, Role.AGENCY_HEAD)
            and target.kind in ENFORCEMENT_KINDS and is_superior(user, target))


def may_draw(user, unit) -> bool:
    """Case-file review is drawn by a superior agency's supervisors or heads over a unit below them."""
    return may_issue_order(user, unit)


def may_score(user, draw) -> bool:
    return (_enforcement_user(user) and user.has_role(*SUPERVISING_ROLES)
            and user.agency_id == draw.reviewer_agency_id)


def may_answer_review(user, review) -> bool:
    """The reviewed unit's head or unit head answers the deductions."""
    return (_enforcement_user(user) and user.has_role(Role.AGENCY_HEAD, Role.UNIT_HEAD)
            and user.agency_id == review.draw.unit_id)
