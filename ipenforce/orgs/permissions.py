"""Every "may this user …" answer about agencies, users and system administration; the roles behind Django's
permission names for the apps below orgs (`backends.RolePermissionBackend`)."""
from ipenforce.orgs.choices import Role


def active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_administer(user) -> bool:
    """System administrators (of their agency's subtree) and superusers."""
    return active(user) and (user.is_superuser or (user.agency_id is not None and user.has_role(Role.SYSADMIN)))


def administers_top_agency(user) -> bool:
    """What every agency shares (the working-day calendar, document templates, assessment weights) is kept by
    superusers and the administrators of a top-level agency."""
    return can_administer(user) and (user.is_superuser or user.agency.parent_id is None)


# Django permission names used by apps that cannot import orgs (core), answered by the rule beside them.
PERMISSIONS = {
    "core.change_calendarday": administers_top_agency,
}
