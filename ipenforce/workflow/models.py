"""The engine's tables, shared by every procedure: the timeline, approvals and statutory time limits, each row
naming its subject (any model) by content type and id."""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StepKind(models.TextChoices):
    ACTION = "action", _("办理")
    PROPOSAL = "proposal", _("提请审批")
    APPROVE = "approve", _("同意")
    REJECT = "reject", _("不同意")
    SEND_BACK = "send_back", _("退回")
    RECORD = "record", _("记录")


class DeadlineStatus(models.TextChoices):
    RUNNING = "running", _("计时中")
    PAUSED = "paused", _("已暂停")
    MET = "met", _("按期完成")
    LATE = "late", _("逾期完成")


OPEN_DEADLINE = (DeadlineStatus.RUNNING, DeadlineStatus.PAUSED)


class SubjectRow(models.Model):
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()

    class Meta:
        abstract = True


class Step(SubjectRow):
    """One entry of a subject's timeline: an action taken, a proposal, an approver's answer, or a record."""

    kind = models.CharField(_("类型"), max_length=20, choices=StepKind.choices)
    action = models.CharField(_("事项"), max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_role = models.CharField(_("身份"), max_length=32, blank=True)
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, related_name="+",
                               verbose_name=_("单位"))
    from_state = models.CharField(max_length=30)
    to_state = models.CharField(max_length=30)
    comment = models.TextField(_("意见"), blank=True)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "created_at"], name="wf_step_subject_idx")]


class Approval(SubjectRow):
    """An action waiting on its approval chain; `position` indexes the actor (`chain`) whose answer is awaited."""

    PENDING, APPROVED, REJECTED, SENT_BACK = "pending", "approved", "rejected", "sent_back"
    STATUSES = [(PENDING, _("待审批")), (APPROVED, _("已批准")), (REJECTED, _("不同意")), (SENT_BACK, _("已退回"))]

    action = models.CharField(_("事项"), max_length=40)
    payload = models.JSONField(default=dict, blank=True)
    chain = models.JSONField(_("审批链"))  # actor keys of the procedure, in order
    position = models.PositiveSmallIntegerField(default=0)
    awaiting = models.CharField(_("待审批环节"), max_length=40, blank=True)  # chain[position] while pending
    awaiting_role = models.CharField(_("待审批角色"), max_length=32, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=STATUSES, default=PENDING)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("审批")
        verbose_name_plural = _("审批")
        constraints = [models.UniqueConstraint(fields=["subject_type", "subject_id"],
                                               condition=models.Q(status="pending"),
                                               name="wf_one_pending_approval")]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="wf_approval_subject_idx"),
                   models.Index(fields=["status", "awaiting_role"], name="wf_approval_queue_idx"),
                   # The approvals of a kind of subject proposed in a period, with what tells whether they were slow.
                   models.Index(fields=["subject_type", "created_at", "subject_id", "decided_at", "status"],
                                name="wf_approval_created_idx")]


class Deadline(SubjectRow):
    """A statutory time limit running on a subject, computed from its rule in rules/time_limits.yaml and owned by
    the actor who must act before it ends."""

    rule = models.CharField(_("规则"), max_length=60)
    title = models.CharField(_("期限"), max_length=100)
    owner = models.CharField(_("责任方"), max_length=40)  # an actor key of the subject's procedure
    started_at = models.DateTimeField(_("起算时间"))
    due_at = models.DateTimeField(_("届满时间"), null=True, blank=True)  # None while an open-ended pause runs
    unit = models.CharField(max_length=20)
    status = models.CharField(_("状态"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.RUNNING)
    pauses = models.JSONField(_("暂停期间"), default=list, blank=True)  # [[start, end or null, reason], …]
    extensions = models.PositiveSmallIntegerField(_("已延长次数"), default=0)
    override_due_at = models.DateTimeField(_("另行确定的期限"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    warning = models.CharField(_("提示"), max_length=300, blank=True)
    citation = models.CharField(_("依据"), max_length=300)
    verified = models.BooleanField(_("已核实"), default=True)

    class Meta:
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        ordering = ["started_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["subject_type", "subject_id", "rule"],
                                               condition=models.Q(status__in=["running", "paused"]),
                                               name="wf_one_open_deadline_per_rule")]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="wf_deadline_subject_idx"),
                   models.Index(fields=["status", "due_at"], name="wf_deadline_due_idx"),
                   # The time limits of a kind of subject ending in a period, with whether they were met in time.
                   models.Index(fields=["subject_type", "due_at", "subject_id", "stopped_at"],
                                name="wf_deadline_subject_due_idx"),
                   # The running time limits already past due, by kind of subject (the dashboard's overdue chart
                   # reads them index-only: a few per cent of all time limits).
                   models.Index(fields=["subject_type", "due_at"], include=["subject_id", "title"],
                                condition=models.Q(status="running"), name="wf_deadline_running_idx")]

    @property
    def due_on(self):
        return timezone.localdate(self.due_at) if self.due_at else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DEADLINE


def subject_relation(model: str, query_name: str) -> GenericRelation:
    """The reverse relation a subject model declares to one of these tables (`steps`, `approvals`, `deadlines`),
    queryable from the table as `<query_name>__…`."""
    return GenericRelation(model, content_type_field="subject_type", object_id_field="subject_id",
                           related_query_name=query_name)


def of_subject(subject: models.Model) -> dict:
    """The lookup of one subject's rows in these tables."""
    return {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": subject.pk}
