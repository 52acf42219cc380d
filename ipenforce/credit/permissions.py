"""Every "may this user …" answer about credit supervision, for views, the API, services and menus alike."""
from ipenforce.cases.workflow import CASE, OFFICERS, UNIT_HEAD
from ipenforce.orgs.choices import JUSTICE_KINDS, OVERSIGHT_KINDS, Role
from ipenforce.workflow import permissions

# Cases in which a listing may still be proposed together with the penalty ([SL44] art 13): up to the decision.
LISTABLE_CASE_STATES = {"investigating", "reviewing", "notifying", "statement", "hearing", "deciding"}


def reads_credit(user) -> bool:
    """The credit pages (menu): market-regulation staff and oversight bodies; not the police or the courts."""
    return user.is_superuser or bool(
        user.is_authenticated and user.agency_id
        and (user.agency.kind not in JUSTICE_KINDS - OVERSIGHT_KINDS or user.agency.kind in OVERSIGHT_KINDS))


def handles_case(user, case) -> bool:
    """The case's officers (or its unit head) act for the case unit ("谁办案、谁录入、谁负责", [PUB45] art 16)."""
    return any(permissions.is_actor(CASE, case, actor, user) for actor in (OFFICERS, UNIT_HEAD))


def may_propose_listing(user, case) -> bool:
    return handles_case(user, case)


def may_record_repair(user, case) -> bool:
    """The bureau that published or listed records a party's repair application or objection."""
    return handles_case(user, case)


def sees_city_counts(user) -> bool:
    """Supervisors (and oversight bodies) see how many cases a party has across the city, not only their own."""
    return user.is_superuser or bool(user.is_authenticated and user.agency_id and (
        user.agency.kind in OVERSIGHT_KINDS or user.has_role(Role.SUPERVISOR)))
