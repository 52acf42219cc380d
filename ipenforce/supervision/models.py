"""Case supervision (挂牌督办), enforcement supervision orders (执法监督通知书 / 决定书) and case-file review
(案卷评查); their timelines, approvals and time limits are the workflow engine's rows."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.workflow.models import subject_relation


class Stage(models.TextChoices):
    """The stages of the weekly table of key supervised cases (wave2-rules A-37)."""

    ADMINISTRATIVE = "administrative", _("行政处理阶段")
    POLICE = "police", _("公安侦办阶段")
    COURT = "court", _("已开庭")
    CONCLUDED = "concluded", _("已办结")


class SupervisedCase(models.Model):
    """A case a superior agency supervises (挂牌督办): reports every `interval_days` until the deadline, then 销号."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="supervisions",
                             verbose_name=_("案件"))
    supervisor_agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("督办单位"))
    instructions = models.TextField(_("督办要求"))
    interval_days = models.PositiveSmallIntegerField(_("报告间隔（日）"))
    deadline = models.DateField(_("督办期限"))
    next_report_due = models.DateField(_("下次报告日"), null=True, blank=True)
    late_reports = models.PositiveSmallIntegerField(_("逾期报告次数"), default=0)
    last_report_on = models.DateField(_("最近报告日"), null=True, blank=True)
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.ADMINISTRATIVE)
    publicised = models.BooleanField(_("已宣传报道"), default=False)
    sites_closed = models.PositiveIntegerField(_("关闭网站（网店）数"), default=0)
    state = models.CharField(_("状态"), max_length=20)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("督办时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)

    steps = subject_relation("workflow.Step", "supervised_case")
    deadlines = subject_relation("workflow.Deadline", "supervised_case")
    approvals = subject_relation("workflow.Approval", "supervised_case")

    class Meta:
        verbose_name = _("督办案件")
        verbose_name_plural = _("督办案件")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_report_due"], name="supervised_due_idx"),
                   models.Index(fields=["state", "deadline"], name="supervised_deadline_idx")]
        constraints = [models.UniqueConstraint(fields=["case"], condition=~models.Q(state="closed"),
                                               name="supervised_case_one_open")]

    def __str__(self) -> str:
        return _("督办：%(case)s") % {"case": self.case}


class SupervisionOrder(models.Model):
    """An enforcement supervision order of an upper bureau to a lower one: 执法监督通知书, then (with the head's
    approval) a 执法监督决定书 ordering correction by a deadline ([SUP] arts 19–20)."""

    issuer = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("监督机关"))
    target = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("被监督单位"))
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("涉及案件"))
    matter = models.TextField(_("监督事项"))
    explanation = models.TextField(_("情况说明"), blank=True)
    decision = models.TextField(_("监督决定"), blank=True)
    correct_by = models.DateField(_("纠正期限"), null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    corrected_on = models.DateField(_("纠正完毕日"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=20)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("发出时间"), auto_now_add=True)

    steps = subject_relation("workflow.Step", "supervision_order")
    deadlines = subject_relation("workflow.Deadline", "supervision_order")
    approvals = subject_relation("workflow.Approval", "supervision_order")

    class Meta:
        verbose_name = _("执法监督")
        verbose_name_plural = _("执法监督")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="supervision_order_state_idx")]

    def __str__(self) -> str:
        return _("执法监督 %(pk)s（%(target)s）") % {"pk": self.pk, "target": self.target}


class ReviewDraw(models.Model):
    """A random draw of closed cases of one unit and period for case-file review (案卷评查); the population, rule
    and seed are kept so the same draw can be made again and checked."""

    reviewer_agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+",
                                        verbose_name=_("评查单位"))
    unit = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("被评查单位"))
    period_start = models.DateField(_("结案起始日"))
    period_end = models.DateField(_("结案截止日"))
    rule = models.CharField(_("抽取规则"), max_length=200)
    sample_size = models.PositiveIntegerField(_("抽取件数"))
    seed = models.CharField(_("随机种子"), max_length=64)
    population = models.JSONField(_("总体（案件编号）"), default=list)
    selected = models.JSONField(_("抽中（案件编号）"), default=list)
    checklist = models.CharField(_("评查标准"), max_length=60)
    checklist_version = models.CharField(_("评查标准版本"), max_length=20)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("抽取时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("案卷评查抽取")
        verbose_name_plural = _("案卷评查抽取")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return _("案卷评查 %(unit)s %(start)s—%(end)s") % {"unit": self.unit, "start": self.period_start,
                                                         "end": self.period_end}


class FileReview(models.Model):
    """One drawn case scored against the checklist: each item's deduction with its reason; the unit answers."""

    SCORING, SCORED, ANSWERED = "scoring", "scored", "answered"
    STATES = [(SCORING, _("待评分")), (SCORED, _("已评分，待被评查单位答复")), (ANSWERED, _("已答复"))]

    draw = models.ForeignKey(ReviewDraw, on_delete=models.CASCADE, related_name="reviews")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("案件"))
    deductions = models.JSONField(_("扣分"), default=list)  # [{"item", "points", "reason"}]
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=STATES, default=SCORING)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    scored_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("被评查单位答复"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("案卷评查")
        verbose_name_plural = _("案卷评查")
        ordering = ["draw", "case_id"]
        constraints = [models.UniqueConstraint(fields=["draw", "case"], name="file_review_once_per_draw")]
