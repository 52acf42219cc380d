"""The papers of a patent-infringement dispute adjudication (C-32…C-42), one per stage: 受理通知书 or 不予受理
通知书, 答辩通知书 (the request's copy served on the respondent), 中止处理通知书, 口头审理通知书, 调解书, 专利侵权
纠纷行政裁决书 (infringement: an order to stop; none: the request dismissed) and 送达回证. Built as docxtpl
templates, rendered in the documents app's sandbox and stored once under their hash when the stage is done; the
periods quoted come from the running clocks and rules/protection_time_limits.yaml, never literals."""
from functools import cache

from django.http import HttpResponse
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ipenforce.core.audit import audit_append
from ipenforce.core.language import in_record_language
from ipenforce.core.rules import version_on
from ipenforce.documents.build_templates import _centered, _chinese_font, _reproducible
from ipenforce.documents.render import blob_read, blob_save, render
from ipenforce.documents.services import DOCX
from ipenforce.protection.models import Adjudication, AdjudicationDocument
from ipenforce.protection.workflow import CLOSING, DEFENCE, SUIT
from ipenforce.workflow.deadlines import open_deadlines

PARTIES = "{{ petitioner }}、{{ respondent }}："
CASE = "本部门受理的{{ petitioner }}与{{ respondent }}专利侵权纠纷一案"

# kind: (the step that makes it, title, number code, paragraphs)
KINDS = {
    "acceptance": ("accept", "专利侵权纠纷处理请求受理通知书", "受", (
        "{{ petitioner }}：",
        "你方于{{ requested_on }}提出的请求处理{{ respondent }}侵犯{{ patent }}的专利侵权纠纷，经审查，符合受理条件，"
        "本部门决定予以受理。",
        "本部门将向被请求人送达请求书副本。本案应于{{ closing_due }}前结案（{{ closing_citation }}）。",
        "特此通知。",
    )),
    "refusal": ("refuse", "专利侵权纠纷处理请求不予受理通知书", "不受", (
        "{{ petitioner }}：",
        "你方于{{ requested_on }}提出的请求处理{{ respondent }}侵犯{{ patent }}的专利侵权纠纷，经审查，"
        "本部门决定不予受理。",
        "理由：{{ reason }}",
        "你方可以依法向人民法院起诉（《中华人民共和国专利法》第六十五条）。",
    )),
    "copy_service": ("serve_copy", "答辩通知书", "答", (
        "{{ respondent }}：",
        "{{ petitioner }}请求本部门处理你方涉嫌侵犯{{ patent }}的专利侵权纠纷，本部门已于{{ accepted_on }}受理，"
        "现将请求书副本送达你方（送达日期：{{ served_on }}）。",
        "请于{{ defence_due }}前向本部门提交答辩书及有关证据（期限依据：{{ defence_citation }}）。"
        "期满不答辩的，不影响本部门处理。",
    )),
    "suspension": ("suspend", "中止处理通知书", "中", (
        PARTIES,
        CASE + "，因被请求人就{{ patent }}提出的无效宣告请求已被国家知识产权局受理（{{ invalidation }}），"
        "经本部门负责人批准，决定自{{ from_date }}起中止处理。",
        "中止期间不计入结案期限。中止的原因消除后，本部门将恢复处理并通知双方当事人。",
    )),
    "hearing": ("hear", "口头审理通知书", "审", (
        PARTIES,
        CASE + "，{% if hearing %}定于{{ hearing }}进行口头审理或调查。"
        "{% else %}将进行口头审理或调查，时间、地点另行通知。{% endif %}",
        "请双方当事人携带身份证明、授权委托书和证据原件按时参加。",
    )),
    "mediation": ("mediate", "专利侵权纠纷调解书", "调", (
        "请求人：{{ petitioner }}",
        "被请求人：{{ respondent }}",
        "案由：专利侵权纠纷（{{ patent }}）",
        "请求人于{{ requested_on }}请求本部门处理，本部门于{{ accepted_on }}受理。"
        "经本部门主持调解，双方当事人自愿达成如下协议：",
        "{{ decision }}",
        "本调解书由双方当事人和调解人员签名，加盖本部门印章。",
        "请求人（签名）：　　　　　　被请求人（签名）：　　　　　　调解人员（签名）：",
    )),
    "decision": ("decide", "专利侵权纠纷行政裁决书", "决", (
        "请求人：{{ petitioner }}",
        "被请求人：{{ respondent }}",
        "请求人于{{ requested_on }}就被请求人侵犯其{{ patent }}请求本部门处理，本部门于{{ accepted_on }}受理。",
        "请求人的请求：{{ request }}",
        "经审理查明：{{ decision }}",
        "{% if infringement %}本部门认为，被请求人的行为构成侵犯专利权。依照《中华人民共和国专利法》第六十五条的规定，"
        "决定如下：责令被请求人立即停止侵权行为。{% else %}本部门认为，被请求人的行为不构成侵犯专利权。决定如下："
        "驳回请求人的请求。{% endif %}",
        "当事人不服本决定的，可以自收到本决定书之日起{{ suit_days }}日内依照《中华人民共和国行政诉讼法》向人民法院起诉"
        "{% if infringement %}；侵权人期满不起诉又不停止侵权行为的，本部门可以申请人民法院强制执行{% endif %}"
        "（{{ suit_citation }}）。",
    )),
    "service": ("serve_decision", "送达回证", "送", (
        "送达文书：{{ served_title }}（{{ served_number }}）",
        "受送达人：{{ petitioner }}、{{ respondent }}",
        "送达日期：{{ served_on }}",
        "送达机关：{{ issuer }}",
        "受送达人（签名）：",
    )),
}
BY_ACTION = {action: kind for kind, (action, *_rest) in KINDS.items()}


@cache
def template(kind: str) -> bytes:
    _action, title, _code, paragraphs = KINDS[kind]
    document = Document()
    _chinese_font(document)
    _centered(document, "{{ issuer }}", 16, bold=True)
    _centered(document, title, 20, bold=True)
    document.add_paragraph("{{ number }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text in paragraphs:
        document.add_paragraph(text)
    for text in ("{{ issuer }}", "{{ today }}"):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _reproducible(document)


def _due(adjudication: Adjudication, rule: str) -> str:
    running = open_deadlines(adjudication, rule)
    return running[0].due_on.isoformat() if running and running[0].due_on else "—"


def _step_day(adjudication: Adjudication, action: str, today) -> str:
    step = adjudication.steps.filter(action=action, kind="action").order_by("-created_at", "-pk").first()
    return (timezone.localdate(step.created_at) if step else today).isoformat()


def _context(adjudication: Adjudication, kind: str, payload: dict, today) -> dict:
    context = {
        "issuer": adjudication.bureau.name, "petitioner": adjudication.petitioner_name,
        "respondent": adjudication.respondent_name, "patent": adjudication.patent, "request": adjudication.request,
        "requested_on": adjudication.requested_on.isoformat(), "decision": adjudication.decision,
        "accepted_on": _step_day(adjudication, "accept", today), "today": today.isoformat(),
        "infringement": adjudication.outcome == "infringement",
        "number": f"{adjudication.bureau.short_name}专裁{KINDS[kind][2]}〔{today.year}〕{adjudication.pk}号",
        **{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in payload.items()},
    }
    if kind == "acceptance":
        context |= {"closing_due": _due(adjudication, CLOSING), "closing_citation": version_on(CLOSING, today).citation}
    elif kind == "copy_service":
        context |= {"defence_due": _due(adjudication, DEFENCE), "defence_citation": version_on(DEFENCE, today).citation}
    elif kind == "decision":
        suit = version_on(SUIT, today)
        context |= {"suit_days": suit.duration, "suit_citation": suit.citation}
    elif kind == "service":
        decision = adjudication.documents.filter(kind__in=("decision", "mediation")).order_by("-pk").first()
        context |= {"served_title": decision.title if decision else KINDS["decision"][1],
                    "served_number": decision.number if decision else "—"}
    return context


@in_record_language
def document_for_step(adjudication: Adjudication, action: str, ctx) -> AdjudicationDocument | None:
    """The stage's paper, rendered and stored when the step is done (called by the step's effect)."""
    kind = BY_ACTION.get(action)
    if kind is None:
        return None
    context = _context(adjudication, kind, ctx.payload, ctx.today)
    sha, name = blob_save("protection", render(template(kind), context))
    document = AdjudicationDocument.objects.create(
        adjudication=adjudication, kind=kind, title=KINDS[kind][1], number=context["number"], sha256=sha,
        storage_name=name, created_by=ctx.actor)
    audit_append(actor=ctx.actor, action="adjudication_document.generate", target=document,
                 after={"kind": kind, "number": document.number, "sha256": sha})
    return document


def docx_response(document: AdjudicationDocument) -> HttpResponse:
    """The stored paper as a download, only if it still hashes to what was recorded (else IntegrityFailed)."""
    response = HttpResponse(blob_read(document.storage_name, document.sha256), content_type=DOCX)
    name = f"adjudication-{document.adjudication_id}-{document.kind}-{document.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Document-SHA256"] = document.sha256
    return response


def certificate_response(certificate, name: str = "certificate") -> HttpResponse:
    """A rights certificate's file (or a registration's proof file), only if it still hashes to what was
    recorded."""
    response = HttpResponse(blob_read(certificate.storage_name, certificate.sha256),
                            content_type=certificate.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-{certificate.pk}"'
    response["X-Document-SHA256"] = certificate.sha256
    return response


def registration_file_response(registration) -> HttpResponse:
    return certificate_response(registration, "registration")
