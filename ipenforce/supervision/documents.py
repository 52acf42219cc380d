"""The two papers of an enforcement supervision order — 执法监督通知书 and 执法监督决定书 ([SUP] art 19) — built as
docxtpl templates and rendered in the documents app's sandbox. The texts are written for ipenforce; the periods
quoted come from rules/time_limits.yaml, never literals."""
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ipenforce.core import rules
from ipenforce.core.errors import NotFound, ValidationFailed
from ipenforce.core.language import in_record_language
from ipenforce.documents.render import render
from ipenforce.supervision.models import SupervisionOrder
from ipenforce.supervision.workflow import CORRECTION_REPORT, REVIEW_REQUEST

KINDS = {
    "notice": ("执法监督通知书", (
        "{{ target }}：",
        "经查，你单位存在下列执法问题（监督事项）：{{ matter }}",
        "{% if case %}涉及案件：{{ case }}。{% endif %}",
        "请你单位对上述事项进行核查，并将核查及处理情况书面说明报送本机关。",
    )),
    "decision": ("执法监督决定书", (
        "{{ target }}：",
        "本机关于{{ created_on }}向你单位发出执法监督通知书（监督事项：{{ matter }}）。"
        "{% if explanation %}你单位说明：{{ explanation }}。{% endif %}",
        "经核查，决定如下：{{ decision }}",
        "请你单位于{{ correct_by }}前纠正完毕，并自纠正完毕之日起{{ report_days }}个工作日内将纠正情况书面报告本机关。",
        "你单位对本决定有异议的，可以自收到本决定书之日起{{ review_days }}个工作日内向本机关申请复查。",
    )),
}


def _template(title: str, paragraphs: tuple[str, ...]) -> bytes:
    document = Document()
    for text, size in (("{{ issuer }}", 16), (title, 20)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    number = document.add_paragraph("{{ number }}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text in paragraphs:
        document.add_paragraph(text)
    for text in ("{{ issuer }}", "{{ today }}"):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _days(rule: str, on) -> int:
    return rules.version_on(rule, on).duration


@in_record_language
def order_document(order: SupervisionOrder, kind: str) -> tuple[str, bytes]:
    """(file name, .docx bytes) of the order's notice or decision."""
    if kind not in KINDS:
        raise NotFound(_("没有这种文书。"), code="unknown_document_kind", field="kind")
    if kind == "decision" and not order.decided_on:
        raise ValidationFailed(_("尚未作出执法监督决定。"), code="not_decided", field="kind")
    title, paragraphs = KINDS[kind]
    today = timezone.localdate()
    on = order.decided_on or today
    context = {
        "issuer": order.issuer.name, "target": order.target.name, "matter": order.matter,
        "case": str(order.case) if order.case_id else "", "explanation": order.explanation,
        "decision": order.decision, "correct_by": order.correct_by.isoformat() if order.correct_by else "",
        "created_on": timezone.localdate(order.created_at).isoformat(), "today": today.isoformat(),
        "number": f"{order.issuer.short_name}{'监督通' if kind == 'notice' else '监督决'}〔{on.year}〕{order.pk}号",
        "report_days": _days(CORRECTION_REPORT, on), "review_days": _days(REVIEW_REQUEST, on),
    }
    return f"supervision-{order.pk}-{kind}.docx", render(_template(title, paragraphs), context)
