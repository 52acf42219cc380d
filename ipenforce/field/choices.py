"""Kinds of on-site record, their states, the signers' roles and where a photo's time and place came from."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordKind(models.TextChoices):
    INSPECTION = "inspection", _("现场检查笔录")
    INQUIRY = "inquiry", _("询问（调查）笔录")


class RecordState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SEALED = "sealed", _("已签名封存")
    SUPERSEDED = "superseded", _("已被更正")


class SignerRole(models.TextChoices):
    PARTY = "party", _("当事人（被询问人）")
    OFFICER = "officer", _("执法人员")
    WITNESS = "witness", _("见证人")


class MediaKind(models.TextChoices):
    """What the phone's camera took."""

    PHOTO = "photo", _("照片")
    VIDEO = "video", _("视频")


class StampSource(models.TextChoices):
    """Where a photo's capture time or position came from."""

    EXIF = "exif", _("照片EXIF信息")
    BROWSER = "browser", _("手机浏览器（时钟、定位）")
    SERVER = "server", _("服务器接收时间")
    NONE = "none", _("无")
