"""The protection centre's work: complaints (快速维权) and e-commerce takedown notices (电子商务法 arts 41–45), each a
subject of the workflow engine; the platforms' calls kept by their own reference so a repeated call changes
nothing; the centre's configurable targets."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.choices import IpType
from ipenforce.workflow.models import subject_relation


class CentreSettings(models.Model):
    """Targets a centre sets for itself where no law fixes a period (wave2-rules.md C-09): shown as targets."""

    centre = models.OneToOneField("orgs.Agency", on_delete=models.PROTECT, related_name="protection_settings",
                                  verbose_name=_("保护中心"))
    acceptance_working_days = models.PositiveSmallIntegerField(
        _("投诉受理审查目标（工作日）"), help_text=_("本中心自定的工作目标，不是法定期限。"))
    priority_working_days = models.PositiveSmallIntegerField(
        _("重点企业（直通车）投诉受理审查目标（工作日）"), null=True, blank=True,
        help_text=_("本中心自定的较短工作目标，不是法定期限；不填则与一般投诉相同。"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("保护中心工作目标")
        verbose_name_plural = _("保护中心工作目标")


class RightsCertificate(models.Model):
    """A rights holder's certificate (patent, trademark or copyright registration) filed once with its file and
    reused by its complaints and notices."""

    holder = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="rights_certificates",
                               verbose_name=_("权利人单位"))
    ip_type = models.CharField(_("知识产权类型"), max_length=20, choices=IpType.choices)
    number = models.CharField(_("证书号或注册号"), max_length=100)
    title = models.CharField(_("名称"), max_length=200)
    owner_name = models.CharField(_("证书记载的权利人"), max_length=200)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    filename = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("权利证书")
        verbose_name_plural = _("权利证书")
        ordering = ["ip_type", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["holder", "ip_type", "number"], name="certificate_unique")]

    def __str__(self) -> str:
        return f"{self.get_ip_type_display()} {self.number}（{self.title}）"


class Complaint(models.Model):
    """A complaint (投诉) to the centre from a rights holder or the public."""

    centre = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("保护中心"))
    complainant = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="protection_complaints", verbose_name=_("投诉人（权利人单位）"))
    complainant_name = models.CharField(_("投诉人"), max_length=100)
    complainant_contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    identity = models.TextField(_("投诉人身份信息"), blank=True)
    ip_type = models.CharField(_("知识产权类型"), max_length=20, choices=IpType.choices)
    right_text = models.TextField(_("权利（证书号、权利人）"), blank=True)
    accused_name = models.CharField(_("被投诉人或网店"), max_length=200, blank=True)
    shop_url = models.CharField(_("网店或商品链接"), max_length=500, blank=True)
    evidence = models.TextField(_("证据材料"), blank=True)
    request = models.TextField(_("请求事项"), blank=True)
    key_enterprise = models.BooleanField(_("重点企业（直通车）"), default=False)
    certificates = models.ManyToManyField(RightsCertificate, blank=True, related_name="complaints",
                                          verbose_name=_("权利证书"))
    missing_notice = models.TextField(_("补正通知"), blank=True)
    bureau = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("转交的监管局"))
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="protection_complaints", verbose_name=_("案源"))
    outcome = models.TextField(_("处理结果"), blank=True)
    state = models.CharField(_("状态"), max_length=30)
    version = models.PositiveIntegerField(default=1)
    received_on = models.DateField(_("登记日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "complaint")
    deadlines = subject_relation("workflow.Deadline", "complaint")
    approvals = subject_relation("workflow.Approval", "complaint")

    class Meta:
        verbose_name = _("投诉")
        verbose_name_plural = _("投诉")
        ordering = ["-key_enterprise", "-created_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="complaint_state_idx"),
                   models.Index(fields=["-key_enterprise", "-created_at"], name="complaint_order_idx")]

    def __str__(self) -> str:
        return _("投诉 %(pk)s（%(name)s）") % {"pk": self.pk, "name": self.complainant_name}


class Measure(models.TextChoices):
    DELETE = "delete", _("删除")
    BLOCK = "block", _("屏蔽")
    DISCONNECT = "disconnect", _("断开链接")
    TERMINATE = "terminate", _("终止交易和服务")


class TakedownNotice(models.Model):
    """A notice (通知) to an e-commerce platform and what follows it: the platform's necessary measures, the
    seller's declaration, the right holder's complaint or suit, the end of the measures."""

    centre = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("保护中心"))
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="notices", verbose_name=_("投诉"))
    platform = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="takedown_notices",
                                 verbose_name=_("电子商务平台"))
    right_holder = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="sent_notices", verbose_name=_("权利人单位"))
    right_holder_name = models.CharField(_("权利人"), max_length=100)
    identity = models.TextField(_("权利人真实身份信息"))
    ip_type = models.CharField(_("知识产权类型"), max_length=20, choices=IpType.choices)
    right_text = models.TextField(_("权利"))
    listings = models.TextField(_("涉嫌侵权的商品或服务链接"))
    evidence = models.TextField(_("构成侵权的初步证据"))
    seller = models.CharField(_("平台内经营者"), max_length=200, blank=True)
    certificates = models.ManyToManyField(RightsCertificate, blank=True, related_name="notices",
                                          verbose_name=_("权利证书"))
    measures = models.CharField(_("必要措施"), max_length=20, choices=Measure.choices, blank=True)
    measures_on = models.DateField(_("采取措施日期"), null=True, blank=True)
    forwarded_on = models.DateField(_("转送经营者日期"), null=True, blank=True)
    declaration = models.TextField(_("不侵权声明"), blank=True)
    declaration_arrived_on = models.DateField(_("声明到达权利人日期"), null=True, blank=True)
    action_kind = models.CharField(_("权利人已投诉或起诉"), max_length=20, blank=True)
    action_notified_on = models.DateField(_("投诉或起诉通知到达平台日期"), null=True, blank=True)
    ended_on = models.DateField(_("终止措施日期"), null=True, blank=True)
    identity_requested = models.BooleanField(_("已请平台提供经营者线下身份"), default=False)
    seller_identity = models.TextField(_("经营者线下身份信息"), blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="takedown_notices", verbose_name=_("移交的案源"))
    state = models.CharField(_("状态"), max_length=30)
    version = models.PositiveIntegerField(default=1)
    sent_on = models.DateField(_("通知日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "takedown_notice")
    deadlines = subject_relation("workflow.Deadline", "takedown_notice")
    approvals = subject_relation("workflow.Approval", "takedown_notice")

    class Meta:
        verbose_name = _("删除通知")
        verbose_name_plural = _("删除通知")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="notice_state_idx"),
                   models.Index(fields=["platform", "state"], name="notice_platform_state_idx"),
                   # The desk's order, read backwards a page at a time (issue 20).
                   models.Index(fields=["-created_at", "-id"], name="notice_recent_idx")]

    def __str__(self) -> str:
        return _("删除通知 %(pk)s（%(platform)s）") % {"pk": self.pk, "platform": self.platform}


class PlatformCall(models.Model):
    """A platform's call to act on a notice, kept under the platform's own reference: the same reference again
    returns the first answer and changes nothing."""

    platform = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("平台业务编号"), max_length=100)
    notice = models.ForeignKey(TakedownNotice, on_delete=models.PROTECT, related_name="platform_calls")
    action = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "reference"], name="platform_call_reference_unique")]


class Adjudication(models.Model):
    """A patent-infringement dispute brought to the patent department for adjudication (专利侵权纠纷行政裁决)."""

    bureau = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("管理专利工作的部门"))
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="adjudications", verbose_name=_("投诉"))
    petitioner = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="adjudication_requests", verbose_name=_("请求人单位"))
    petitioner_name = models.CharField(_("请求人"), max_length=100)
    respondent_name = models.CharField(_("被请求人"), max_length=200)
    patent = models.TextField(_("专利（专利号、类型）"))
    request = models.TextField(_("请求事项"))
    outcome = models.CharField(_("裁决结果"), max_length=20, blank=True)
    decision = models.TextField(_("处理决定或调解书"), blank=True)
    served_on = models.DateField(_("决定送达日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=30)
    version = models.PositiveIntegerField(default=1)
    requested_on = models.DateField(_("请求日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "adjudication")
    deadlines = subject_relation("workflow.Deadline", "adjudication")
    approvals = subject_relation("workflow.Approval", "adjudication")

    class Meta:
        verbose_name = _("专利侵权纠纷行政裁决")
        verbose_name_plural = _("专利侵权纠纷行政裁决")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="adjudication_state_idx")]

    def __str__(self) -> str:
        return _("行政裁决 %(pk)s（%(petitioner)s 诉 %(respondent)s）") % {
            "pk": self.pk, "petitioner": self.petitioner_name, "respondent": self.respondent_name}


class Mediator(models.Model):
    """A mediator on a mediation organisation's roster (特邀调解员名册, E-01; chosen or designated, E-03); its
    caseload is counted from the mediations it is designated to."""

    organisation = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("调解组织"))
    name = models.CharField(_("姓名"), max_length=50)
    roster = models.CharField(_("名册"), max_length=100, blank=True, help_text=_("如：人民法院特邀调解员名册"))
    speciality = models.CharField(_("专长"), max_length=200, blank=True)
    is_active = models.BooleanField(_("在册"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        ordering = ["organisation_id", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="mediator_name_unique")]

    def __str__(self) -> str:
        return self.name


class Mediation(models.Model):
    """A mediation of an IP dispute by the centre: administrative (行政调解) or for a court (委派 before filing,
    委托 after it), from the signed receipt of the materials to an agreement and its judicial confirmation."""

    ADMINISTRATIVE, ASSIGNED, ENTRUSTED_ORDINARY, ENTRUSTED_SIMPLE = (
        "administrative", "assigned", "entrusted_ordinary", "entrusted_simple")
    KINDS = [(ADMINISTRATIVE, _("行政调解")), (ASSIGNED, _("法院委派调解（立案前）")),
             (ENTRUSTED_ORDINARY, _("法院委托调解（普通程序）")), (ENTRUSTED_SIMPLE, _("法院委托调解（简易程序）"))]

    organisation = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("调解组织"))
    court = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("人民法院"))
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="mediations", verbose_name=_("投诉"))
    kind = models.CharField(_("调解类型"), max_length=20, choices=KINDS)
    court_reference = models.CharField(_("法院案号或委派编号"), max_length=100, blank=True)
    parties = models.TextField(_("当事人"))
    dispute = models.TextField(_("纠纷事项"))
    mediators = models.CharField(_("调解员"), max_length=200, blank=True)
    designated = models.ManyToManyField(Mediator, blank=True, related_name="mediations",
                                        verbose_name=_("名册中的调解员"))
    online_applied_on = models.DateField(_("当事人在线申请调解日期"), null=True, blank=True)
    online_designated_on = models.DateField(_("法院在线指定日期"), null=True, blank=True)
    agreement = models.TextField(_("调解协议"), blank=True)
    agreement_on = models.DateField(_("协议生效日期"), null=True, blank=True)
    received_on = models.DateField(_("签收或受理日期"))
    state = models.CharField(_("状态"), max_length=30)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "mediation")
    deadlines = subject_relation("workflow.Deadline", "mediation")
    approvals = subject_relation("workflow.Approval", "mediation")

    class Meta:
        verbose_name = _("调解")
        verbose_name_plural = _("调解")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="mediation_state_idx")]

    def __str__(self) -> str:
        return _("调解 %(pk)s（%(kind)s）") % {"pk": self.pk, "kind": self.get_kind_display()}


class AdjudicationDocument(models.Model):
    """A paper of an adjudication's stage (受理通知书 … 行政裁决书, 送达回证), rendered when the stage is done and
    stored once under its SHA-256 (documents.render), so a download can be checked against the hash."""

    adjudication = models.ForeignKey(Adjudication, on_delete=models.PROTECT, related_name="documents",
                                     verbose_name=_("行政裁决"))
    kind = models.CharField(_("文书种类"), max_length=30)
    title = models.CharField(_("文书名称"), max_length=100)
    number = models.CharField(_("文书编号"), max_length=100)
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("行政裁决文书")
        verbose_name_plural = _("行政裁决文书")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"


class Registration(models.Model):
    """An outside organisation's application for an account (a rights holder or an e-commerce platform), waiting on
    the centre's identity check; approval creates the organisation and its active account."""

    KINDS = [("rights_holder", _("权利人（企业、代理机构）")), ("ecommerce_platform", _("电子商务平台"))]

    centre = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("保护中心"))
    organisation_name = models.CharField(_("单位名称"), max_length=100)
    kind = models.CharField(_("单位类型"), max_length=32, choices=KINDS)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    contact_name = models.CharField(_("联系人"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), max_length=254)
    username = models.CharField(_("用户名"), max_length=150)
    password_hash = models.CharField(max_length=128)
    filename = models.CharField(_("证明文件"), max_length=200)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200)
    reason = models.TextField(_("不予通过的理由"), blank=True)
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("创建的单位"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("创建的账号"))
    state = models.CharField(_("状态"), max_length=30)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "registration")
    deadlines = subject_relation("workflow.Deadline", "registration")
    approvals = subject_relation("workflow.Approval", "registration")

    class Meta:
        verbose_name = _("单位注册申请")
        verbose_name_plural = _("单位注册申请")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return _("注册申请 %(pk)s（%(name)s）") % {"pk": self.pk, "name": self.organisation_name}
