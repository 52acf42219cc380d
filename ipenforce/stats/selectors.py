"""What a report or an assessment may count: the user's scope, narrowed to the chosen agency's subtree."""
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.selectors import (
    assessable_officers,
    assesses_others,
    case_agencies,
    visible_agencies,
    visible_cases,
    visible_subtree_transfers,
    visible_transfers,
)
from ipenforce.stats.models import AssessmentScheme
from ipenforce.stats.permissions import may_assess, may_see_reports

# The agencies that handle cases, and so the ones the report and assessment figures are about.
CASE_HANDLING_KINDS = (AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE)


def figure_agencies(user):
    """The agencies a report or assessment may be chosen for: the enforcement agencies in the user's scope (not
    police, procuratorates, courts, the protection centre or outside organisations)."""
    return visible_agencies(user).filter(kind__in=CASE_HANDLING_KINDS).order_by("path")


def default_figure_agency(user) -> int | None:
    """The user's own agency when the figures apply to it (answered without a query)."""
    return user.agency_id if user.agency_id and user.agency.kind in CASE_HANDLING_KINDS else None


def report_scope(user, agency_id: int | None):
    """(agency, cases, transfers) of the chosen agency's subtree within the user's scope, for those who read
    statistics (the report, the dashboard and their downloads, pages and API alike)."""
    return report_figures_scope(user, agency_id)[:3]


def report_figures_scope(user, agency_id: int | None):
    """report_scope and the ids of the agencies whose cases are exactly those cases (None when the user's cases
    are not whole agencies): with the ids, the figures may come from the monthly rollup (stats.rollup)."""
    if not may_see_reports(user):
        raise PermissionDenied(_("您无权查看统计报表。"), code="report_forbidden")
    return _subtree(user, agency_id)


def _subtree(user, agency_id: int | None):
    agencies = visible_agencies(user)
    agency = agencies.filter(pk=agency_id).first() if agency_id else (user.agency or agencies.order_by("path").first())
    if agency is None:
        raise ValidationFailed(_("单位不存在或您无权查看。"), code="unknown_agency", field="agency")
    return (agency, *_scoped(user, agency))


def _scoped(user, agency):
    """(cases, transfers, agency ids or None) of the agency's subtree within the user's scope (the whole scope
    without an agency).

    When the user's cases are whole agencies (everyone but police, procuratorates and courts), the cases are those
    of a list of agency ids, which the (agency_id, date) indexes of cases range over, instead of a join on paths."""
    in_scope = case_agencies(user)
    if agency is None:
        if in_scope is None:
            return visible_cases(user), visible_transfers(user), None
        ids = list(in_scope.values_list("pk", flat=True))
        return Case.objects.filter(agency_id__in=ids), visible_transfers(user), ids
    transfers = visible_subtree_transfers(user, agency)
    if in_scope is None:
        return visible_cases(user).filter(agency__path__startswith=agency.path), transfers, None
    ids = list(in_scope.filter(path__startswith=agency.path).values_list("pk", flat=True))
    return Case.objects.filter(agency_id__in=ids), transfers, ids


def assessment_scope(user, agency_id: int | None):
    """(agency, cases, transfers, officers, units shown): a head, supervisor or statistician sees every unit and
    officer under the chosen agency; an officer sees only their own figures."""
    if assesses_others(user):  # a system administrator too, who sets the weights without reading the reports
        agency, cases, transfers, _ids = _subtree(user, agency_id)
        return agency, cases, transfers, assessable_officers(user).filter(agency__path__startswith=agency.path), True
    if not may_assess(user):
        raise PermissionDenied(_("您无权查看绩效考核。"), code="assessment_forbidden")
    return (user.agency, *_scoped(user, None)[:2], assessable_officers(user), False)


def scheme_for_year(year: int) -> AssessmentScheme | None:
    return AssessmentScheme.objects.prefetch_related("weights").filter(year=year).first()


def scheme_years() -> list[int]:
    return list(AssessmentScheme.objects.values_list("year", flat=True))
