"""The cases and transfers a report may count: the user's scope, narrowed to the chosen agency's subtree."""
from django.utils.translation import gettext as _

from ipenforce.core.errors import ValidationFailed
from ipenforce.orgs.selectors import visible_agencies, visible_cases, visible_transfers


def report_scope(user, agency_id: int | None):
    agencies = visible_agencies(user)
    agency = agencies.filter(pk=agency_id).first() if agency_id else (user.agency or agencies.order_by("path").first())
    if agency is None:
        raise ValidationFailed(_("单位不存在或您无权查看。"), code="unknown_agency", field="agency")
    cases = visible_cases(user).filter(agency__path__startswith=agency.path)
    transfers = visible_transfers(user).filter(case__agency__path__startswith=agency.path)
    return agency, cases, transfers
