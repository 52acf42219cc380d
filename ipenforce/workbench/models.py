"""The inbox: a notification for each person when work reaches them or falls due, and how each person wants
to be told."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    NEW, DUE_SOON, OVERDUE = "new", "due_soon", "overdue"
    KINDS = [(NEW, _("新待办")), (DUE_SOON, _("即将到期")), (OVERDUE, _("已逾期"))]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    item = models.ForeignKey("core.WorkItem", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("类型"), max_length=10, choices=KINDS)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "item", "kind"], name="notification_once")]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox_idx")]


class NotificationPreference(models.Model):
    """Which notifications a person also receives by e-mail (the inbox always has them)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    email_new = models.BooleanField(_("新待办发邮件"), default=False)
    email_due_soon = models.BooleanField(_("即将到期发邮件"), default=True)
    email_overdue = models.BooleanField(_("已逾期发邮件"), default=True)

    class Meta:
        verbose_name = _("消息设置")
        verbose_name_plural = _("消息设置")

    def emails(self, kind: str) -> bool:
        return getattr(self, f"email_{kind}")
