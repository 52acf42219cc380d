"""Every read of campaigns, scoped: a campaign is seen by its lead agency's subtree and by the units taking part
(and the agencies under them); a unit's report by its own subtree and the lead agency, never by another
district."""
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ipenforce.campaigns.choices import OPEN_REPORT_STATES, ReportState
from ipenforce.campaigns.models import Campaign, CampaignReport, CampaignTag, UnitReport
from ipenforce.campaigns.workflow import Facts
from ipenforce.cases.models import Case
from ipenforce.linkage.models import Transfer
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import path_ids
from ipenforce.orgs.permissions import active
from ipenforce.orgs.selectors import visible_agencies, visible_cases

ENFORCEMENT_KINDS = (AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE)


def visible_campaigns(user) -> QuerySet[Campaign]:
    if not active(user):
        return Campaign.objects.none()
    if user.is_superuser:
        return Campaign.objects.all()
    if user.agency_id is None or user.agency.kind not in ENFORCEMENT_KINDS:  # police, courts: not theirs
        return Campaign.objects.none()
    agencies = visible_agencies(user)
    ids = Campaign.objects.filter(Q(lead_agency__in=agencies) | Q(lead_agency_id=user.agency_id)
                                  | Q(units__agency__in=agencies)
                                  | Q(units__agency_id__in=path_ids(user.agency.path))).values("pk")
    return Campaign.objects.filter(pk__in=ids)


def campaign_list(user) -> QuerySet[Campaign]:
    return (visible_campaigns(user).select_related("lead_agency")
            .annotate(unit_count=Count("units", distinct=True)).order_by("-starts_on", "pk"))


def campaign_detail(user) -> QuerySet[Campaign]:
    return visible_campaigns(user).select_related("lead_agency", "created_by").prefetch_related(
        "stages", "units__agency")


def visible_reports(user) -> QuerySet[UnitReport]:
    if not active(user):
        return UnitReport.objects.none()
    rows = UnitReport.objects.select_related("campaign", "agency", "unit")
    if user.is_superuser:
        return rows
    if user.agency_id is None or user.agency.kind not in ENFORCEMENT_KINDS:
        return UnitReport.objects.none()
    return rows.filter(Q(agency__in=visible_agencies(user)) | Q(campaign__lead_agency_id=user.agency_id))


def late_q(today=None) -> Q:
    """Late: submitted after its due day, or still not submitted when the due day is past."""
    today = today or timezone.localdate()
    return Q(is_late=True) | Q(state__in=OPEN_REPORT_STATES, submitted_at__isnull=True, due_on__lt=today)


def report_list(user, *, campaign_id: int | None = None, state: str | None = None, late: bool | None = None,
                within: int | None = None):
    rows = visible_reports(user)
    if within:
        unit = visible_agencies(user).filter(pk=within).first()
        rows = rows.filter(agency__path__startswith=unit.path) if unit else rows.none()
    if campaign_id:
        rows = rows.filter(campaign_id=campaign_id)
    if state:
        rows = rows.filter(state=state)
    if late is not None:
        rows = rows.filter(late_q()) if late else rows.exclude(late_q())
    return rows.order_by("-period_start", "agency__path", "pk")


def report_facts(report, actor, payload) -> Facts:
    return Facts(state=report.state, has_text=bool(report.text.strip()))


def summary_list(user, campaign) -> QuerySet[CampaignReport]:
    return CampaignReport.objects.filter(campaign=campaign, campaign__in=visible_campaigns(user)).select_related(
        "created_by")


def tagged_ids(campaign, model) -> QuerySet:
    return CampaignTag.objects.filter(campaign=campaign, content_type=ContentType.objects.get_for_model(model)
                                      ).values("object_id")


def tagged_cases(user, campaign) -> QuerySet[Case]:
    return visible_cases(user).filter(pk__in=tagged_ids(campaign, Case)).select_related("agency").order_by(
        "-registered_at", "-pk")


def unit_cases(campaign, agency) -> QuerySet[Case]:
    """The tagged cases of a unit's subtree (not the reader's scope: a report counts its unit's whole subtree)."""
    return Case.objects.filter(pk__in=tagged_ids(campaign, Case), agency__path__startswith=agency.path)


def unit_transfers(cases) -> QuerySet[Transfer]:
    return Transfer.objects.filter(case__in=cases)


def is_late(report, today=None) -> bool:
    today = today or timezone.localdate()
    return report.is_late or (report.state in OPEN_REPORT_STATES and report.submitted_at is None
                              and report.due_on < today)


def approved_reports(campaign, start, end) -> QuerySet[UnitReport]:
    return UnitReport.objects.filter(campaign=campaign, state=ReportState.APPROVED, period_start__gte=start,
                                     period_end__lte=end).select_related("agency")
