"""The stages of a campaign, its reporting cadence and the states of a unit's periodic report."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """wave2-rules.md B-04: 动员部署 → 实施 → 督查 → 总结, each with the dates its plan fixes."""

    DEPLOY = "deploy", _("部署")
    IMPLEMENT = "implement", _("实施")
    INSPECT = "inspect", _("督查")
    SUMMARY = "summary", _("总结")


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("周报")
    MONTHLY = "monthly", _("月报")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("待报送")
    SUBMITTED = "submitted", _("已报送（待负责人审核）")
    APPROVED = "approved", _("已审核")
    RETURNED = "returned", _("已退回")


OPEN_REPORT_STATES = (ReportState.DRAFT, ReportState.RETURNED)
WEEKDAYS = [(0, _("星期一")), (1, _("星期二")), (2, _("星期三")), (3, _("星期四")), (4, _("星期五")),
            (5, _("星期六")), (6, _("星期日"))]
