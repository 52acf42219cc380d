"""Kernel tables: the append-only hash-chained audit log, the working-day calendar, work items, export jobs."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("audit events are append-only")

    def delete(self):
        raise TypeError("audit events are append-only")


class AuditEvent(models.Model):
    """One write, as it happened. Each row's hash covers the previous row's hash (SHA-256 chain)."""

    seq = models.BigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("操作人"),
    )
    actor_label = models.CharField(_("操作人账号"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("单位")
    )
    action = models.CharField(_("操作"), max_length=64)
    target_type = models.CharField(_("对象类型"), max_length=64)
    target_id = models.CharField(_("对象编号"), max_length=64)
    target_label = models.CharField(_("对象"), max_length=255, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    prev_hash = models.CharField(_("前序哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["agency", "-seq"], name="audit_agency_idx"),
            models.Index(fields=["actor", "-seq"], name="audit_actor_idx"),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit events are append-only")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_type}:{self.target_id}"


class AuditHead(models.Model):
    """The single row naming the chain's last event; appending locks it, so events are chained one at a time."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single_row")]


class CalendarYear(models.Model):
    """A year the working-day calendar knows; dates in other years are counted with a warning."""

    SOURCE_PACKAGE = "package"
    SOURCE_ADMIN = "admin"
    SOURCE_CHOICES = [(SOURCE_PACKAGE, _("chinese-calendar 数据包")), (SOURCE_ADMIN, _("管理员维护"))]

    year = models.PositiveSmallIntegerField(_("年份"), primary_key=True)
    source = models.CharField(_("来源"), max_length=16, choices=SOURCE_CHOICES)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day whose status differs from the plain Monday–Friday rule: a holiday or a make-up working day (调休)."""

    date = models.DateField(_("日期"), primary_key=True)
    is_working_day = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("说明"), max_length=50, blank=True)
    source = models.CharField(_("来源"), max_length=16, choices=CalendarYear.SOURCE_CHOICES)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {_('工作日') if self.is_working_day else _('休息日')}"


class WorkItem(models.Model):
    """Something waiting on someone: on named people (the officers of a case), or on the holders of a role at an
    agency. Who holds the role is resolved when a queue is read, so role changes reach work in flight, and an
    agency with nobody in the role passes the work to the nearest agency above it that has someone.
    """

    OPEN, DONE, CANCELLED = "open", "done", "cancelled"
    STATE_CHOICES = [(OPEN, _("待办")), (DONE, _("已办")), (CANCELLED, _("已撤销"))]
    DUE_OK, DUE_SOON, OVERDUE = "ok", "due_soon", "overdue"
    DUE_CHOICES = [(DUE_OK, _("正常")), (DUE_SOON, _("即将到期")), (OVERDUE, _("已逾期"))]

    kind = models.CharField(_("类型"), max_length=80)
    title = models.CharField(_("事项"), max_length=200)
    target_type = models.CharField(_("对象类型"), max_length=64)
    target_id = models.CharField(_("对象编号"), max_length=64)
    url = models.CharField(_("办理地址"), max_length=200, blank=True)
    assignee_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="work_items",
        verbose_name=_("承办单位"),
    )
    eligible_role = models.CharField(_("承办角色"), max_length=32, blank=True)  # blank: only the named people
    state = models.CharField(_("状态"), max_length=16, choices=STATE_CHOICES, default=OPEN)
    due_at = models.DateTimeField(_("期限"), null=True, blank=True)
    due_status = models.CharField(_("期限状态"), max_length=16, choices=DUE_CHOICES, default=DUE_OK)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待办事项")
        verbose_name_plural = _("待办事项")
        ordering = ["due_at", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_type", "target_id"], condition=models.Q(state="open"),
                name="work_item_one_open_per_target",
            ),
        ]
        indexes = [
            models.Index(fields=["assignee_agency", "state", "eligible_role", "due_at"], name="work_agency_queue_idx"),
            models.Index(fields=["state", "due_at"], name="work_due_idx"),
            models.Index(fields=["target_type", "target_id", "state"], name="work_target_idx"),
            # The queues' role branch (orgs.selectors.work_queue): open items only, in the queue's order.
            models.Index(fields=["assignee_agency", "eligible_role", "due_at", "created_at"],
                         condition=models.Q(state="open"), name="work_open_role_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class WorkItemPerson(models.Model):
    """A person a work item is for (`excluded=False`), or one it must never reach (`excluded=True`: the proposer
    of an approval, an officer of the case for its legal review)."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    excluded = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="work_item_person_unique")]
        indexes = [models.Index(fields=["user", "excluded", "item"], name="work_person_user_idx")]


class ExportJob(models.Model):
    """A list exported to .xlsx in the background: the list's name and filters, progress, and the finished file."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [(QUEUED, _("排队中")), (RUNNING, _("导出中")), (DONE, _("已完成")), (FAILED, _("失败"))]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    name = models.CharField(_("列表"), max_length=40)
    params = models.JSONField(_("筛选条件"), default=dict, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=STATES, default=QUEUED)
    total = models.PositiveIntegerField(_("总行数"), default=0)
    done = models.PositiveIntegerField(_("已导出行数"), default=0)
    file = models.FileField(_("文件"), upload_to="exports/%Y/%m/", blank=True)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # Set when the worker starts and at every progress report: a running job whose heartbeat stopped lost its worker.
    heartbeat_at = models.DateTimeField(_("最近进度"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导出任务")
        verbose_name_plural = _("导出任务")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="export_user_recent")]

    @property
    def title(self) -> str:
        from ipenforce.core.exports import EXPORTS

        return str(EXPORTS[self.name].title) if self.name in EXPORTS else self.name

    @property
    def stalled(self) -> bool:
        """Queued or running, but no worker has reported for IPENFORCE_EXPORT_STALE_MINUTES (killed or never run)."""
        from django.conf import settings
        from django.utils import timezone

        if self.state not in (self.QUEUED, self.RUNNING):
            return False
        return timezone.now() - (self.heartbeat_at or self.created_at) > settings.EXPORT_STALE_AFTER

    @property
    def retryable(self) -> bool:
        return self.state == self.FAILED or self.stalled

    @property
    def percent(self) -> int:
        return 100 if self.state == self.DONE else (self.done * 100 // self.total if self.total else 0)


class ImportJob(models.Model):
    """A bulk .xlsx import: the upload, every row's errors (row and column) found before anything is saved, and
    the worker's progress through the checks and the one transaction that writes the rows."""

    INVALID, QUEUED, CHECKING, IMPORTING, DONE, FAILED = (
        "invalid", "queued", "checking", "importing", "done", "failed")
    STATES = [(INVALID, _("有错误，未导入")), (QUEUED, _("排队中")), (CHECKING, _("校验中")),
              (IMPORTING, _("写入中")), (DONE, _("已导入")), (FAILED, _("失败，未导入"))]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    name = models.CharField(_("导入类型"), max_length=40)
    params = models.JSONField(_("导入目标"), default=dict, blank=True)
    file = models.FileField(_("文件"), upload_to="imports/%Y/%m/", blank=True)
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=STATES, default=QUEUED)
    total = models.PositiveIntegerField(_("总行数"), default=0)
    done = models.PositiveIntegerField(_("已处理行数"), default=0)
    errors = models.JSONField(_("错误（行、列、说明）"), default=list, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="import_user_recent")]

    @property
    def title(self) -> str:
        from ipenforce.core.imports import IMPORTS

        return str(IMPORTS[self.name].title) if self.name in IMPORTS else self.name

    @property
    def running(self) -> bool:
        return self.state in (self.QUEUED, self.CHECKING, self.IMPORTING)

    @property
    def percent(self) -> int:
        return 100 if self.state == self.DONE else (self.done * 100 // self.total if self.total else 0)
