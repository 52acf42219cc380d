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
