"""Document templates (versioned .docx files) and the documents generated from them, each stored with its hash."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentTemplate(models.Model):
    kind = models.CharField(_("文书种类"), max_length=40)
    version = models.PositiveIntegerField(_("版本"))
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200)
    placeholders = models.JSONField(_("占位符"), default=list)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="template_kind_version_unique")]


class Document(models.Model):
    """One generated version of a document of a case; never changed once written."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书种类"), max_length=40)
    version = models.PositiveIntegerField(_("版本"))
    number = models.CharField(_("文号"), max_length=60, blank=True)
    template = models.ForeignKey(DocumentTemplate, on_delete=models.PROTECT, related_name="documents")
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200)
    size = models.BigIntegerField()
    step = models.ForeignKey("workflow.Step", on_delete=models.PROTECT, null=True, related_name="documents")
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("更正的版本"))
    correction_reason = models.TextField(_("更正理由"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["case", "kind", "version"], name="document_version_unique")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("documents are immutable: generate a new version")
        super().save(*args, **kwargs)


class DocumentSeries(models.Model):
    """The last number given for a kind of document by an agency in a year."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "code", "year"], name="document_series_unique")]


class CaseFile(models.Model):
    """The case file (卷宗) built on archiving: its table of contents (卷内目录) and the .zip of the whole file with
    a manifest of SHA-256 hashes, stored with its own hash. Never changed once written."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="case_file")
    archive_number = models.CharField(_("档案号"), max_length=60)
    retention = models.CharField(_("保管期限"), max_length=20)
    contents = models.JSONField(_("卷内目录"), default=list)
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200)
    size = models.BigIntegerField()
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    built_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("卷宗")
        verbose_name_plural = _("卷宗")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("a case file is immutable")
        super().save(*args, **kwargs)
