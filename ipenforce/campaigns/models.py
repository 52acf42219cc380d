"""Campaigns (专项行动): the plan (lead agency, participating units with targets and tasks, stages, reporting
calendar), the tags that put cases, leads and other subjects into a campaign, each unit's periodic report and the
lead agency's campaign reports."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.campaigns.choices import WEEKDAYS, Cadence, ReportState, Stage
from ipenforce.workflow.models import subject_relation

MONEY = {"max_digits": 14, "decimal_places": 2}


class Campaign(models.Model):
    name = models.CharField(_("名称"), max_length=60)
    lead_agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="led_campaigns",
                                    verbose_name=_("牵头单位"))
    description = models.TextField(_("行动方案（任务概述）"), blank=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    cadence = models.CharField(_("报送周期"), max_length=10, choices=Cadence.choices, default=Cadence.WEEKLY)
    # Defaults after wave2-rules.md B-01 (周报 every Monday) and B-02 (月报 by the 4th): another city's practice,
    # a pattern each campaign sets for itself (rules/time_limits.yaml campaign.*_report).
    report_weekday = models.PositiveSmallIntegerField(_("周报报送日"), choices=WEEKDAYS, default=0)
    report_day = models.PositiveSmallIntegerField(_("月报报送日（每月几日前）"), default=4)
    late_counts_as_zero = models.BooleanField(_("逾期不报视同无执法数据"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        verbose_name = _("专项行动")
        verbose_name_plural = _("专项行动")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lead_agency", "name"], name="campaign_name_unique"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="campaign_period_ordered"),
            models.CheckConstraint(condition=models.Q(report_weekday__lte=6), name="campaign_weekday_valid"),
            models.CheckConstraint(condition=models.Q(report_day__gte=1, report_day__lte=28),
                                   name="campaign_report_day_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignStage(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "stage"], name="campaign_stage_unique"),
                       models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="campaign_stage_ordered")]


class CampaignUnit(models.Model):
    """A participating unit with its targets (configurable per campaign: no rule fixes them) and tasks."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="units")
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="campaign_units",
                               verbose_name=_("参与单位"))
    target_cases = models.PositiveIntegerField(_("目标查处案件数"), null=True, blank=True)
    target_fines = models.DecimalField(_("目标罚没款（元）"), null=True, blank=True, **MONEY)
    tasks = models.TextField(_("任务"), blank=True)

    class Meta:
        ordering = ["agency__path"]
        constraints = [models.UniqueConstraint(fields=["campaign", "agency"], name="campaign_unit_unique")]


class CampaignTag(models.Model):
    """Puts any subject (a case or lead, later a joint operation) into a campaign, by content type and id."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tags")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    tagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "content_type", "object_id"],
                                               name="campaign_tag_unique")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="campaign_tag_object_idx")]


class UnitReport(models.Model):
    """A participating unit's report for one period of the campaign's calendar (procedure `campaign_report`)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(CampaignUnit, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("报送单位"))
    period_start = models.DateField(_("报送期间起"))
    period_end = models.DateField(_("报送期间止"))
    due_on = models.DateField(_("报送期限"))
    state = models.CharField(_("状态"), max_length=12, choices=ReportState.choices, default=ReportState.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=1)
    figures = models.JSONField(_("系统统计数据"), default=dict, blank=True)
    goods_seized = models.DecimalField(_("查扣物品货值（元，填报）"), null=True, blank=True, **MONEY)
    shops_closed = models.PositiveIntegerField(_("关闭网店数（填报）"), null=True, blank=True)
    text = models.TextField(_("工作情况"), blank=True)
    typical_cases = models.TextField(_("典型案例"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    is_late = models.BooleanField(_("逾期报送"), default=False)
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    steps = subject_relation("workflow.Step", "campaign_report")
    approvals = subject_relation("workflow.Approval", "campaign_report")
    deadlines = subject_relation("workflow.Deadline", "campaign_report")

    class Meta:
        verbose_name = _("专项行动报告")
        verbose_name_plural = _("专项行动报告")
        ordering = ["-period_start", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "period_start"], name="unit_report_period_unique")]
        indexes = [models.Index(fields=["agency", "state", "due_on"], name="unit_report_late_idx")]

    def __str__(self) -> str:
        return f"{self.campaign.name} · {self.agency.name} · {self.period_start:%m-%d}至{self.period_end:%m-%d}"


class CampaignReport(models.Model):
    """The lead agency's aggregate of approved unit reports for a period: figures, paragraph, the .docx."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="summaries")
    period_start = models.DateField(_("期间起"))
    period_end = models.DateField(_("期间止"))
    figures = models.JSONField(_("汇总数据"), default=dict)
    text = models.TextField(_("汇总段落"))
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("专项行动汇总报告")
        verbose_name_plural = _("专项行动汇总报告")
        ordering = ["-created_at", "-pk"]
