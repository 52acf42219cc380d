"""Evidence items of a case, their files stored once by content (SHA-256), and the append-only chain of custody."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.evidence.choices import CustodyKind, EvidenceKind


class StoredFile(models.Model):
    """A file's bytes, stored once under their SHA-256 whatever their name or how often they are attached."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.BigIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("类型"), max_length=100)
    storage_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(_("最近校验"), null=True, blank=True)
    check_ok = models.BooleanField(_("校验结果"), null=True)
    check_note = models.CharField(_("校验说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("存储文件")
        verbose_name_plural = _("存储文件")


class EvidenceItem(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="evidence_items")
    kind = models.CharField(_("证据种类"), max_length=20, choices=EvidenceKind.choices)
    description = models.TextField(_("证据描述"))
    source = models.CharField(_("来源"), max_length=200)
    proves = models.TextField(_("证明对象"), blank=True)  # the fact the item is offered to prove (证据清单)
    place = models.CharField(_("提取地点"), max_length=200)
    collected_at = models.DateTimeField(_("提取时间"))
    collectors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("提取人"))
    captured_url = models.CharField(_("提取网址或系统"), max_length=500, blank=True)
    captured_at = models.DateTimeField(_("电子数据提取时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("证据")
        verbose_name_plural = _("证据")
        ordering = ["collected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.description[:40]}"


class EvidenceFile(models.Model):
    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="files")
    stored = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="attachments")
    name = models.CharField(_("文件名"), max_length=200)

    class Meta:
        ordering = ["pk"]


class CustodyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("custody events are append-only")

    def delete(self):
        raise TypeError("custody events are append-only")


class CustodyEvent(models.Model):
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="custody")
    kind = models.CharField(_("事项"), max_length=20, choices=CustodyKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"))
    place = models.CharField(_("地点"), max_length=200)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CustodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("保管链记录")
        verbose_name_plural = _("保管链记录")
        ordering = ["at", "pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("custody events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("custody events are append-only")
