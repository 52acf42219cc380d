"""On-site records (笔录) written against a case or lead, their signatures, and photos with time and place.

A record is a draft until it is signed; sealing stores its canonical text and the signature images' hashes as one
file in the evidence store (content-addressed) and keeps that hash on the record, so any later change to the text
or to a signature is detectable (电子签名法 arts.13–14). A correction is a new record that refers to the old one.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.field.choices import MediaKind, RecordKind, RecordState, SignerRole, StampSource


class FieldRecord(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="field_records")
    kind = models.CharField(_("笔录种类"), max_length=20, choices=RecordKind.choices)
    state = models.CharField(_("状态"), max_length=20, choices=RecordState.choices, default=RecordState.DRAFT)
    client_key = models.UUIDField(_("客户端标识"), unique=True, null=True, blank=True)
    revision = models.PositiveIntegerField(_("第几版"), default=1)
    supersedes = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="superseded_by", verbose_name=_("更正的笔录"))
    version = models.PositiveIntegerField(default=1)
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy_m = models.PositiveIntegerField(_("定位精度（米）"), null=True, blank=True)
    # The officers as they were when the record was written: id, name, 执法证号 (part of the sealed content).
    officers = models.JSONField(_("执法人员及执法证号"), default=list)
    certificates_shown = models.BooleanField(_("已出示执法证件"), default=False)
    party_present = models.BooleanField(_("当事人在场"), default=True)
    person_name = models.CharField(_("当事人或被询问人姓名"), max_length=100)
    person_id_number = models.CharField(_("身份证件号码"), max_length=40, blank=True)
    person_role = models.CharField(_("身份（当事人、法定代表人、委托代理人、现场负责人等）"), max_length=60,
                                   blank=True)
    person_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    person_address = models.CharField(_("住址或单位"), max_length=200, blank=True)
    witness_name = models.CharField(_("见证人姓名"), max_length=100, blank=True)
    witness_id_number = models.CharField(_("见证人身份证件号码"), max_length=40, blank=True)
    rights_read = models.BooleanField(_("已告知权利义务（申请回避、如实回答等）"), default=False)
    findings = models.TextField(_("现场检查情况"), blank=True)
    measures = models.TextField(_("采取的措施"), blank=True)
    questions = models.JSONField(_("问答"), default=list, blank=True)
    party_refused = models.BooleanField(_("当事人拒绝签名"), default=False)
    refusal_note = models.CharField(_("拒绝签名情况"), max_length=300, blank=True)
    sealed_at = models.DateTimeField(_("封存时间"), null=True, blank=True)
    sealed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    seal_sha256 = models.CharField(_("封存校验值"), max_length=64, blank=True)
    sealed_file = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    evidence_item = models.OneToOneField("evidence.EvidenceItem", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="field_record")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("笔录")
        verbose_name_plural = _("笔录")
        ordering = ["started_at", "pk"]
        indexes = [models.Index(fields=["case", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.started_at:%Y-%m-%d}）"


class RecordSignature(models.Model):
    """One signature on a record: an image drawn on the screen, or a refusal to sign (stored without an image)."""

    record = models.ForeignKey(FieldRecord, on_delete=models.CASCADE, related_name="signatures")
    role = models.CharField(_("签名人身份"), max_length=20, choices=SignerRole.choices)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    name = models.CharField(_("签名人"), max_length=100)
    stored = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    refused = models.BooleanField(_("拒绝签名"), default=False)
    signed_at = models.DateTimeField(_("签名时间"))

    class Meta:
        verbose_name = _("签名")
        verbose_name_plural = _("签名")
        ordering = ["pk"]


class FieldPhoto(models.Model):
    """A photo or short video taken on the spot: its time and place, where each came from, and the evidence item
    it became. The stored file is the original as received; the stamp (time, place, officer) is these fields, drawn
    only on the display copy of a photo (stamp.py)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="field_photos")
    record = models.ForeignKey(FieldRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos")
    client_key = models.UUIDField(_("客户端标识"), unique=True, null=True, blank=True)
    media = models.CharField(_("类型"), max_length=10, choices=MediaKind.choices, default=MediaKind.PHOTO)
    evidence_item = models.OneToOneField("evidence.EvidenceItem", on_delete=models.PROTECT,
                                         related_name="field_photo")
    stored = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")
    captured_at = models.DateTimeField(_("拍摄时间"))
    time_source = models.CharField(_("时间来源"), max_length=20, choices=StampSource.choices)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy_m = models.PositiveIntegerField(_("定位精度（米）"), null=True, blank=True)
    position_source = models.CharField(_("位置来源"), max_length=20, choices=StampSource.choices)
    device_sha256 = models.CharField(_("设备端校验值"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("现场照片")
        verbose_name_plural = _("现场照片")
        ordering = ["captured_at", "pk"]


class PhoneLead(models.Model):
    """A lead an officer registered on the phone during an inspection: the device's key (so a retried sync
    registers it once) and where and when it was registered. The lead itself is a case like any desk lead."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="phone_lead")
    client_key = models.UUIDField(_("客户端标识"), unique=True)
    registered_at = models.DateTimeField(_("登记时间"))
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy_m = models.PositiveIntegerField(_("定位精度（米）"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("手机登记的线索")
        verbose_name_plural = _("手机登记的线索")
