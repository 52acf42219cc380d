"""Funding calls and applications (资助), policy ledgers and their tasks (政策任务台账), and the registries: key
enterprises (重点企业名录 / 直通车), alliances, protection workstations and overseas stations. Each row belongs to
the agency that keeps it; the timeline and time limits of applications and tasks are the workflow engine's rows."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.workflow.models import subject_relation

MONEY = {"max_digits": 14, "decimal_places": 2}


class Track(models.TextChoices):
    APPROVAL = "approval", _("核准制")
    COMPETITIVE = "competitive", _("竞争性评审")


class FundingCall(models.Model):
    """One item of a 申报指南: its track, budget, windows, materials and, for 核准制, the formula."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("主管单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("资助项目"), max_length=200)
    track = models.CharField(_("类别"), max_length=20, choices=Track.choices)
    budget = models.DecimalField(_("预算（元）"), **MONEY)
    opens_on = models.DateField(_("申报开始"))
    closes_on = models.DateField(_("申报截止"))
    payment_opens_on = models.DateField(_("领款开始"), null=True, blank=True)
    payment_closes_on = models.DateField(_("领款截止"), null=True, blank=True)
    unit_amount = models.DecimalField(_("每件资助额（元）"), null=True, blank=True, **MONEY)
    cost_share = models.DecimalField(_("费用资助比例"), max_digits=5, decimal_places=4, null=True, blank=True)
    cap = models.DecimalField(_("单项资助上限（元）"), **MONEY)
    materials = models.JSONField(_("申报材料"), default=list, blank=True)
    indicators = models.TextField(_("绩效指标"), blank=True)
    contract_required = models.BooleanField(_("须签订资助合同"), default=False,
                                            help_text=_("选中后，领款确认前须先签订资助合同（F.2 资助合同）。"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("资助申报指南")
        verbose_name_plural = _("资助申报指南")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"


class FundingApplication(models.Model):
    call = models.ForeignKey(FundingCall, on_delete=models.PROTECT, related_name="applications",
                             verbose_name=_("资助项目"))
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("主管单位"))
    number = models.CharField(_("申报编号"), max_length=40, unique=True)
    # The enterprise's own account (an outside organisation), when it applied itself; None when staff entered it.
    applicant_org = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="funding_applications", verbose_name=_("申请单位账户"))
    applicant_name = models.CharField(_("申请单位"), max_length=200)
    applicant_uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    district = models.CharField(_("所在区"), max_length=40, blank=True)
    industry = models.CharField(_("所属行业"), max_length=60, blank=True)
    project_ref = models.CharField(_("资助对象（专利号、项目编号等）"), max_length=100)
    quantity = models.PositiveIntegerField(_("件数"), null=True, blank=True)
    eligible_cost = models.DecimalField(_("可资助费用（元）"), null=True, blank=True, **MONEY)
    requested = models.DecimalField(_("申请金额（元）"), **MONEY)
    undertaking = models.BooleanField(_("已作不侵权书面承诺"), default=False)
    materials = models.JSONField(_("已交材料"), default=list, blank=True)
    computed = models.DecimalField(_("核定金额（元）"), null=True, blank=True, **MONEY)
    score = models.DecimalField(_("专家评分"), max_digits=6, decimal_places=2, null=True, blank=True)
    granted = models.DecimalField(_("决定资助金额（元）"), null=True, blank=True, **MONEY)
    paid = models.DecimalField(_("已拨付（元）"), null=True, blank=True, **MONEY)
    recovered = models.DecimalField(_("已追回（元）"), null=True, blank=True, **MONEY)
    credit_check = models.JSONField(_("信用核查"), default=dict, blank=True)
    audit_sampled = models.BooleanField(_("抽中审计"), default=False)
    contract_number = models.CharField(_("资助合同编号"), max_length=60, blank=True)
    contract_signed_on = models.DateField(_("合同签订日期"), null=True, blank=True)
    contract_terms = models.TextField(_("合同主要条款"), blank=True)
    contract_milestones = models.JSONField(_("合同节点"), default=list, blank=True)
    state = models.CharField(_("状态"), max_length=30)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    steps = subject_relation("workflow.Step", "funding_application")
    deadlines = subject_relation("workflow.Deadline", "funding_application")
    approvals = subject_relation("workflow.Approval", "funding_application")

    class Meta:
        verbose_name = _("资助申请")
        verbose_name_plural = _("资助申请")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "state"], name="funding_agency_state_idx"),
                   models.Index(fields=["applicant_uscc", "project_ref"], name="funding_duplicate_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"


class ScoreSheet(models.Model):
    """One expert's score sheet on a competitive application (专家评审): the expert's conflict-of-interest
    declaration, score and opinion; hidden from the other experts until submitted."""

    application = models.ForeignKey(FundingApplication, on_delete=models.CASCADE, related_name="score_sheets",
                                    verbose_name=_("资助申请"))
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("评审专家"))
    no_conflict = models.BooleanField(_("已声明与申请人无利害关系"), default=False)
    score = models.DecimalField(_("评分"), max_digits=6, decimal_places=2, null=True, blank=True)
    opinion = models.TextField(_("评审意见"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("专家评分表")
        verbose_name_plural = _("专家评分表")
        ordering = ["application", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "expert"], name="score_sheet_unique")]

    def __str__(self) -> str:
        return f"{self.application.number} · {self.expert}"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未启动")
    IN_PROGRESS = "in_progress", _("推进中")
    DONE = "done", _("已落实")


class PolicyDocument(models.Model):
    """A policy document turned into a ledger (项目化、责任化、表格化、数字化)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("牵头管理单位"))
    title = models.CharField(_("文件"), max_length=200)
    areas = models.JSONField(_("方面"), default=list, blank=True)
    is_example = models.BooleanField(_("演示示例"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政策文件台账")
        verbose_name_plural = _("政策文件台账")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class PolicyTask(models.Model):
    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="tasks",
                                 verbose_name=_("文件"))
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("台账单位"))
    area = models.CharField(_("方面"), max_length=100)
    seq = models.PositiveIntegerField(_("序号"))
    title = models.CharField(_("任务"), max_length=300)
    lead_unit = models.CharField(_("牵头单位"), max_length=200)
    co_units = models.CharField(_("配合单位"), max_length=300, blank=True)
    due_on = models.DateField(_("完成时限"), null=True, blank=True)
    indicators = models.TextField(_("指标"), blank=True)
    last_progress = models.TextField(_("最新进展"), blank=True)
    last_reported_on = models.DateField(_("最近报送"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=30)
    escalated_at = models.DateTimeField(_("逾期督办时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    steps = subject_relation("workflow.Step", "policy_task")
    deadlines = subject_relation("workflow.Deadline", "policy_task")
    approvals = subject_relation("workflow.Approval", "policy_task")

    class Meta:
        verbose_name = _("政策任务")
        verbose_name_plural = _("政策任务")
        ordering = ["document", "seq", "pk"]
        constraints = [models.UniqueConstraint(fields=["document", "seq"], name="policy_task_seq_unique")]
        indexes = [models.Index(fields=["agency", "state", "due_on"], name="policy_task_due_idx")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.title}"


class KeyEnterprise(models.Model):
    """An enterprise on the 重点企业名录, served by 直通车 (G-01)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("名录单位"))
    name = models.CharField(_("企业名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    industry = models.CharField(_("行业"), max_length=60, blank=True)
    key_ip_assets = models.TextField(_("重点知识产权（专利号、商标注册号）"), blank=True)
    contact = models.CharField(_("联系人及电话"), max_length=200, blank=True)
    liaison = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("联络员"))
    service_level = models.CharField(_("直通车服务等级"), max_length=60, blank=True)
    grounds = models.TextField(_("列入理由（按本单位设定的标准）"), blank=True)
    listed_on = models.DateField(_("列入日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    is_example = models.BooleanField(_("演示示例"), default=False)
    state = models.CharField(_("状态"), max_length=30)
    version = models.PositiveIntegerField(default=1)

    steps = subject_relation("workflow.Step", "key_enterprise")
    deadlines = subject_relation("workflow.Deadline", "key_enterprise")
    approvals = subject_relation("workflow.Approval", "key_enterprise")

    class Meta:
        verbose_name = _("重点企业")
        verbose_name_plural = _("重点企业名录")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "uscc"], name="key_enterprise_unique")]

    def __str__(self) -> str:
        return self.name


class AllianceKind(models.TextChoices):
    IP = "ip", _("产业知识产权联盟")
    STANDARDS = "standards", _("产业标准联盟")


class Alliance(models.Model):
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("备案单位"))
    kind = models.CharField(_("类型"), max_length=20, choices=AllianceKind.choices)
    name = models.CharField(_("联盟名称"), max_length=200)
    industry = models.CharField(_("产业"), max_length=60, blank=True)
    filed_on = models.DateField(_("备案日期"))
    members = models.TextField(_("成员单位"), blank=True)
    member_count = models.PositiveIntegerField(_("成员数"), default=0)
    standards_published = models.PositiveIntegerField(_("发布联盟标准（项）"), default=0)
    is_example = models.BooleanField(_("演示示例"), default=False)

    class Meta:
        verbose_name = _("联盟")
        verbose_name_plural = _("联盟备案")
        ordering = ["kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class StationKind(models.TextChoices):
    WORKSTATION = "workstation", _("知识产权保护工作站")
    OVERSEAS = "overseas", _("海外维权服务站点")


class Station(models.Model):
    """A protection workstation in an association, or an overseas rights-protection station (G-05, G-08)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("指导单位"))
    kind = models.CharField(_("类型"), max_length=20, choices=StationKind.choices)
    name = models.CharField(_("站点名称"), max_length=200)
    host = models.CharField(_("依托单位"), max_length=200)
    region = models.CharField(_("服务地区（国家/地区）"), max_length=100, blank=True)
    services = models.TextField(_("服务内容"), blank=True)
    staff = models.TextField(_("人员（专家、志愿者）"), blank=True)
    year = models.PositiveSmallIntegerField(_("统计年度"))
    trainings = models.PositiveIntegerField(_("培训（场）"), default=0)
    guidance = models.PositiveIntegerField(_("指导（次）"), default=0)
    aid_cases = models.PositiveIntegerField(_("维权援助（件）"), default=0)
    is_example = models.BooleanField(_("演示示例"), default=False)

    class Meta:
        verbose_name = _("工作站/站点")
        verbose_name_plural = _("工作站与海外站点")
        ordering = ["kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class ContactKind(models.TextChoices):
    KEY_TRADEMARK = "key_trademark", _("重点商标保护名录")
    RIGHT_HOLDER = "right_holder", _("权利人联系名录")


class RightsContact(models.Model):
    """An entry of the key-trademark list (G-02) or the right-holder contact directory (G-03): whom officers call
    when goods must be identified by the right holder (权利人辨认/鉴别)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记单位"))
    kind = models.CharField(_("名录"), max_length=20, choices=ContactKind.choices)
    right_holder = models.CharField(_("权利人"), max_length=200)
    mark_number = models.CharField(_("商标注册号"), max_length=20, blank=True)
    classes = models.CharField(_("核定类别"), max_length=100, blank=True)
    products = models.TextField(_("产品"), blank=True)
    agents = models.TextField(_("授权代理人"), blank=True)
    verification_contact = models.CharField(_("辨认鉴别联系人及电话"), max_length=200)
    reason = models.TextField(_("列入理由、监测范围"), blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    is_example = models.BooleanField(_("演示示例"), default=False)

    class Meta:
        verbose_name = _("权利人联系名录")
        verbose_name_plural = _("重点商标与权利人联系名录")
        ordering = ["right_holder", "pk"]
        indexes = [models.Index(fields=["mark_number"], name="rights_contact_mark_idx")]

    def __str__(self) -> str:
        return self.right_holder


class ApplicationSeries(models.Model):
    """The last application number given under one call (gapless, core.numbering)."""

    call = models.OneToOneField(FundingCall, on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)
