"""Every "may this user …" answer about on-site records and photos."""
from ipenforce.evidence.permissions import may_handle_evidence
from ipenforce.orgs.choices import AgencyKind


def may_write(user, case) -> bool:
    """Records and photos become evidence of the case: its officers write them while it is open (a lead included)."""
    return may_handle_evidence(user, case)


def uses_phone_app(user) -> bool:
    """The phone app (menu) is for market-regulation officers; others have no field work in ipenforce."""
    return bool(user.is_authenticated and user.agency_id and user.agency.kind == AgencyKind.MARKET_REGULATION)
