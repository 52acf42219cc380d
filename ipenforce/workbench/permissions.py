"""Every "may this user …" answer of the workbench: the command view (指挥调度)."""
from ipenforce.orgs.choices import AgencyKind, Role

COMMAND_ROLES = (Role.AGENCY_HEAD, Role.UNIT_HEAD, Role.SUPERVISOR)
ENFORCEMENT_KINDS = (AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE)


def may_command(user) -> bool:
    """Heads and supervisors of an enforcement agency see its units on one screen (answered without a query: it
    is on every page's menu)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or (user.agency_id is not None and user.agency.kind in ENFORCEMENT_KINDS
                                 and user.has_role(*COMMAND_ROLES))
