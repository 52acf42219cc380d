"""Command and dispatch (指挥调度): assignments handed down to subordinate agencies (交办单), assistance requests
between agencies (协查), joint operations (联合执法); their timelines and time limits are the workflow engine's rows."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.workflow.models import subject_relation


class AssignmentKind(models.TextChoices):
    LEAD = "lead", _("线索")
    CASE = "case", _("案件")
    TASK = "task", _("任务")


class ReportOutcome(models.TextChoices):
    CASE_FILED = "case_filed", _("已立案")
    NO_VIOLATION = "no_violation", _("未发现违法行为")
    TRANSFERRED = "transferred", _("已移送其他机关")
    COMPLETED = "completed", _("任务已完成")
    OTHER = "other", _("其他")


class Assignment(models.Model):
    """One 交办单 to one receiving agency (an assignment to several agencies is one row per receiver)."""

    assigner = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("交办单位"))
    receiver = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位"))
    kind = models.CharField(_("交办事项类型"), max_length=10, choices=AssignmentKind.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("交办的线索或案件"))
    title = models.CharField(_("交办事项"), max_length=200)
    instructions = models.TextField(_("交办要求"))
    feedback_wanted = models.TextField(_("反馈要求"), blank=True)
    reply_within_days = models.PositiveSmallIntegerField(_("办理期限（签收后工作日）"))
    designated = models.BooleanField(_("指定管辖"), default=False)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="next",
                                 verbose_name=_("原交办单（改派或指定管辖前）"))
    state = models.CharField(_("状态"), max_length=20)
    version = models.PositiveIntegerField(default=1)
    received_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    due_on = models.DateField(_("办理期限"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("逾期提醒负责人时间"), null=True, blank=True)
    outcome = models.CharField(_("办理结果"), max_length=20, choices=ReportOutcome.choices, blank=True)
    outcome_case_number = models.CharField(_("立案案件编号"), max_length=60, blank=True)
    report = models.TextField(_("办结报告"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    steps = subject_relation("workflow.Step", "assignment")
    deadlines = subject_relation("workflow.Deadline", "assignment")
    approvals = subject_relation("workflow.Approval", "assignment")

    class Meta:
        verbose_name = _("交办单")
        verbose_name_plural = _("交办单")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["receiver", "state"], name="assignment_receiver_idx"),
                   models.Index(fields=["assigner", "state"], name="assignment_assigner_idx"),
                   models.Index(fields=["state", "due_on"], name="assignment_due_idx"),
                   # The list's order, read backwards a page at a time (issue 20).
                   models.Index(fields=["-created_at", "-id"], name="assignment_recent_idx")]

    def __str__(self) -> str:
        return _("交办单 %(pk)s：%(title)s") % {"pk": self.pk, "title": self.title}


class CaseLink(models.Model):
    """A lead or case that came out of a command subject, or went into one: the receiver's copy of an assigned
    lead (its origin kept), or a lead or case created from a joint operation. The case app never imports this."""

    ASSIGNED_LEAD, OPERATION = "assigned_lead", "operation"
    KINDS = [(ASSIGNED_LEAD, _("交办线索")), (OPERATION, _("联合执法发现"))]

    kind = models.CharField(_("关联类型"), max_length=20, choices=KINDS)
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="links")
    operation = models.ForeignKey("command.JointOperation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="links")
    # The reverse names let the case page show where a lead came from and where it went without importing this app.
    origin = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="command_links_out", verbose_name=_("来源线索"))
    created = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="command_links_in",
                                verbose_name=_("生成的线索或案件"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "created"], name="case_link_unique")]


class AssistanceRequest(models.Model):
    """A 协助调查函 from one agency to another on the platform, or to one outside it recorded by name."""

    requester = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("请求单位"))
    assisted = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("被请求单位"))
    outside_name = models.CharField(_("平台外被请求单位"), max_length=200, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("请求协查的案件"))
    matters = models.JSONField(_("协查事项"), default=list)
    details = models.TextField(_("协查内容"))
    supplier_notice = models.BooleanField(_("商标法实施条例第八十条供货者通报"), default=False)
    state = models.CharField(_("状态"), max_length=20)
    version = models.PositiveIntegerField(default=1)
    received_at = models.DateTimeField(_("收函时间"), null=True, blank=True)
    answer = models.TextField(_("协查结果"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    steps = subject_relation("workflow.Step", "assistance")
    deadlines = subject_relation("workflow.Deadline", "assistance")
    approvals = subject_relation("workflow.Approval", "assistance")

    class Meta:
        verbose_name = _("协查函")
        verbose_name_plural = _("协查函")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["assisted", "state"], name="assistance_assisted_idx"),
                   models.Index(fields=["requester", "state"], name="assistance_requester_idx")]
        constraints = [models.CheckConstraint(
            condition=models.Q(assisted__isnull=False) | ~models.Q(outside_name=""), name="assistance_addressed")]

    def __str__(self) -> str:
        return _("协查函 %(pk)s") % {"pk": self.pk}

    @property
    def addressee(self) -> str:
        return self.assisted.name if self.assisted_id else self.outside_name


class AssistanceFile(models.Model):
    """A file of the answer, and the evidence item it became in the requesting case."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.PROTECT, related_name="files")
    stored = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    evidence = models.ForeignKey("evidence.EvidenceItem", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)


class JointOperation(models.Model):
    """A joint enforcement operation (联合执法, A-10): the lead agency, its participants, plan, window, report."""

    PLANNED, UNDER_WAY, REPORTED = "planned", "under_way", "reported"
    STATES = [(PLANNED, _("计划中")), (UNDER_WAY, _("实施中")), (REPORTED, _("已报告"))]

    lead = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("牵头单位"))
    participants = models.ManyToManyField("orgs.Agency", related_name="+", verbose_name=_("参与单位"))
    outside_participants = models.CharField(_("平台外参与单位"), max_length=300, blank=True)
    title = models.CharField(_("行动名称"), max_length=200)
    plan = models.TextField(_("行动方案"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    places = models.JSONField(_("检查场所"), default=list, blank=True)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                      verbose_name=_("参加人员"))
    seized_goods = models.JSONField(_("查扣物品"), default=list, blank=True)
    report = models.TextField(_("行动报告"), blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=STATES, default=PLANNED)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    steps = subject_relation("workflow.Step", "operation")
    deadlines = subject_relation("workflow.Deadline", "operation")
    approvals = subject_relation("workflow.Approval", "operation")

    class Meta:
        verbose_name = _("联合执法行动")
        verbose_name_plural = _("联合执法行动")
        ordering = ["-starts_on", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="operation_window")]

    def __str__(self) -> str:
        return self.title
