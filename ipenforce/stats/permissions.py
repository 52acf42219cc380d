"""Every "may this user …" answer about statistics: the period report, the dashboard and the assessment."""
from ipenforce.orgs.choices import Role
from ipenforce.orgs.permissions import administers_top_agency
from ipenforce.orgs.selectors import assessed_alone, assesses_others

REPORT_ROLES = (Role.STATISTICIAN, Role.AGENCY_HEAD, Role.UNIT_HEAD, Role.SUPERVISOR)


def may_see_reports(user) -> bool:
    """The period report and the dashboard: heads, supervisors and statisticians."""
    return user.is_authenticated and (
        user.is_superuser or (user.agency_id is not None and user.has_role(*REPORT_ROLES)))


def may_assess(user) -> bool:
    """Whether the assessment has any row for the user (answered without a query: it is on every page's menu)."""
    return assesses_others(user) or assessed_alone(user)


def may_configure_assessment(user) -> bool:
    """Weights and targets hold for the whole system."""
    return administers_top_agency(user)
