"""Writes on documents: generate a document from a case (numbered, stored with its hash, attached to a timeline
step) and upload a new template version (placeholders checked). Transactional and audited."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.core.language import in_record_language
from ipenforce.core.numbering import series_next
from ipenforce.documents.context import context_for
from ipenforce.documents.kinds import KINDS, Kind
from ipenforce.documents.models import Document, DocumentSeries, DocumentTemplate
from ipenforce.documents.permissions import may_change_templates, may_generate
from ipenforce.documents.render import blob_read, blob_save, missing_placeholders, placeholders, render
from ipenforce.evidence.files import detect_type
from ipenforce.workflow.services import record

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def _kind(key: str) -> Kind:
    if key not in KINDS:
        raise ValidationFailed(_("没有这种文书：%(kind)s。") % {"kind": key}, code="unknown_document_kind",
                               field="kind")
    return KINDS[key]


def template_current(kind: str) -> DocumentTemplate:
    """The newest template of a kind. The built-in one is registered the first time it is needed, and again as a
    new version when the code ships a changed built-in while no administrator has uploaded one of their own."""
    from ipenforce.documents.build_templates import DOCX_DIR

    template = DocumentTemplate.objects.filter(kind=kind).order_by("-version").first()
    if template is not None and template.uploaded_by_id is not None:
        return template
    data = (DOCX_DIR / f"{kind}.docx").read_bytes()
    sha, name = blob_save("templates", data)
    if template is not None and template.sha256 == sha:
        return template
    template, _created = DocumentTemplate.objects.get_or_create(
        kind=kind, version=template.version + 1 if template else 1,
        defaults={"sha256": sha, "storage_name": name, "placeholders": placeholders(data)})
    return template


@transaction.atomic
def template_upload(*, actor, kind: str, data: bytes) -> DocumentTemplate:
    if not may_change_templates(actor):
        raise PermissionDenied(_("文书模板由全市共用，只有市级单位的系统管理员可以上传。"))
    _kind(kind)
    if len(data) > MAX_TEMPLATE_BYTES or detect_type(data[:8192]) != DOCX:
        raise ValidationFailed(_("模板应为不超过5 MB的 .docx 文件。"), code="template_not_docx", field="file")
    try:
        missing = missing_placeholders(data)
    except (SecurityError, UndefinedError):  # Python internals, or calls on what the context does not offer
        raise ValidationFailed(_("模板含有不允许的表达式（只能使用案件数据的占位符）。"), code="template_unsafe",
                               field="file") from None
    except (TemplateError, ValueError, KeyError) as exc:
        raise ValidationFailed(_("模板语法错误：%(error)s") % {"error": str(exc)[:200]}, code="template_syntax",
                               field="file") from None
    if missing:
        raise ValidationFailed(_("模板含有案件无法填充的占位符：%(names)s。") % {"names": "、".join(missing)},
                               code="template_unknown_placeholders", field="file")
    current = template_current(kind)
    sha, name = blob_save("templates", data)
    template = DocumentTemplate.objects.create(kind=kind, version=current.version + 1, sha256=sha, storage_name=name,
                                               placeholders=placeholders(data), uploaded_by=actor)
    audit_append(actor=actor, action="document_template.upload", target=template,
                 after={"kind": kind, "version": template.version, "sha256": sha})
    return template


def _number(case: Case, kind: Kind, year: int) -> str:
    if kind.number_from_case:
        if not case.number:
            raise ValidationFailed(_("案件尚未取得案件编号，不能制作%(title)s。") % {"title": kind.title},
                                   code="case_number_required", field="kind")
        return case.number
    if not kind.code:
        return ""
    earlier = Document.objects.filter(case=case, kind=kind.key).exclude(number="").order_by("version").first()
    if earlier:
        return earlier.number  # a regenerated document keeps its number
    seq = series_next(DocumentSeries, agency=case.agency, code=kind.code, year=year)
    return f"{case.agency.short_name}{kind.code}〔{year}〕{seq}号"


@in_record_language
@transaction.atomic
def document_generate(*, actor, case: Case, kind: str, record_fields: dict | None = None,
                      extra: dict | None = None) -> Document:
    """Render the kind's current template with the case's data; a new version each time, the old ones kept.
    `record_fields` carries an on-site record's fields for the 笔录 kinds (see context.FIELDS); a kind made by
    another procedure (an assignment's notice) is given its part of the context in `extra`."""
    definition = _kind(kind)
    if definition.extra and definition.extra not in (extra or {}):
        raise ValidationFailed(_("%(title)s由相应的办理事项制作，不能在此直接制作。") % {"title": definition.title},
                               code="document_made_elsewhere", field="kind")
    if not may_generate(actor, case):
        raise PermissionDenied(_("只有本案办案单位的办案人员可以制作文书。"))
    case = Case.objects.select_for_update().select_related("agency", "created_by").get(pk=case.pk)
    earlier = Document.objects.filter(case=case, kind=kind).select_related("template").order_by("-version").first()
    template = earlier.template if earlier else template_current(kind)  # a case keeps the template version it used
    number = _number(case, definition, timezone.localdate().year)
    try:
        context = {**context_for(case, number, record_fields), **(extra or {})}
        data = render(blob_read(template.storage_name, template.sha256), context)
    except TemplateError as exc:  # a template stored before uploads were checked as they are now
        raise ValidationFailed(_("模板无法渲染：%(error)s") % {"error": str(exc)[:200]}, code="template_unusable",
                               field="kind") from None
    sha, name = blob_save("documents", data)
    version = earlier.version + 1 if earlier else 1
    step = record(subject=case, actor=actor, action="document",
                  comment=f"{definition.title} {number} v{version}".replace("  ", " "))
    document = Document.objects.create(case=case, kind=kind, version=version, number=number, template=template,
                                       sha256=sha, storage_name=name, size=len(data), step=step, created_by=actor)
    audit_append(actor=actor, action="document.generate", target=case,
                 after={"kind": kind, "version": version, "number": number, "sha256": sha,
                        "template": template.version})
    return document
