"""The credit module's documents, made with the documents app and stored by hash like every generated document:

- the published text of a penalty decision (D-15, [PUB45] arts 5–7): the served decision — the same template
  version, number and date — rendered again with a natural person's personal data masked (identity number,
  address, phone, service address; also wherever they occur in the decision's text), nothing else changed;
- the decision on a credit-repair application or an objection (信用修复决定书 / 异议处理决定书), a template built here
  with the documents app's helpers and rendered in its sandbox (as the campaign report is)."""
from datetime import date
from functools import cache

from django.utils import timezone
from docx import Document as Docx

from ipenforce.cases.choices import PartyKind
from ipenforce.cases.selectors import primary_party
from ipenforce.core.pii import mask_address, mask_id_number
from ipenforce.documents.build_templates import _centered, _chinese_font, _reproducible
from ipenforce.documents.context import context_for, periods
from ipenforce.documents.models import Document
from ipenforce.documents.render import blob_read, blob_save, render
from ipenforce.documents.services import template_current

DECISION_KIND = "penalty_decision"
PERSONS = {PartyKind.NATURAL_PERSON, PartyKind.INDIVIDUAL_BUSINESS}


def _day(value: date) -> str:
    return value.strftime("%Y年%m月%d日")


def _replace_everywhere(value, replacements: dict[str, str]):
    if isinstance(value, str):
        for secret, masked in replacements.items():
            value = value.replace(secret, masked)
        return value
    if isinstance(value, dict):
        return {k: _replace_everywhere(v, replacements) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_everywhere(v, replacements) for v in value]
    return value


def redacted_context(case, made_on: date) -> dict:
    """The decision's context as served on `made_on`, with the personal data of natural persons masked."""
    context = {**context_for(case, case.number or ""), "today": _day(made_on), "periods": periods(made_on)}
    party = primary_party(case)
    replacements = {}
    for p in case.parties.all():
        if p.kind not in PERSONS:
            continue
        for secret, masked in ((p.id_number, mask_id_number(p.id_number)), (p.address, mask_address(p.address)),
                               (p.service_address, mask_address(p.service_address)), (p.phone, "")):
            if secret and len(secret) >= 4:
                replacements[secret] = masked
    if party is not None:  # a company's contact phone and service address are not part of the published text
        context["party"] = {**context["party"], "phone": "", "service_address": ""}
    return _replace_everywhere(context, dict(sorted(replacements.items(), key=lambda kv: -len(kv[0]))))


def published_decision(case) -> tuple[str, str]:
    """(sha256, storage name) of the published text of the case's decision (D-15)."""
    served = (Document.objects.filter(case=case, kind=DECISION_KIND).select_related("template")
              .order_by("-version").first())
    template = served.template if served else template_current(DECISION_KIND)
    made_on = timezone.localdate(served.created_at) if served else (case.decided_on or timezone.localdate())
    data = render(blob_read(template.storage_name, template.sha256), redacted_context(case, made_on))
    return blob_save("publications", data)


# ---- the repair / objection decision ----------------------------------------------------------------------------

@cache
def repair_template() -> bytes:
    document = Docx()
    _chinese_font(document)
    _centered(document, "{{ agency }}", 16, bold=True)
    _centered(document, "{{ title }}", 20, bold=True)
    for line in ("申请人：{{ applicant }}", "申请事项：{{ kind }}（{{ target }}）", "申请日期：{{ applied_on }}",
                 "受理日期：{{ accepted_on }}", "申请理由：{{ grounds }}", "本机关决定：{{ result }}",
                 "理由：{{ reason }}", "{{ effect }}", "依据：{{ basis }}",
                 "如不服本决定，可以依法申请行政复议或者提起行政诉讼。", "{{ agency }}", "{{ decided_on }}"):
        document.add_paragraph(line)
    return _reproducible(document)


def repair_decision(context: dict) -> tuple[str, str]:
    """(sha256, storage name) of the rendered decision on a repair application or objection."""
    return blob_save("credit", render(repair_template(), context))
