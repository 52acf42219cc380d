"""Writes on documents: generate a document from a case (numbered, stored with its hash, attached to a timeline
step) and upload a new template version (placeholders checked). Transactional and audited."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from ipenforce.cases.choices import State
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


def _stage_refusal(case: Case, kind: Kind, earlier: Document | None, correction: str) -> None:
    """A document is made only at its stage and, once served, changed only by a recorded correction; an archived
    case's file is closed."""
    if case.state == State.ARCHIVED:
        raise ValidationFailed(_("案件已归档，卷宗已封存，不能再制作或更正文书。"), code="case_archived", field="kind")
    if earlier is not None and is_served(case, kind):
        if not correction:
            raise ValidationFailed(
                _("%(title)s已送达，不能重新生成；如需更正，请填写更正理由，系统将记录更正并保留原版本。")
                % {"title": kind.title}, code="document_served", field="correction_reason")
        return  # a correction of what was made at its stage
    if correction:
        raise ValidationFailed(_("%(title)s尚未送达，无需更正，直接重新制作即可。") % {"title": kind.title},
                               code="correction_not_needed", field="correction_reason")
    if kind.states is not None and case.state not in kind.states:
        raise ValidationFailed(
            _("案件处于“%(state)s”阶段，不能制作%(title)s（应在%(stages)s阶段制作）。") % {
                "state": State(case.state).label, "title": kind.title,
                "stages": "、".join(str(State(s).label) for s in State.values if s in kind.states)},
            code="document_wrong_stage", field="kind")
    if kind.outcomes and case.outcome not in kind.outcomes:
        raise ValidationFailed(_("本案的处理决定不是%(title)s所载的决定。") % {"title": kind.title},
                               code="document_wrong_outcome", field="kind")


def is_served(case: Case, kind: Kind) -> bool:
    return bool(kind.served and getattr(case, kind.served))


def kinds_available(case: Case, made: set[str]) -> list[tuple[Kind, bool]]:
    """The kinds the documents page offers now, each with whether it would be a correction (served already);
    `made`: the kinds the case has a version of."""
    out = []
    for kind in KINDS.values():
        if kind.extra or case.state == State.ARCHIVED:
            continue
        correction = kind.key in made and is_served(case, kind)
        if correction or ((kind.states is None or case.state in kind.states)
                          and (not kind.outcomes or case.outcome in kind.outcomes)):
            out.append((kind, correction))
    return out


@in_record_language
@transaction.atomic
def document_generate(*, actor, case: Case, kind: str, record_fields: dict | None = None,
                      extra: dict | None = None, correction_reason: str = "") -> Document:
    """Render the kind's current template with the case's data; a new version each time, the old ones kept.
    `record_fields` carries an on-site record's fields for the 笔录 kinds (see context.FIELDS); a kind made by
    another procedure (an assignment's notice) is given its part of the context in `extra`. A served document is
    made again only as a correction (`correction_reason`), which refers to the version it corrects."""
    definition = _kind(kind)
    correction_reason = (correction_reason or "").strip()
    if definition.extra and definition.extra not in (extra or {}):
        raise ValidationFailed(_("%(title)s由相应的办理事项制作，不能在此直接制作。") % {"title": definition.title},
                               code="document_made_elsewhere", field="kind")
    if not may_generate(actor, case):
        raise PermissionDenied(_("只有本案办案单位的办案人员可以制作文书。"))
    case = Case.objects.select_for_update().select_related("agency", "created_by").get(pk=case.pk)
    earlier = Document.objects.filter(case=case, kind=kind).select_related("template").order_by("-version").first()
    _stage_refusal(case, definition, earlier, correction_reason)
    template = earlier.template if earlier else template_current(kind)  # a case keeps the template version it used
    number = _number(case, definition, timezone.localdate().year)
    try:
        context = {**context_for(case, number, record_fields, kind), **(extra or {})}
        data = render(blob_read(template.storage_name, template.sha256), context)
    except TemplateError as exc:  # a template stored before uploads were checked as they are now
        raise ValidationFailed(_("模板无法渲染：%(error)s") % {"error": str(exc)[:200]}, code="template_unusable",
                               field="kind") from None
    sha, name = blob_save("documents", data)
    version = earlier.version + 1 if earlier else 1
    comment = f"{definition.title} {number} v{version}".replace("  ", " ")
    if correction_reason:
        comment += _("（更正第%(old)s版：%(reason)s）") % {"old": earlier.version, "reason": correction_reason}
    step = record(subject=case, actor=actor, action="document", comment=comment)
    document = Document.objects.create(case=case, kind=kind, version=version, number=number, template=template,
                                       sha256=sha, storage_name=name, size=len(data), step=step, created_by=actor,
                                       corrects=earlier if correction_reason else None,
                                       correction_reason=correction_reason)
    after = {"kind": kind, "version": version, "number": number, "sha256": sha, "template": template.version}
    if correction_reason:
        after |= {"corrects_version": earlier.version, "corrects_sha256": earlier.sha256, "reason": correction_reason}
    audit_append(actor=actor, action="document.correct" if correction_reason else "document.generate", target=case,
                 after=after)
    return document
