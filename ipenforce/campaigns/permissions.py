"""Every "may this user …" answer about campaigns: the lead agency's heads and supervisors create and manage a
campaign and aggregate its reports; the enforcement staff of a participating unit tag their cases; a unit's
officers draft and submit its report and its head approves it (the engine's actors)."""
from ipenforce.campaigns.choices import OPEN_REPORT_STATES
from ipenforce.campaigns.selectors import ENFORCEMENT_KINDS
from ipenforce.campaigns.workflow import REPORTER, UNIT_REPORT
from ipenforce.orgs.choices import Role
from ipenforce.orgs.permissions import active
from ipenforce.workflow.permissions import is_actor

MANAGERS = (Role.AGENCY_HEAD, Role.UNIT_HEAD, Role.SUPERVISOR)
TAGGERS = (Role.CASE_OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.SUPERVISOR)


def _enforcer(user) -> bool:
    return active(user) and bool(user.agency_id) and user.agency.kind in ENFORCEMENT_KINDS


def may_create_campaign(user) -> bool:
    """Heads and supervisors of a market-regulation or IP office lead campaigns of their own agency."""
    return _enforcer(user) and user.has_role(*MANAGERS)


def may_manage(user, campaign) -> bool:
    return may_create_campaign(user) and user.agency_id == campaign.lead_agency_id


def reads_campaigns(user) -> bool:
    """The campaign pages (menu): enforcement agencies' users and superusers."""
    return active(user) and (user.is_superuser or _enforcer(user))


def may_tag(user, campaign, agency) -> bool:
    """Cases and operations of the user's own subtree (`agency` is theirs): the lead agency's managers any, the
    enforcement staff of a participating unit (or of an agency under it) those of that unit's subtree."""
    if not _enforcer(user) or not user.has_role(*TAGGERS):
        return False
    if not agency.path.startswith(user.agency.path):  # only what belongs to the user's own subtree
        return False
    if may_manage(user, campaign):
        return True
    return any(agency.path.startswith(unit.agency.path) for unit in campaign.units.all())


def may_edit_report(user, report) -> bool:
    """The unit's officers write the text, typical cases and entered figures while the report is open."""
    return report.state in OPEN_REPORT_STATES and is_actor(UNIT_REPORT, report, REPORTER, user)
