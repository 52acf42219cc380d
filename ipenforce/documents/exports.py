"""A case's documents and the template versions as .xlsx downloads (see core.exports)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.errors import NotFound
from ipenforce.core.exports import ListExport, register
from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import DocumentTemplate
from ipenforce.documents.permissions import reads_templates
from ipenforce.documents.selectors import case_documents, templates
from ipenforce.orgs.selectors import visible_cases


def _title(kind: str) -> str:
    return str(KINDS[kind].title) if kind in KINDS else kind


def document_rows(user, params):
    case = visible_cases(user).filter(pk=params.get("pk") or 0).first() if str(params.get("pk", "")).isdigit() else None
    if case is None:
        raise NotFound(_("案件不存在或您无权查看。"), code="case_not_found")
    return case_documents(case)


register(ListExport(
    "documents", gettext_lazy("案件文书"),
    lambda: [_("文书"), _("文号"), _("版本"), _("模板版本"), "SHA-256", _("制作人"), _("时间")],
    document_rows,
    lambda d: [_title(d.kind), d.number, d.version, d.template.version, d.sha256, d.created_by.display_name,
               d.created_at]))

register(ListExport(
    "document_templates", gettext_lazy("文书模板"),
    lambda: [_("文书"), _("版本"), _("上传人"), _("时间"), _("占位符")],
    lambda user, params: templates() if reads_templates(user) else DocumentTemplate.objects.none(),
    lambda t: [_title(t.kind), t.version, t.uploaded_by.display_name if t.uploaded_by else _("内置"), t.uploaded_at,
               ", ".join(t.placeholders)]))
