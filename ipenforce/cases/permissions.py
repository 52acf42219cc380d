"""Every "may this user …" answer about cases, for views, the API, services and menus alike."""
from ipenforce.cases.choices import State
from ipenforce.cases.workflow import AGENCY_HEAD, CASE, LEGAL, OFFICERS, UNIT_HEAD
from ipenforce.orgs.choices import JUSTICE_KINDS, OUTSIDE_KINDS, OVERSIGHT_KINDS, AgencyKind, Role
from ipenforce.workflow import permissions

# Details, parties and rights can be changed until the investigation report (调查终结).
EDITABLE_STATES = {State.VERIFYING, State.SIMPLE, State.INVESTIGATING, State.SUSPENDED}
APPROVER_ROLES = (Role.UNIT_HEAD, Role.AGENCY_HEAD)


def may_register(user) -> bool:
    """Officers and unit heads register leads (案源登记) at their own agency."""
    return bool(user.is_authenticated and user.agency_id and user.has_role(Role.CASE_OFFICER, Role.UNIT_HEAD))


def may_edit(user, case) -> bool:
    """The case's officers (or, before any are assigned, its agency's) and its unit head, until the report."""
    return case.state in EDITABLE_STATES and any(
        permissions.is_actor(CASE, case, actor, user) for actor in (OFFICERS, UNIT_HEAD))


def needs_personal_data(user, case) -> bool:
    """Those who handle the case — its officers, unit head, head and legal reviewer, wherever the engine resolves
    them (a 所's case: its bureau's heads) — see parties in full (they serve documents, call, visit); supervisors,
    other agencies, the police, procuratorates and courts see them masked."""
    return any(permissions.is_actor(CASE, case, actor, user) for actor in (OFFICERS, UNIT_HEAD, AGENCY_HEAD, LEGAL))


def reads_cases(user) -> bool:
    """Whether the case list can show this user anything (police and courts see transfers, not cases)."""
    return user.is_superuser or (user.agency is not None and user.agency.kind not in JUSTICE_KINDS - OVERSIGHT_KINDS
                                 and user.agency.kind not in OUTSIDE_KINDS)


def approves(user) -> bool:
    """Whether the user may be asked to approve (the 待我审批 menu)."""
    return bool(user.agency_id and user.has_role(*APPROVER_ROLES))


def may_import_cases(user) -> bool:
    """Bringing a legacy system's closed cases in (批量导入) is the work of a unit head, a head or a system
    administrator of a market-regulation bureau."""
    return bool(user.is_authenticated and user.agency_id and user.agency.kind == AgencyKind.MARKET_REGULATION
                and user.has_role(Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.SYSADMIN))
