"""Performance assessment (绩效考核) settings: per year, each indicator's weight and its targets."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.stats.indicators import INDICATOR_CHOICES


class AssessmentScheme(models.Model):
    """The weights and targets administrators set for one year; a year without a scheme has no scores."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    stale_approval_days = models.PositiveSmallIntegerField(
        _("审批超时天数"), help_text=_("提请审批后超过此自然日数仍未审毕的，计为审批超时。"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year"]
        constraints = [models.CheckConstraint(condition=models.Q(stale_approval_days__gte=1),
                                              name="scheme_stale_days_positive")]

    def __str__(self):
        return f"{self.year}"


class AssessmentWeight(models.Model):
    """One indicator of a scheme: its weight (the weights of a scheme add up to 100) and its annual targets."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="weights")
    indicator = models.CharField(_("指标"), max_length=30, choices=INDICATOR_CHOICES)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=2)
    unit_target = models.DecimalField(_("单位目标值"), max_digits=14, decimal_places=2)
    officer_target = models.DecimalField(_("个人目标值"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("考核指标权重")
        verbose_name_plural = _("考核指标权重")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "indicator"], name="weight_scheme_indicator_unique"),
            models.CheckConstraint(condition=models.Q(weight__gte=0, unit_target__gte=0, officer_target__gte=0),
                                   name="weight_non_negative"),
        ]


class MonthFigure(models.Model):
    """The monthly rollup of the period report and the dashboard (stats.rollup): per agency, month and measure
    (查处/结案/决定/立案 cases, payments, campaign tags) the count and the amount. Derived data, kept exact by the
    triggers that mark changed months stale (StaleMonth) and rebuilt by `manage.py rebuild_month_figures`."""

    agency_id = models.IntegerField()
    month = models.DateField()
    measure = models.CharField(max_length=10)
    ip_type = models.CharField(max_length=20)
    detail = models.CharField(max_length=20)  # "e" for an e-commerce case handled, the campaign id of a tag
    n = models.BigIntegerField()
    amount = models.DecimalField(max_digits=18, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["agency_id", "month"], name="monthfigure_agency_month_idx")]


class StaleMonth(models.Model):
    """A month of an agency whose cases, payments or campaign tags changed since the rollup was computed: written
    by database triggers (append-only, so that writers never wait on each other), read as live, cleared by the
    worker when it recomputes the month."""

    agency_id = models.IntegerField()
    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["agency_id", "month"], name="stalemonth_agency_month_idx")]


class RollupBuild(models.Model):
    """When the rollup was last rebuilt in full; without a row the rollup is not used (a database migrated but not
    yet rebuilt reads everything live)."""

    built_at = models.DateTimeField()
