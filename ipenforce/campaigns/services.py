"""Every write of campaigns, transactional and audited: create a campaign with its stages and units, tag and untag
subjects, open the reports of the calendar's periods, edit a report, the report procedure's effects, and the lead
agency's campaign report (.docx)."""
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.campaigns import permissions
from ipenforce.campaigns.calendar import RULES, campaign_periods
from ipenforce.campaigns.choices import OPEN_REPORT_STATES, Cadence, ReportState, Stage
from ipenforce.campaigns.document import render_report
from ipenforce.campaigns.models import Campaign, CampaignReport, CampaignStage, CampaignTag, CampaignUnit, UnitReport
from ipenforce.campaigns.selectors import approved_reports, is_late, unit_cases, unit_transfers
from ipenforce.cases.choices import IpType
from ipenforce.cases.figures import CENT, Growth, paragraph, period_summary, wan
from ipenforce.core.audit import audit_append, snapshot
from ipenforce.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ipenforce.core.language import in_record_language
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import Agency, path_ids
from ipenforce.workflow import registry
from ipenforce.workflow.deadlines import deadline_extend, open_deadlines
from ipenforce.workflow.services import create

FIELDS = ["name", "lead_agency", "description", "starts_on", "ends_on", "cadence", "report_weekday", "report_day",
          "late_counts_as_zero"]


def _agency(agency_id: int, field: str) -> Agency:
    agency = Agency.objects.filter(pk=agency_id, is_active=True,
                                   kind__in=(AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE)).first()
    if agency is None:
        raise ValidationFailed(_("所选单位不存在或不是执法单位。"), code="unknown_agency", field=field)
    return agency


@transaction.atomic
def campaign_create(*, actor, data: dict, stages: list[dict], units: list[dict]) -> Campaign:
    """A campaign led by the actor's agency: its period, calendar, stages (部署 → 实施 → 督查 → 总结) and units."""
    if not permissions.may_create_campaign(actor):
        raise PermissionDenied(_("只有执法单位的机关负责人、办案机构负责人或执法监督人员可以创建专项行动。"))
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationFailed(_("请填写专项行动名称。"), code="required", field="name")
    starts_on, ends_on = data["starts_on"], data["ends_on"]
    if ends_on < starts_on:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), code="period_reversed", field="ends_on")
    day = data.get("report_day") or 4
    if not 1 <= day <= 28:
        raise ValidationFailed(_("月报报送日应为1至28日。"), code="invalid_report_day", field="report_day")
    weekday = data.get("report_weekday") or 0
    if not 0 <= weekday <= 6:
        raise ValidationFailed(_("周报报送日应为星期一至星期日。"), code="invalid_weekday", field="report_weekday")
    if data.get("cadence", Cadence.WEEKLY) not in Cadence.values:
        raise ValidationFailed(_("报送周期应为周报或月报。"), code="invalid_cadence", field="cadence")
    if not units:
        raise ValidationFailed(_("请至少选择一个参与单位。"), code="units_required", field="units")
    if Campaign.objects.filter(lead_agency_id=actor.agency_id, name=name).exists():
        raise Conflict(_("本单位已有名为“%(name)s”的专项行动。") % {"name": name}, code="duplicate_name",
                       field="name")
    campaign = Campaign.objects.create(
        name=name, lead_agency=actor.agency, description=data.get("description") or "", starts_on=starts_on,
        ends_on=ends_on, cadence=data.get("cadence") or Cadence.WEEKLY, report_weekday=weekday, report_day=day,
        late_counts_as_zero=data.get("late_counts_as_zero", True), created_by=actor)
    seen = set()
    for stage in stages:
        if stage["stage"] not in Stage.values or stage["stage"] in seen:
            raise ValidationFailed(_("阶段有误或重复。"), code="invalid_stage", field="stages")
        if stage["ends_on"] < stage["starts_on"] or stage["starts_on"] < starts_on or stage["ends_on"] > ends_on:
            raise ValidationFailed(_("阶段日期应在专项行动期间内且结束不早于开始。"), code="stage_outside_period",
                                   field="stages")
        seen.add(stage["stage"])
        CampaignStage.objects.create(campaign=campaign, **stage)
    agencies = set()
    for unit in units:
        agency = _agency(unit["agency_id"], "units")
        if agency.pk in agencies:
            raise ValidationFailed(_("参与单位重复：%(name)s。") % {"name": agency.name}, code="duplicate_unit",
                                   field="units")
        agencies.add(agency.pk)
        CampaignUnit.objects.create(campaign=campaign, agency=agency, target_cases=unit.get("target_cases"),
                                    target_fines=unit.get("target_fines"), tasks=unit.get("tasks") or "")
    audit_append(actor=actor, action="campaign.create", target=campaign,
                 after={**snapshot(campaign, FIELDS), "units": sorted(agencies), "stages": sorted(seen)})
    return campaign


# What a campaign tags (专项行动: cases and leads, and the joint operations carried out under it); each is a subject
# of a procedure on the engine, whose agency is the procedure's own ("subject").
TAGGABLE = ("cases.case", "command.jointoperation")


def _taggable(content_type: str, object_id: int, actor):
    """(subject, its agency) of a taggable kind."""
    label = next((t for t in TAGGABLE if t == content_type.lower()), None)
    procedure = next((p for p in registry.all_procedures() if p.model.lower() == label), None) if label else None
    if procedure is None:
        raise ValidationFailed(_("这类对象不能标记到专项行动。"), code="not_taggable", field="content_type")
    subject = apps.get_model(procedure.model).objects.filter(pk=object_id).first()
    if subject is None:
        raise NotFound(_("要标记的对象不存在。"), code="tag_target_not_found", field="object_id")
    return subject, procedure.agency_of(subject, "subject")


@transaction.atomic
def campaign_tag(*, actor, campaign: Campaign, content_type: str, object_id: int) -> CampaignTag:
    subject, agency = _taggable(content_type, object_id, actor)
    if not permissions.may_tag(actor, campaign, agency):
        raise PermissionDenied(_("只能把参与单位本辖区的案件或线索标记到本专项行动。"))
    kind = ContentType.objects.get_for_model(subject)
    tag, created = CampaignTag.objects.get_or_create(campaign=campaign, content_type=kind, object_id=subject.pk,
                                                     defaults={"tagged_by": actor})
    if created:
        audit_append(actor=actor, action="campaign.tag", target=campaign,
                     after={"content_type": content_type, "object_id": subject.pk})
        reports_refresh(campaign=campaign, agency=agency)
    return tag


@transaction.atomic
def campaign_untag(*, actor, campaign: Campaign, tag_id: int) -> None:
    tag = CampaignTag.objects.filter(campaign=campaign, pk=tag_id).select_related("content_type").first()
    if tag is None:
        raise NotFound(_("标记不存在。"), code="tag_not_found", field="tag_id")
    _subject, agency = _taggable(f"{tag.content_type.app_label}.{tag.content_type.model}", tag.object_id, actor)
    if not permissions.may_tag(actor, campaign, agency):
        raise PermissionDenied(_("您不能取消这项标记。"))
    audit_append(actor=actor, action="campaign.untag", target=campaign,
                 before={"content_type": tag.content_type.model, "object_id": tag.object_id})
    tag.delete()
    reports_refresh(campaign=campaign, agency=agency)


# ---- the unit reports -----------------------------------------------------------------------------------

def unit_figures(campaign: Campaign, agency: Agency, start: date, end: date) -> dict:
    """The computed figures of a unit for a period: the statistics period report's figures over the campaign's
    tagged cases of the unit's subtree (cases.figures.period_summary, the same 统计口径)."""
    cases = unit_cases(campaign, agency)
    summary = period_summary(cases, unit_transfers(cases), start=start, end=end)
    types = {row["ip_type"]: row for row in summary["by_ip_type"]}
    return {
        "filed": summary["filed"], "filed_previous": summary["filed_previous"],
        **{t: types[t]["filed"] for t in IpType.values},
        **{f"{t}_previous": types[t]["previous"] for t in IpType.values},
        "closed": summary["closed"], "transferred": summary["transferred"],
        "fines": str(summary["fines_decided"]), "text": summary["text"],
    }


def _refresh(report: UnitReport) -> None:
    report.figures = unit_figures(report.campaign, report.agency, report.period_start, report.period_end)


def reports_refresh(*, campaign: Campaign, agency: Agency | None = None) -> int:
    """Recompute the figures of the campaign's reports not yet submitted (of the units whose subtree holds
    `agency`, when given): a tag added or removed, or cases moved on. Submitted reports keep their figures."""
    reports = UnitReport.objects.filter(campaign=campaign, state__in=OPEN_REPORT_STATES).select_related(
        "campaign", "agency")
    if agency is not None:
        reports = reports.filter(agency_id__in=path_ids(agency.path))
    count = 0
    for report in reports.select_for_update():
        _refresh(report)
        report.save(update_fields=["figures"])
        count += 1
    return count


@transaction.atomic
def reports_open(*, actor, campaign: Campaign, today: date | None = None) -> list[UnitReport]:
    """Open each unit's report for every period of the calendar begun by `today` (idempotent): pre-filled with
    its figures, its due day running on the engine."""
    today = today or timezone.localdate()
    opened = []
    action = "open_weekly" if campaign.cadence == Cadence.WEEKLY else "open_monthly"
    existing = set(UnitReport.objects.filter(campaign=campaign).values_list("unit_id", "period_start"))
    for period in campaign_periods(campaign, until=today):
        for unit in campaign.units.select_related("agency"):
            if (unit.pk, period.start) in existing:
                continue
            report = UnitReport(campaign=campaign, unit=unit, agency=unit.agency, period_start=period.start,
                                period_end=period.end, due_on=period.due)
            _refresh(report)
            create(procedure="campaign_report", subject=report, action=action, actor=actor,
                   data={"period_end": period.end.isoformat()})
            opened.append(report)
    return opened


def _open_effect(report: UnitReport, ctx) -> None:
    """The calendar fixes the due day (the campaign's weekday or day of the month); the rule gives the default."""
    for deadline in open_deadlines(report, RULES[report.campaign.cadence]):
        if deadline.due_on != report.due_on:
            deadline_extend(report, deadline.rule, report.due_on)


def _due_end(report: UnitReport) -> datetime:
    return timezone.make_aware(datetime.combine(report.due_on, time.max))


def _submit_effect(report: UnitReport, ctx) -> None:
    _refresh(report)
    if report.submitted_at is None:
        report.is_late = ctx.now > _due_end(report)
    report.submitted_at = ctx.now


def _approve_effect(report: UnitReport, ctx) -> None:
    report.approved_at = ctx.now


EFFECTS = {"open_weekly": _open_effect, "open_monthly": _open_effect, "submit": _submit_effect,
           "approve": _approve_effect}


@transaction.atomic
def report_update(*, actor, report: UnitReport, version: int, changes: dict) -> UnitReport:
    """The unit's own text, typical cases and the figures the data model does not record (entered, not
    computed); the computed figures are refreshed."""
    report = UnitReport.objects.select_for_update().select_related("campaign", "agency").get(pk=report.pk)
    if not permissions.may_edit_report(actor, report):
        raise PermissionDenied(_("只有本单位办案人员可以在报送前填写报告。"))
    if report.version != version:
        raise Conflict(_("报告已被他人更新，请刷新后重试。"), code="stale_version", field="version")
    before = snapshot(report, ["text", "typical_cases", "goods_seized", "shops_closed"])
    for name in ("text", "typical_cases"):
        if name in changes and changes[name] is not None:
            if len(changes[name]) > 5000:
                raise ValidationFailed(_("不能超过5000个字。"), code="too_long", field=name)
            setattr(report, name, changes[name].strip())
    if "goods_seized" in changes:
        value = changes["goods_seized"]
        if value is not None and Decimal(value) < 0:
            raise ValidationFailed(_("查扣物品货值不能为负数。"), code="negative", field="goods_seized")
        report.goods_seized = None if value is None else Decimal(value).quantize(CENT)
    if "shops_closed" in changes:
        value = changes["shops_closed"]
        if value is not None and value < 0:
            raise ValidationFailed(_("关闭网店数不能为负数。"), code="negative", field="shops_closed")
        report.shops_closed = value
    _refresh(report)
    report.version += 1
    report.save()
    audit_append(actor=actor, action="campaign_report.update", target=report, before=before,
                 after=snapshot(report, ["text", "typical_cases", "goods_seized", "shops_closed"]))
    return report


# ---- the campaign report --------------------------------------------------------------------------------

def _sum(reports, key: str) -> int:
    return sum(int(r.figures.get(key, 0)) for r in reports)


def aggregate(campaign: Campaign, start: date, end: date, today: date | None = None) -> dict:
    """The approved unit reports of the period added up, in the letter's words; units not approved are named
    (late ones count as no data where the campaign says so, B-01)."""
    reports = list(approved_reports(campaign, start, end).order_by("agency__path", "period_start"))
    total = Growth(_sum(reports, "filed"), _sum(reports, "filed_previous"))
    types = {t: Growth(_sum(reports, t), _sum(reports, f"{t}_previous")) for t in IpType.values}
    fines = sum((Decimal(r.figures.get("fines", "0")) for r in reports), Decimal(0)).quantize(CENT)
    goods = sum((r.goods_seized or Decimal(0) for r in reports), Decimal(0)).quantize(CENT)
    shops = sum(r.shops_closed or 0 for r in reports)
    closed, transferred = _sum(reports, "closed"), _sum(reports, "transferred")
    text = f"{campaign.name}专项行动：" + paragraph(start, end, total, types, closed, transferred, fines)
    if "专利案件" not in text:  # the letter's 其中 clause names patents only when they grew faster; a campaign always
        head, tail = text.split("；", 1)
        text = f"{head}，其中专利案件{types[IpType.PATENT].current}件；{tail}"
    text += f"；各单位填报查扣物品货值{wan(goods)}，关闭网店{shops}家。"
    others = UnitReport.objects.filter(campaign=campaign, period_start__gte=start, period_end__lte=end).exclude(
        state=ReportState.APPROVED).select_related("agency").order_by("agency__path", "period_start")
    late = [r for r in others if is_late(r, today)]
    late_names = sorted({r.agency.name for r in late})
    late_text = ""
    if late_names:
        late_text = ("逾期未报：" + "、".join(late_names)
                     + ("（视同没有执法数据）" if campaign.late_counts_as_zero else "") + "。")
    units = [{"agency": r.agency.name, "period": f"{r.period_start:%m-%d}至{r.period_end:%m-%d}",
              "filed": r.figures.get("filed", 0), "patent": r.figures.get(IpType.PATENT, 0),
              "closed": r.figures.get("closed", 0), "transferred": r.figures.get("transferred", 0),
              "fines": r.figures.get("fines", "0.00"),
              "goods_seized": "" if r.goods_seized is None else str(r.goods_seized),
              "shops_closed": "" if r.shops_closed is None else r.shops_closed,
              "typical_cases": r.typical_cases} for r in reports]
    return {"filed": total.current, "filed_previous": total.previous, "patent": types[IpType.PATENT].current,
            "closed": closed, "transferred": transferred, "fines": str(fines), "goods_seized": str(goods),
            "shops_closed": shops, "units": units, "late": late_names, "text": text, "late_text": late_text}


@in_record_language
@transaction.atomic
def summary_create(*, actor, campaign: Campaign, start: date, end: date) -> CampaignReport:
    if not permissions.may_manage(actor, campaign):
        raise PermissionDenied(_("只有牵头单位的负责人或执法监督人员可以汇总专项行动报告。"))
    if end < start:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), code="period_reversed", field="end")
    figures = aggregate(campaign, start, end)
    today = timezone.localdate()
    typical = [f"{u['agency']}：{u['typical_cases']}" for u in figures["units"] if u["typical_cases"]]
    sha, name = render_report({
        "lead_agency": campaign.lead_agency.name, "title": f"{campaign.name}专项行动工作情况汇总",
        "text": figures["text"], "late_text": figures["late_text"], "units": figures["units"],
        "typical": typical, "today": f"{today.year}年{today.month}月{today.day}日",
        "total": {**figures, "agency": _("合计"), "period": f"{start}至{end}"}})
    summary = CampaignReport.objects.create(campaign=campaign, period_start=start, period_end=end, figures=figures,
                                            text=figures["text"], sha256=sha, storage_name=name, created_by=actor)
    audit_append(actor=actor, action="campaign.summary", target=campaign,
                 after={"summary": summary.pk, "start": start, "end": end, "sha256": sha})
    return summary




def require_manager(actor, campaign: Campaign) -> None:
    if not permissions.may_manage(actor, campaign):
        raise PermissionDenied(_("只有牵头单位的负责人或执法监督人员可以管理本专项行动。"))


def reports_open_running(today: date | None = None) -> int:
    """The periodic task's part: open the reports of every running campaign's periods begun by today, in the name
    of the campaign's creator (the engine records who opened them)."""
    today = today or timezone.localdate()
    running = Campaign.objects.filter(starts_on__lte=today, ends_on__gte=today - timedelta(days=31)).select_related(
        "created_by")
    opened = 0
    for campaign in running:
        opened += len(reports_open(actor=campaign.created_by, campaign=campaign, today=today))
        reports_refresh(campaign=campaign)
    return opened
