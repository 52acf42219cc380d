"""Transfers of suspected crimes to the police and the criminal process that follows (两法衔接); their timeline
and time limits are the workflow engine's rows."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipenforce.workflow.models import subject_relation

MONEY = {"max_digits": 14, "decimal_places": 2}


class Transfer(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="transfers")
    bureau = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("移送机关"))
    police = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("公安机关"))
    procuratorate = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("检察院（抄送）"))
    court = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("法院"))
    state = models.CharField(_("状态"), max_length=30)
    version = models.PositiveIntegerField(default=1)
    report = models.TextField(_("移送涉嫌犯罪案件的书面报告"))
    package = models.JSONField(_("移送材料"), default=dict, blank=True)
    criminal_fine = models.DecimalField(_("判处罚金（元）"), null=True, blank=True, **MONEY)
    sent_at = models.DateTimeField(_("移送时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    steps = subject_relation("workflow.Step", "transfer")
    deadlines = subject_relation("workflow.Deadline", "transfer")
    approvals = subject_relation("workflow.Approval", "transfer")

    class Meta:
        verbose_name = _("移送")
        verbose_name_plural = _("移送")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="transfer_state_idx"),
                   models.Index(fields=["sent_at"], name="transfer_sent_idx"),
                   # The procuratorate's unchallenged non-filings, newest first, a page at a time (issue 20).
                   models.Index(fields=["-created_at", "-id"], name="transfer_nonfiling_idx",
                                condition=models.Q(state__in=["not_filed", "upheld"]))]

    def __str__(self) -> str:
        return _("移送 %(pk)s（%(case)s）") % {"pk": self.pk, "case": self.case}


class TransferAttachment(models.Model):
    """A file attached to a step by the agency that took it (stored once by content, like evidence)."""

    step = models.ForeignKey("workflow.Step", on_delete=models.PROTECT, related_name="transfer_attachments")
    stored = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)


class SupervisionOpinion(models.Model):
    """A procuratorate's supervision opinion (检察意见) on a case or transfer, which the bureau must answer."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="supervision_opinions")
    procuratorate = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("监督意见"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
