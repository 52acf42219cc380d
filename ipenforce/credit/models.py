"""Credit supervision (信用监管): penalty information published on the public page, listings on the serious-violation
list (严重违法失信名单), credit-repair applications and objections. Their timelines, approvals and time limits are
the workflow engine's rows."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.workflow.models import subject_relation

MONEY = {"max_digits": 14, "decimal_places": 2}


class Publication(models.Model):
    """The published penalty information of one decided case (公示规定 art 4: the decision with its 信息摘要), a
    snapshot taken when the case unit publishes it, with personal data already masked (arts 5–7)."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="publication")
    # The case's agency, copied when the publication opens (a case never changes agency): the list's scope is an
    # `agency_id = ANY (…)` on publication_agency_idx, not a semi-join through the district's cases (issue 20).
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", db_index=False)
    state = models.CharField(_("状态"), max_length=20)
    version = models.PositiveIntegerField(default=1)
    decision_number = models.CharField(_("行政处罚决定书文号"), max_length=60, db_index=True)
    party_name = models.CharField(_("当事人名称（姓名）"), max_length=200, db_index=True)
    party_uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    party_id_masked = models.CharField(_("身份证号（已遮蔽）"), max_length=18, blank=True)
    party_address_masked = models.CharField(_("住所（已遮蔽）"), max_length=300, blank=True)
    legal_representative = models.CharField(_("法定代表人（负责人）"), max_length=50, blank=True)
    is_natural_person = models.BooleanField(_("自然人"), default=False)
    violation = models.CharField(_("违法行为类型"), max_length=200)
    penalty = models.CharField(_("行政处罚内容"), max_length=300)
    authority = models.CharField(_("作出决定机关"), max_length=100)
    decided_on = models.DateField(_("作出决定日期"))
    published_on = models.DateField(_("公示日期"))
    short_period = models.BooleanField(_("公示期三个月"), default=False)
    ends_on = models.DateField(_("公示截止日期"), db_index=True)
    changed_on = models.DateField(_("决定变更、撤销日期"), null=True, blank=True)
    withdrawn_on = models.DateField(_("撤下日期"), null=True, blank=True)
    stopped_on = models.DateField(_("提前停止公示日期"), null=True, blank=True)
    objection_pending = models.BooleanField(_("异议处理中"), default=False)
    # D-15: the published text — the served decision with personal data masked (credit.documents), by hash.
    document_sha256 = models.CharField(max_length=64, blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    # T15a / D-17 ([PUB45] art 10): a party registered in another province — pushed to its registration bureau.
    registered_region = models.CharField(_("登记地行政区划代码"), max_length=6, blank=True)
    other_province = models.BooleanField(_("外省登记"), default=False)
    pushed_on = models.DateField(_("推送日期"), null=True, blank=True)
    push_receiver = models.CharField(_("接收推送的登记地市场监管部门"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "publication")
    deadlines = subject_relation("workflow.Deadline", "publication")
    approvals = subject_relation("workflow.Approval", "publication")

    class Meta:
        verbose_name = _("行政处罚信息公示")
        verbose_name_plural = _("行政处罚信息公示")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["state", "ends_on"], name="publication_public_idx"),
                   # The list's order, read backwards a page at a time (issue 20).
                   models.Index(fields=["-published_on", "-id"], name="publication_recent_idx"),
                   models.Index(fields=["agency", "-published_on", "-id"], name="publication_agency_idx")]

    def __str__(self) -> str:
        return _("公示：%(number)s") % {"number": self.decision_number}


class Listing(models.Model):
    """A party's listing on the serious-violation list, proposed with the penalty of one case ([SL44] art 13)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="listings")
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="listings")
    party_name = models.CharField(_("当事人名称（姓名）"), max_length=200)
    party_identifier = models.CharField(_("统一社会信用代码或身份证号"), max_length=18, db_index=True)
    state = models.CharField(_("状态"), max_length=20)
    version = models.PositiveIntegerField(default=1)
    ground = models.CharField(_("列入事由"), max_length=40)
    heavier_penalty = models.CharField(_("较重行政处罚"), max_length=40)
    seriousness = models.TextField(_("情节严重的考量"))
    notice_served_on = models.DateField(_("告知送达日"), null=True, blank=True)
    statement = models.TextField(_("陈述申辩意见"), blank=True)
    listed_on = models.DateField(_("列入日期"), null=True, blank=True)
    ends_on = models.DateField(_("管理期届满日"), null=True, blank=True)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    removal_reason = models.CharField(_("移出原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "listing")
    deadlines = subject_relation("workflow.Deadline", "listing")
    approvals = subject_relation("workflow.Approval", "listing")

    class Meta:
        verbose_name = _("严重违法失信名单")
        verbose_name_plural = _("严重违法失信名单")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "ends_on"], name="listing_state_ends_idx")]

    def __str__(self) -> str:
        return _("列严 %(pk)s：%(name)s") % {"pk": self.pk, "name": self.party_name}


class RepairRequest(models.Model):
    """A party's credit-repair application (early stop of publicity, early removal from the list) or objection to
    published information, recorded by the bureau that published or listed it."""

    PUBLICITY_STOP, LISTING_REMOVAL, OBJECTION = "publicity_stop", "listing_removal", "objection"
    KINDS = [(PUBLICITY_STOP, _("提前停止公示（信用修复）")),
             (LISTING_REMOVAL, _("提前移出严重违法失信名单（信用修复）")), (OBJECTION, _("异议申请"))]

    kind = models.CharField(_("类型"), max_length=20, choices=KINDS)
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="repairs")
    listing = models.ForeignKey(Listing, on_delete=models.PROTECT, null=True, blank=True, related_name="repairs")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="repair_requests")
    state = models.CharField(_("状态"), max_length=20)
    version = models.PositiveIntegerField(default=1)
    applicant = models.CharField(_("申请人"), max_length=200)
    applied_on = models.DateField(_("申请日期"))
    grounds = models.TextField(_("申请理由"))
    materials = models.JSONField(_("提交的材料"), default=dict, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision = models.TextField(_("决定理由"), blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)  # the decision as .docx (credit.documents)
    document_name = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "repair")
    deadlines = subject_relation("workflow.Deadline", "repair")
    approvals = subject_relation("workflow.Approval", "repair")

    class Meta:
        verbose_name = _("信用修复与异议")
        verbose_name_plural = _("信用修复与异议")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(publication__isnull=False) | models.Q(listing__isnull=False),
            name="repair_has_target")]

    def __str__(self) -> str:
        return _("%(kind)s %(pk)s：%(who)s") % {"kind": self.get_kind_display(), "pk": self.pk, "who": self.applicant}


class RepeatCheck(models.Model):
    """The repeat-infringement check of a case (TML art 60, D-33; Guangdong D-34; Shenzhen D-37), run when the lead
    is registered and when its decision is drafted; `findings` holds each rule met with the earlier decisions'
    numbers, authorities and dates (shareable across the city), empty when none is met."""

    REGISTERED, DECISION_DRAFTED = "registered", "decision_drafted"
    OCCASIONS = [(REGISTERED, _("登记案源时")), (DECISION_DRAFTED, _("拟作出处罚决定时"))]

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="repeat_checks")
    occasion = models.CharField(_("检查时机"), max_length=20, choices=OCCASIONS)
    checked_on = models.DateField(_("检查日期"))
    findings = models.JSONField(_("检查结果"), default=list, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("重复侵权检查")
        verbose_name_plural = _("重复侵权检查")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return _("%(occasion)s的重复侵权检查") % {"occasion": self.get_occasion_display()}
