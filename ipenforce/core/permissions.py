"""Every "may this user …" answer about the kernel's pages: asked through Django's permission names, which the
orgs app answers from roles (core imports nothing above it)."""


def may_edit_calendar(user) -> bool:
    """The working-day calendar is shared by every agency: superusers and administrators of a top agency."""
    return bool(user and user.is_authenticated and user.has_perm("core.change_calendarday"))
