"""Cases: the lead and the case it becomes, its parties, IP rights, officers, payments, measures and appeals (its
timeline, approvals and time limits are the workflow engine's rows)."""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.choices import (
    SERVICE_CLASSES,
    AppealKind,
    AppealOutcome,
    Discretion,
    IpType,
    MatterType,
    Offence,
    Outcome,
    PartyKind,
    Procedure,
    Retention,
    ServiceMethod,
    Source,
    State,
)
from ipenforce.workflow.models import subject_relation

MONEY = {"max_digits": 14, "decimal_places": 2}
# The counts the criminal thresholds measure besides money (标识件数, 复制品数量, online dissemination figures).
COUNT_FIELDS = ("label_count", "unsold_label_count", "copy_count", "works_count", "click_count", "member_count")


class Campaign(models.Model):
    """A campaign tag (专项行动): 护航, 雷霆, 剑网, 铁拳 … maintained by administrators."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("专项行动")
        verbose_name_plural = _("专项行动")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="cases",
                               verbose_name=_("办案单位"))
    number = models.CharField(_("案件编号"), max_length=60, null=True, blank=True, unique=True)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    number_seq = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(_("案由"), max_length=200)
    source = models.CharField(_("案件来源"), max_length=20, choices=Source.choices)
    ip_type = models.CharField(_("知识产权类型"), max_length=20, choices=MatterType.choices)
    offence = models.CharField(_("违法行为类别"), max_length=30, choices=Offence.choices, blank=True, default="",
                               help_text=_("决定适用的罚则和是否比对刑事立案追诉标准。"))
    description = models.TextField(_("线索描述"))
    discovered_on = models.DateField(_("发现日期"))
    conduct_on = models.DateField(_("违法行为发生日"), null=True, blank=True,
                                  help_text=_("决定适用哪一版法律规则；不填时按发现日期。"))
    conduct_ended_on = models.DateField(
        _("违法行为终了日"), null=True, blank=True,
        help_text=_("违法行为有连续或者继续状态的，追责时效自行为终了之日起计算（《行政处罚法》第三十六条第二款）。"))
    harms_safety = models.BooleanField(
        _("涉及生命健康安全、金融安全且有危害后果"), default=False,
        help_text=_("追责时效延长至五年（《行政处罚法》第三十六条第一款）。"))
    campaigns = models.ManyToManyField(Campaign, blank=True, related_name="cases", verbose_name=_("专项行动"))
    is_ecommerce = models.BooleanField(_("涉电商"), default=False)
    is_cross_region = models.BooleanField(_("跨区域"), default=False)
    public_interest = models.BooleanField(_("涉及重大公共利益"), default=False,
                                          help_text=_("须法制审核（《行政处罚法》第五十八条第一款第一项）。"))
    major_rights = models.BooleanField(
        _("直接关系当事人或者第三人重大权益"), default=False,
        help_text=_("经过听证程序的，须法制审核（《行政处罚法》第五十八条第一款第二项）。"))
    is_major = models.BooleanField(_("情节复杂或重大"), default=False,
                                   help_text=_("需法制审核并经负责人集体讨论（《行政处罚法》第五十七条、第五十八条）。"))

    procedure = models.CharField(_("程序"), max_length=10, choices=Procedure.choices, blank=True, default="")
    triage_reason = models.CharField(_("分流理由"), max_length=500, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.VERIFYING)
    version = models.PositiveIntegerField(_("版本"), default=1)

    illegal_turnover = models.DecimalField(_("违法经营额（元）"), null=True, blank=True, **MONEY)
    illegal_gains = models.DecimalField(_("违法所得（元）"), null=True, blank=True, **MONEY)
    goods_value = models.DecimalField(_("涉案物品货值（元）"), null=True, blank=True, **MONEY)
    sales_amount = models.DecimalField(_("销售金额（元）"), null=True, blank=True, **MONEY)
    loss_amount = models.DecimalField(
        _("给权利人造成的损失数额（元）"), null=True, blank=True,
        help_text=_("商业秘密：按许可使用费、销售利润损失、商业价值或补救费用计算。"), **MONEY)
    label_count = models.PositiveIntegerField(
        _("标识件数"), null=True, blank=True,
        help_text=_("伪造、擅自制造或者已销售的注册商标标识件数（一件为一个完整商标图样）。"))
    unsold_label_count = models.PositiveIntegerField(_("尚未销售的标识件数"), null=True, blank=True)
    copy_count = models.PositiveIntegerField(_("复制品数量（张、份）"), null=True, blank=True)
    works_count = models.PositiveIntegerField(_("通过信息网络传播的作品数量（件）"), null=True, blank=True)
    click_count = models.PositiveIntegerField(_("传播的作品实际被点击数"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("以会员制方式传播的注册会员数"), null=True, blank=True)
    innocent_seller = models.BooleanField(
        _("销售者不知道是侵权商品，能证明合法取得并说明提供者"), default=False,
        help_text=_("只责令停止销售，不予罚款（《商标法》第六十条第二款）。"))
    serious_circumstances = models.BooleanField(
        _("情节严重（适用较高的罚款幅度）"), default=False,
        help_text=_("反不正当竞争法、电子商务法规定了情节严重时的罚款幅度。"))
    crime_alerts = models.JSONField(_("涉嫌犯罪提示"), default=list, blank=True)  # rule keys whose threshold is reached

    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="assigned_cases",
                                      verbose_name=_("办案人员"))

    proposed_fine = models.DecimalField(_("拟罚款（元）"), null=True, blank=True, **MONEY)
    proposed_confiscation = models.DecimalField(_("拟没收违法所得（元）"), null=True, blank=True, **MONEY)
    findings = models.TextField(_("调查终结意见"), blank=True)
    legal_reviewed_at = models.DateTimeField(_("法制审核时间"), null=True, blank=True)
    notice_served_on = models.DateField(_("告知书送达日"), null=True, blank=True)
    notified_fine = models.DecimalField(_("告知的罚款（元）"), null=True, blank=True, **MONEY)
    hearing_right = models.BooleanField(_("有听证权利"), default=False)
    hearing_on = models.DateField(_("听证日期"), null=True, blank=True)
    hearing_notified_on = models.DateField(_("听证通知日"), null=True, blank=True)
    hearing_held_on = models.DateField(_("听证举行日"), null=True, blank=True)
    collective_discussed_at = models.DateTimeField(_("集体讨论时间"), null=True, blank=True)

    outcome = models.CharField(_("处理结果"), max_length=20, choices=Outcome.choices, blank=True)
    is_warning = models.BooleanField(_("警告"), default=False)
    fine = models.DecimalField(_("罚款（元）"), null=True, blank=True, **MONEY)
    confiscation = models.DecimalField(_("没收违法所得（元）"), null=True, blank=True, **MONEY)
    decision_reason = models.TextField(_("裁量说明"), blank=True)
    discretion = models.CharField(_("裁量档次"), max_length=20, choices=Discretion.choices, blank=True)
    order_to_stop = models.BooleanField(_("责令立即停止侵权行为"), default=False)
    confiscated_goods = models.JSONField(_("没收、销毁的侵权商品"), default=list, blank=True)
    confiscated_tools = models.JSONField(_("没收、销毁的主要用于制造侵权商品的工具"), default=list, blank=True)
    destroyed_on = models.DateField(_("销毁日期"), null=True, blank=True)
    destruction_record = models.TextField(_("销毁记录"), blank=True)
    collective_minutes = models.TextField(_("集体讨论记录"), blank=True)
    review_body = models.CharField(_("行政复议机关"), max_length=120, blank=True)
    court = models.CharField(_("管辖法院"), max_length=120, blank=True)
    archive_number = models.CharField(_("档案号"), max_length=60, blank=True)
    retention = models.CharField(_("保管期限"), max_length=20, choices=Retention.choices, blank=True)
    registered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    served_on = models.DateField(_("决定书送达日"), null=True, blank=True)
    service_method = models.CharField(_("送达方式"), max_length=20, choices=ServiceMethod.choices, blank=True)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    # 查处日期 of the statistics (cases.figures): the filing date of an ordinary-procedure case, the decision date of
    # a simple-procedure one. Computed and stored by the database, so every writer (services, bulk updates, imports,
    # the benchmark generator's SQL) keeps it; the period figures range-scan it per agency.
    handled_on = models.GeneratedField(
        expression=models.Case(models.When(procedure=Procedure.ORDINARY, then="filed_on"),
                               models.When(procedure=Procedure.SIMPLE, then="decided_on"), default=None,
                               output_field=models.DateField()),
        output_field=models.DateField(), db_persist=True, verbose_name=_("查处日期"))
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    payment_due_on = models.DateField(_("缴款期限"), null=True, blank=True)
    payment_plan = models.JSONField(_("延期或分期计划"), default=list, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    steps = subject_relation("workflow.Step", "case")
    approvals = subject_relation("workflow.Approval", "case")
    deadlines = subject_relation("workflow.Deadline", "case")

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["-registered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number_year", "number_seq"], name="case_number_seq_unique"),
            models.CheckConstraint(condition=models.Q(illegal_turnover__gte=0)
                                   | models.Q(illegal_turnover__isnull=True),
                                   name="case_turnover_not_negative"),
            models.CheckConstraint(condition=models.Q(illegal_gains__gte=0) | models.Q(illegal_gains__isnull=True),
                                   name="case_gains_not_negative"),
            models.CheckConstraint(condition=models.Q(fine__gte=0) | models.Q(fine__isnull=True),
                                   name="case_fine_not_negative"),
        ]
        indexes = [
            models.Index(fields=["agency", "state"], name="case_agency_state_idx"),
            models.Index(fields=["state", "procedure"], name="case_state_procedure_idx"),
            models.Index(fields=["discovered_on"], name="case_discovered_idx"),
            models.Index(fields=["-registered_at", "-id"], name="case_recent_idx"),
            models.Index(fields=["filed_on"], name="case_filed_idx"),
            models.Index(fields=["closed_on"], name="case_closed_idx"),
            models.Index(fields=["agency", "handled_on"], name="case_agency_handled_idx"),
            models.Index(fields=["agency", "closed_on"], name="case_agency_closed_idx"),
            models.Index(fields=["agency", "decided_on"], name="case_agency_decided_idx"),
            models.Index(fields=["agency", "filed_on"], name="case_agency_filed_idx"),
            # An agency's case ids without reading the cases: what the rows of other tables join to.
            models.Index(fields=["agency", "id"], name="case_agency_id_idx"),
        ]

    def __str__(self) -> str:
        return self.number or _("案源 %(pk)s：%(title)s") % {"pk": self.pk, "title": self.title}

    @property
    def rule_date(self):
        return self.conduct_on or self.discovered_on

    @property
    def amount_due(self) -> Decimal:
        return (self.fine or Decimal(0)) + (self.confiscation or Decimal(0))


class Party(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(_("当事人类型"), max_length=20, choices=PartyKind.choices)
    name = models.CharField(_("名称或姓名"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人（负责人）"), max_length=50, blank=True)
    address = models.CharField(_("住所"), max_length=300, blank=True)
    service_address = models.CharField(_("送达地址"), max_length=300, blank=True)
    service_address_confirmed = models.BooleanField(_("已签署送达地址确认书"), default=False)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["pk"]
        indexes = [models.Index(fields=["uscc"], name="party_uscc_idx"),
                   models.Index(fields=["id_number"], name="party_id_number_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def identifier(self) -> str:
        return self.uscc or self.id_number


class IpRight(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rights")
    ip_type = models.CharField(_("类型"), max_length=20, choices=MatterType.choices)
    patent_number = models.CharField(_("专利号"), max_length=20, blank=True)
    trademark_number = models.CharField(_("商标注册号"), max_length=10, blank=True)
    trademark_class = models.PositiveSmallIntegerField(_("商品/服务类别"), null=True, blank=True)
    copyright_number = models.CharField(_("著作权登记号"), max_length=60, blank=True)
    work_title = models.CharField(_("作品名称"), max_length=200, blank=True)
    holder = models.CharField(_("权利人"), max_length=200)

    class Meta:
        verbose_name = _("知识产权")
        verbose_name_plural = _("知识产权")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(trademark_class__isnull=True)
            | models.Q(trademark_class__gte=1, trademark_class__lte=45),
            name="right_trademark_class_1_45")]

    def __str__(self) -> str:
        return self.patent_number or self.trademark_number or self.copyright_number or self.work_title

    @property
    def is_service_mark(self) -> bool:
        """A trademark registered for services (Nice classes 35–45), not goods."""
        return self.ip_type == IpType.TRADEMARK and self.trademark_class in SERVICE_CLASSES


class Payment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    paid_on = models.DateField(_("缴款日期"))
    receipt_no = models.CharField(_("票据号"), max_length=60, blank=True)
    surcharge = models.DecimalField(_("其中加处罚款（元）"), default=Decimal(0), **MONEY)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("缴款")
        verbose_name_plural = _("缴款")
        ordering = ["paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive")]


class NumberSeries(models.Model):
    """The last case number given by an agency in a year; locked while a number is taken, so none is skipped."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="number_series_unique")]


class AppealPeriod(models.Model):
    """Administrative review or litigation against the decision: the late-payment surcharge does not run meanwhile."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(_("类型"), max_length=20, choices=AppealKind.choices, default=AppealKind.REVIEW)
    body = models.CharField(_("复议机关或法院"), max_length=120, blank=True)
    started_on = models.DateField(_("申请复议或起诉日"))
    ended_on = models.DateField(_("终结日"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=20, choices=AppealOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("复议或诉讼")
        verbose_name_plural = _("复议或诉讼")
        ordering = ["started_on", "pk"]
        indexes = [models.Index(fields=["ended_on", "outcome"], name="appeal_ended_outcome")]


class Measure(models.Model):
    """先行登记保存, 查封扣押 or 检测鉴定 on a case: its item list and when it ran (open while ended_on is empty)."""

    PRESERVATION, SEIZURE, TESTING = "preservation", "seizure", "testing"
    KINDS = [(PRESERVATION, _("先行登记保存")), (SEIZURE, _("查封、扣押")), (TESTING, _("检测、鉴定"))]

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("措施"), max_length=20, choices=KINDS)
    items = models.JSONField(_("物品清单"), default=list, blank=True)
    place = models.CharField(_("地点或机构"), max_length=200)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    outcome = models.CharField(_("处理结果"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("措施")
        verbose_name_plural = _("措施")
        ordering = ["started_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], condition=models.Q(ended_on__isnull=True),
                                               name="one_open_measure_per_kind")]
