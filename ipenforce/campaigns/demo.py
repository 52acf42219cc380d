"""The demo's running campaign: 2026护航 led by the city bureau with 福田 and 南山 taking part, the demo cases of
both tagged, the reports of the weeks begun opened, and 福田's report on this week submitted early to its head (南山's
earlier weeks are still unsent, so they show as late) — all through the services."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ipenforce.campaigns.choices import Stage
from ipenforce.campaigns.models import Campaign, UnitReport
from ipenforce.campaigns.services import campaign_create, campaign_tag, report_update, reports_open
from ipenforce.cases.choices import State
from ipenforce.cases.models import Case
from ipenforce.orgs.models import Agency, User
from ipenforce.workflow.services import perform

NAME = "2026护航"
CITY, FUTIAN, NANSHAN = "深圳市市场监督管理局", "深圳市市场监督管理局福田监管局", "深圳市市场监督管理局南山监管局"


@transaction.atomic
def seed_demo_campaign() -> bool:
    """Create the campaign once; False when it exists."""
    if Campaign.objects.filter(name=NAME).exists():
        return False
    today = timezone.localdate()
    start = today - timedelta(days=today.weekday() + 14)  # the Monday two weeks ago
    end = start + timedelta(days=90)
    head = User.objects.get(username="sz_head")
    agencies = {a.name: a for a in Agency.objects.filter(name__in=[FUTIAN, NANSHAN])}
    stages = [(Stage.DEPLOY, 0, 6), (Stage.IMPLEMENT, 7, 69), (Stage.INSPECT, 70, 83), (Stage.SUMMARY, 84, 90)]
    campaign = campaign_create(
        actor=head,
        data={"name": NAME, "description": "专利执法“护航”专项行动：聚焦华强北等重点商圈、电商平台和展会，"
                                           "严厉打击假冒专利和重复侵权、恶意侵权、群体侵权行为。",
              "starts_on": start, "ends_on": end, "cadence": "weekly", "report_weekday": 0, "report_day": 4},
        stages=[{"stage": s, "starts_on": start + timedelta(days=a), "ends_on": start + timedelta(days=b)}
                for s, a, b in stages],
        units=[{"agency_id": agencies[FUTIAN].pk, "target_cases": 30, "tasks": "华强北商圈、展会专利执法"},
               {"agency_id": agencies[NANSHAN].pk, "target_cases": 20, "tasks": "电商平台专利侵权线索核查"}])
    reports_open(actor=head, campaign=campaign, today=today)
    for username, agency in (("ft_officer1", FUTIAN), ("ns_officer1", NANSHAN)):
        officer = User.objects.get(username=username)
        for case in Case.objects.filter(agency__path__startswith=agencies[agency].path, discovered_on__gte=start
                                        - timedelta(days=30)).exclude(state__in=[State.NOT_FILED]).order_by("pk"):
            campaign_tag(actor=officer, campaign=campaign, content_type="cases.case", object_id=case.pk)
    this_week = UnitReport.objects.get(campaign=campaign, agency=agencies[FUTIAN], period_start__lte=today,
                                       period_end__gte=today)
    officer = User.objects.get(username="ft_officer1")
    report = report_update(actor=officer, report=this_week, version=this_week.version, changes={
        "text": "本周联合华强北市场监管所开展重点商圈专利执法检查，检查经营户46户，发现并查处侵权线索2条。",
        "typical_cases": "某创科技有限公司在产品包装上标注已失效专利号案", "shops_closed": 2})
    perform(procedure="campaign_report", subject_id=report.pk, action="submit", actor=officer,
            version=report.version, data={})
    return True
