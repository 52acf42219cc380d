"""Statutory kinds of evidence and the events of its chain of custody."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    DOCUMENTARY = "documentary", _("书证")
    PHYSICAL = "physical", _("物证")
    AUDIOVISUAL = "audiovisual", _("视听资料")
    ELECTRONIC = "electronic", _("电子数据")
    WITNESS = "witness", _("证人证言")
    PARTY_STATEMENT = "party_statement", _("当事人陈述")
    EXPERT_OPINION = "expert_opinion", _("鉴定意见")
    RECORD = "record", _("勘验笔录、现场笔录")


class CustodyKind(models.TextChoices):
    COLLECTED = "collected", _("收集提取")
    SEALED = "sealed", _("封存")
    IDENTIFICATION = "identification", _("交权利人辨认鉴别")
    TESTING = "testing", _("送检测、鉴定")
    TRANSFERRED_POLICE = "transferred_police", _("移交公安机关")
    RETURNED = "returned", _("退还")
    DESTROYED = "destroyed", _("销毁")
