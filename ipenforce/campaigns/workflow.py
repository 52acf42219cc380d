"""A unit's periodic campaign report on the workflow engine: opened for each period of the calendar with its due
date running (rules campaign.weekly_report / campaign.monthly_report, the day set by the campaign), drafted by the
unit's officers, submitted, approved or sent back by the unit's head (draft → submitted → approved / returned)."""
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.campaigns.calendar import RULES
from ipenforce.campaigns.choices import Cadence, ReportState
from ipenforce.orgs.choices import Role
from ipenforce.workflow import definitions as wf
from ipenforce.workflow.definitions import Action, Actor, Field, Refusal, Task, start, stop

REPORTER = Actor("reporter", Role.CASE_OFFICER)
HEAD = Actor("head", Role.AGENCY_HEAD)

STATES = {s.value: s.label for s in ReportState}
WEEKLY, MONTHLY = RULES[Cadence.WEEKLY], RULES[Cadence.MONTHLY]
OPENED_ON = Field("period_end", "date", _("报送期间止"))


@dataclass
class Facts:
    state: str
    has_text: bool = False


def _s(*names):
    return frozenset(names)


def text_written(facts, payload):
    if not facts.has_text:
        return Refusal("report_text_missing", str(_("请先填写工作情况。")), "text")


ACTIONS = [
    Action("open_weekly", _("生成周报"), _s(""), (), ReportState.DRAFT, fields=(OPENED_ON,),
           clocks=(start(WEEKLY, REPORTER, at="period_end"),)),
    Action("open_monthly", _("生成月报"), _s(""), (), ReportState.DRAFT, fields=(OPENED_ON,),
           clocks=(start(MONTHLY, REPORTER, at="period_end"),)),
    Action("submit", _("报送"), _s(ReportState.DRAFT, ReportState.RETURNED), (REPORTER,), ReportState.SUBMITTED,
           guards=(text_written,), clocks=(stop(WEEKLY), stop(MONTHLY))),
    Action("approve", _("审核通过"), _s(ReportState.SUBMITTED), (HEAD,), ReportState.APPROVED),
    Action("return_report", _("退回修改"), _s(ReportState.SUBMITTED), (HEAD,), ReportState.RETURNED,
           fields=(Field("reason", "text", _("退回理由")),)),
]


def report_tasks(report) -> list[Task]:
    if report.state == ReportState.SUBMITTED:
        return [Task("campaign_report.review", str(_("审核专项行动报告")), HEAD)]
    if report.state == ReportState.RETURNED:
        return [Task("campaign_report.resubmit", str(_("修改后重新报送")), REPORTER)]
    return []


UNIT_REPORT = wf.Procedure(
    key="campaign_report", model="campaigns.UnitReport", label=_("专项行动报告"), states=STATES, actions=ACTIONS,
    agencies={"subject": lambda r: r.agency},
    officers=lambda r: [],
    url=lambda r: reverse("campaigns:report", args=[r.pk]),
    facts="ipenforce.campaigns.selectors.report_facts",
    effects="ipenforce.campaigns.services.EFFECTS",
    subjects="ipenforce.campaigns.selectors.visible_reports",
    tasks="ipenforce.campaigns.workflow.report_tasks",
)
