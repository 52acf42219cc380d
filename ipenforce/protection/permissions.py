"""Every "may this user …" answer of the protection centre's desk: who registers or files a complaint, who reads
the desk, who speaks for a platform, who sets the centre's targets."""
from ipenforce.orgs.choices import AgencyKind, Role
from ipenforce.orgs.permissions import active


def _kind(user) -> str:
    return user.agency.kind if active(user) and user.agency_id else ""


def registers_complaints(user) -> bool:
    """The centre's staff register complaints (from anyone); a rights holder's users file their own."""
    return (_kind(user) == AgencyKind.PROTECTION_CENTRE and user.has_role(Role.CENTRE_STAFF)) or files_complaints(user)


def files_complaints(user) -> bool:
    return _kind(user) == AgencyKind.RIGHTS_HOLDER and user.has_role(Role.RIGHTS_HOLDER_AGENT)


def speaks_for_platform(user) -> bool:
    """A platform's own users answer the notices addressed to it (also through the API with a token)."""
    return _kind(user) == AgencyKind.ECOMMERCE_PLATFORM and user.has_role(Role.PLATFORM_AGENT)


def reads_desk(user) -> bool:
    """The protection desk (menu): the centre, rights holders, platforms, the bureaus, oversight bodies and the
    courts (the mediations they assign or entrust)."""
    if not active(user):
        return False
    return user.is_superuser or _kind(user) in (
        AgencyKind.PROTECTION_CENTRE, AgencyKind.RIGHTS_HOLDER, AgencyKind.ECOMMERCE_PLATFORM,
        AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE, AgencyKind.SUPERVISORY_COMMISSION,
        AgencyKind.LEGAL_AFFAIRS, AgencyKind.PROCURATORATE, AgencyKind.COURT)


def sets_targets(user) -> bool:
    """The centre's head or administrator sets its own working targets (C-09)."""
    return _kind(user) == AgencyKind.PROTECTION_CENTRE and user.has_role(Role.AGENCY_HEAD, Role.SYSADMIN)


def reads_statistics(user) -> bool:
    """The centre's figures (complaints, takedowns, days to close): the centre's own users."""
    return active(user) and (user.is_superuser or _kind(user) == AgencyKind.PROTECTION_CENTRE)


def keeps_roster(user) -> bool:
    """The centre's staff keep its mediators' roster (the centre is the mediation organisation)."""
    return _kind(user) == AgencyKind.PROTECTION_CENTRE and user.has_role(Role.CENTRE_STAFF, Role.AGENCY_HEAD)


def reads_roster(user) -> bool:
    return active(user) and (user.is_superuser or _kind(user) in (AgencyKind.PROTECTION_CENTRE, AgencyKind.COURT))


def checks_registrations(user) -> bool:
    """Outside organisations' applications for an account: the centre's staff check identities and decide."""
    return (_kind(user) == AgencyKind.PROTECTION_CENTRE and user.has_role(Role.CENTRE_STAFF)) or (
        active(user) and user.is_superuser)
