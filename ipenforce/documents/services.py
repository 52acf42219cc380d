"""Writes on documents: generate a document from a case (numbered, stored with its hash, attached to a timeline
step) and upload a new template version (placeholders checked). Transactional and audited."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jinja2.exceptions import TemplateError

from ipenforce.cases.models import Case
from ipenforce.cases.services.steps import case_step_record
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.core.numbering import series_next
from ipenforce.documents.context import context_for
from ipenforce.documents.kinds import KINDS, Kind
from ipenforce.documents.models import Document, DocumentSeries, DocumentTemplate
from ipenforce.documents.render import blob_read, blob_save, missing_placeholders, placeholders, render
from ipenforce.evidence.files import detect_type
from ipenforce.orgs.choices import Role
from ipenforce.orgs.selectors import acting_agency_ids, can_administer

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def _kind(key: str) -> Kind:
    if key not in KINDS:
        raise ValidationFailed(_("没有这种文书：%(kind)s。") % {"kind": key}, code="unknown_document_kind", field="kind")
    return KINDS[key]


def template_current(kind: str) -> DocumentTemplate:
    """The newest template of a kind; the built-in one is registered the first time it is needed."""
    template = DocumentTemplate.objects.filter(kind=kind).order_by("-version").first()
    if template is not None:
        return template
    from ipenforce.documents.build_templates import DOCX_DIR

    data = (DOCX_DIR / f"{kind}.docx").read_bytes()
    sha, name = blob_save("templates", data)
    template, _created = DocumentTemplate.objects.get_or_create(
        kind=kind, version=1, defaults={"sha256": sha, "storage_name": name, "placeholders": placeholders(data)})
    return template


@transaction.atomic
def template_upload(*, actor, kind: str, data: bytes) -> DocumentTemplate:
    if not can_administer(actor):
        raise PermissionDenied(_("只有系统管理员可以上传文书模板。"))
    _kind(kind)
    if len(data) > MAX_TEMPLATE_BYTES or detect_type(data[:8192]) != DOCX:
        raise ValidationFailed(_("模板应为不超过5 MB的 .docx 文件。"), code="template_not_docx", field="file")
    try:
        missing = missing_placeholders(data)
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


def may_generate(actor, case: Case) -> bool:
    return actor.agency_id in acting_agency_ids(case.agency) and actor.has_role(Role.CASE_OFFICER, Role.UNIT_HEAD)


@transaction.atomic
def document_generate(*, actor, case: Case, kind: str) -> Document:
    """Render the kind's current template with the case's data; a new version each time, the old ones kept."""
    definition = _kind(kind)
    if not may_generate(actor, case):
        raise PermissionDenied(_("只有本案办案单位的办案人员可以制作文书。"))
    case = Case.objects.select_for_update().select_related("agency", "created_by").get(pk=case.pk)
    earlier = Document.objects.filter(case=case, kind=kind).select_related("template").order_by("-version").first()
    template = earlier.template if earlier else template_current(kind)  # a case keeps the template version it used
    number = _number(case, definition, timezone.localdate().year)
    data = render(blob_read(template.storage_name, template.sha256), context_for(case, number))
    sha, name = blob_save("documents", data)
    version = earlier.version + 1 if earlier else 1
    step = case_step_record(case=case, actor=actor, action="document",
                            comment=f"{definition.title} {number} v{version}".replace("  ", " "))
    document = Document.objects.create(case=case, kind=kind, version=version, number=number, template=template,
                                       sha256=sha, storage_name=name, size=len(data), step=step, created_by=actor)
    audit_append(actor=actor, action="document.generate", target=case,
                 after={"kind": kind, "version": version, "number": number, "sha256": sha,
                        "template": template.version})
    return document
