"""Every "may this user …" answer of programs: funding, the policy ledger and the registries are the work of
market-regulation and IP-office staff; officers enter and handle, unit heads and heads approve and decide."""
from ipenforce.orgs.choices import AgencyKind, Role

STAFF_KINDS = {AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE}


def _staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.agency_id
                and user.agency.kind in STAFF_KINDS)


def reads_programs(user) -> bool:
    """The programs pages (menu): superusers and the bureau's and IP office's staff."""
    return bool(user and user.is_authenticated and user.is_superuser) or _staff(user)


def manages_programs(user) -> bool:
    """Publish calls, enter applications, import ledgers, keep the registries."""
    return _staff(user) and user.has_role(Role.CASE_OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD)


def may_manage_at(user, agency) -> bool:
    return manages_programs(user) and agency.path.startswith(user.agency.path)


def applies_for_funding(user) -> bool:
    """An enterprise's own account (an outside organisation of rights holders) applies for funding itself and sees
    only its own applications."""
    return bool(user and user.is_authenticated and user.is_active and user.agency_id
                and user.agency.kind == AgencyKind.RIGHTS_HOLDER and user.has_role(Role.RIGHTS_HOLDER_AGENT))


def reads_funding(user) -> bool:
    """The funding calls and applications pages: the staff, and enterprises applying themselves."""
    return reads_programs(user) or applies_for_funding(user)


def may_submit_for(user, call) -> bool:
    """Staff enter applications at the call's agency; an enterprise submits its own."""
    return may_manage_at(user, call.agency) or applies_for_funding(user)
