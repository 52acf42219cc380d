"""Campaigns, unit reports and campaign reports as the API returns them and the pages read them."""
from django.urls import reverse

from ipenforce.campaigns import permissions
from ipenforce.campaigns.choices import ReportState, Stage
from ipenforce.campaigns.selectors import is_late
from ipenforce.campaigns.workflow import UNIT_REPORT
from ipenforce.workflow.presenters import step_row
from ipenforce.workflow.selectors import available_actions, deadline_rows

# Figures the data model records (computed) and those the unit enters (the report marks them so).
COMPUTED = (("filed", "查处案件（件）"), ("patent", "其中专利案件（件）"), ("closed", "结案（件）"),
            ("transferred", "移送公安机关（件）"), ("fines", "罚没款（元）"))
ENTERED = (("goods_seized", "查扣物品货值（元）"), ("shops_closed", "关闭网店（家）"))


def current_stage(campaign, today) -> str:
    for stage in campaign.stages.all():
        if stage.starts_on <= today <= stage.ends_on:
            return stage.stage
    return ""


def campaign_out(campaign, user, today) -> dict:
    return {
        "id": campaign.pk, "name": campaign.name, "lead_agency": campaign.lead_agency.name,
        "lead_agency_id": campaign.lead_agency_id, "description": campaign.description,
        "starts_on": campaign.starts_on, "ends_on": campaign.ends_on, "cadence": campaign.cadence,
        "report_weekday": campaign.report_weekday, "report_day": campaign.report_day,
        "late_counts_as_zero": campaign.late_counts_as_zero, "current_stage": current_stage(campaign, today),
        "stages": [{"stage": s.stage, "label": str(Stage(s.stage).label), "starts_on": s.starts_on,
                    "ends_on": s.ends_on} for s in campaign.stages.all()],
        "units": [{"agency_id": u.agency_id, "agency": u.agency.name, "target_cases": u.target_cases,
                   "target_fines": u.target_fines, "tasks": u.tasks} for u in campaign.units.all()],
        "may_manage": permissions.may_manage(user, campaign),
    }


def figure_rows(report) -> list[dict]:
    rows = [{"key": key, "label": label, "value": report.figures.get(key, 0), "entered": False}
            for key, label in COMPUTED]
    rows += [{"key": key, "label": label, "value": getattr(report, key), "entered": True} for key, label in ENTERED]
    return rows


def report_out(report, user, today, detail: bool = True) -> dict:
    out = {
        "id": report.pk, "campaign_id": report.campaign_id, "campaign": report.campaign.name,
        "agency": report.agency.name, "period_start": report.period_start, "period_end": report.period_end,
        "due_on": report.due_on, "state": report.state, "state_label": str(ReportState(report.state).label),
        "version": report.version, "late": is_late(report, today), "figures": figure_rows(report),
        "text": report.text, "typical_cases": report.typical_cases, "submitted_at": report.submitted_at,
        "approved_at": report.approved_at, "url": reverse("campaigns:report", args=[report.pk]),
    }
    if detail:
        out.update({
            "steps": [step_row(UNIT_REPORT, s) for s in report.steps.all()],
            "deadlines": deadline_rows(UNIT_REPORT, report, user),
            "available_actions": available_actions(UNIT_REPORT, report, user),
            "may_edit": permissions.may_edit_report(user, report),
        })
    return out


def summary_out(summary) -> dict:
    return {"id": summary.pk, "campaign_id": summary.campaign_id, "period_start": summary.period_start,
            "period_end": summary.period_end, "text": summary.text, "figures": summary.figures,
            "sha256": summary.sha256, "created_by": summary.created_by.display_name, "created_at": summary.created_at,
            "docx": reverse("campaigns:summary_docx", args=[summary.pk]),
            "xlsx": reverse("campaigns:summary_xlsx", args=[summary.pk])}
