"""What a template may use: one context per case, its shape declared in FIELDS so an uploaded template can be
checked for placeholders no case could fill."""
from datetime import date

from django.utils import timezone

from ipenforce.cases import penalty
from ipenforce.cases.choices import Outcome, Procedure, ServiceMethod, Source
from ipenforce.cases.models import Case
from ipenforce.cases.selectors import fine_range_for, primary_party
from ipenforce.core import clock, rules
from ipenforce.evidence.choices import EvidenceKind
from ipenforce.evidence.selectors import case_evidence

FIELDS = {
    "agency": ["name", "short_name"],
    "case": ["number", "title", "source", "description", "discovered_on", "filed_on", "procedure", "triage_reason",
             "findings", "hearing_on", "outcome", "decision_reason", "served_on", "service_method", "published_on",
             "created_by", "decision_title"],
    "party": ["name", "identifier", "address", "legal_representative", "service_address", "phone"],
    "amounts": ["proposed_fine", "fine", "confiscation", "illegal_turnover", "illegal_gains"],
    "evidence": ["kind", "description", "source", "collected_at", "place"],
    "electronic": ["captured_url", "captured_at", "file_name", "sha256"],
    "record": ["started_at", "ended_at", "place", "officers", "person", "witness", "certificates", "rights",
               "findings", "measures", "refusal"],
    "qa": ["number", "q", "a"],
    "signers": ["role", "name", "signed", "sha256"],
    "periods": ["statement", "preservation", "seizure", "payment", "surcharge", "review", "litigation"],
    "evidence_list": ["number", "kind", "description", "source", "proves", "record"],
    "assignment": ["receiver", "previous_receiver", "kind", "instructions", "feedback", "period", "reason"],
    "number": None, "today": None, "rights_text": None, "officers_text": None, "approvals_text": None,
    "last_reason": None, "evidence_text": None, "fine_citation": None, "confiscation_text": None,
    "decided_confiscation_text": None, "hearing_clause": None, "hearing_rights_text": None, "payments_text": None,
    "publicity_notice": None,
}
LISTS = {"evidence", "electronic", "qa", "signers", "evidence_list"}
# The legal periods the documents quote, each read from its rule in force on the day the document is made.
PERIOD_RULES = {"statement": "admin.statement_period", "preservation": "admin.evidence_preservation",
                "seizure": "admin.seizure", "payment": "admin.fine_payment",
                "review": "admin.reconsideration_application", "litigation": "admin.litigation"}
UNIT_WORDS = {clock.WORKING_DAYS: "个工作日", clock.NATURAL_DAYS: "日", clock.HOURS: "小时", clock.MONTHS: "个月",
              clock.YEARS: "年"}
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """0–99 in Chinese numerals as official documents write them (十五, 三十, 六十); larger numbers in figures."""
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def periods(on: date) -> dict[str, str]:
    """"七个工作日", "六十日", "六个月", … and the daily surcharge as "百分之三", from rules/."""
    out = {}
    for name, key in PERIOD_RULES.items():
        version = rules.version_on(key, on)
        out[name] = chinese_number(version.duration) + UNIT_WORDS[version.unit]
    per_day = rules.version_on("late_payment.surcharge", on).values["per_day"].amount * 100
    out["surcharge"] = "百分之" + chinese_number(int(per_day)) if per_day == int(per_day) else f"{per_day}%"
    return out


def _d(value) -> str:
    return value.strftime("%Y年%m月%d日") if value else ""


def _money(value) -> str:
    return f"{value:,.2f}" if value is not None else ""


def _label(choices, value) -> str:
    return str(dict(choices).get(value, "")) if value else ""


def _evidence_rows(case: Case) -> tuple[list[dict], list[dict]]:
    items = list(case_evidence(case))
    rows = [{"kind": _label(EvidenceKind.choices, i.kind), "description": i.description, "source": i.source,
             "collected_at": timezone.localtime(i.collected_at).strftime("%Y-%m-%d %H:%M"), "place": i.place}
            for i in items]
    electronic = [{"captured_url": i.captured_url,
                   "captured_at": timezone.localtime(i.captured_at).strftime("%Y-%m-%d %H:%M") if i.captured_at else "",
                   "file_name": f.name, "sha256": f.stored.sha256}
                  for i in items if i.kind == EvidenceKind.ELECTRONIC for f in i.files.all()]
    return rows, electronic


def publicity_notice(case: Case) -> str:
    """D-16 ([PUB45] art 8): the decision tells the party in writing that it will be published (rule
    credit.publicity_notice), on a decision that is published; blank on any other."""
    if not penalty.decision_is_publicised(case.procedure, case.outcome):
        return ""
    version = rules.version_on("credit.publicity_notice", case.decided_on or timezone.localdate())
    return f"{version.text}（{version.citation}）"


def context_for(case: Case, number: str, record: dict | None = None) -> dict:
    """The case's context; `record` (an on-site record's fields, from the app that keeps records) fills the
    record, qa and signers placeholders, which stay blank for a form printed to be filled in by hand."""
    party = primary_party(case)
    evidence, electronic = _evidence_rows(case)
    fine_range = fine_range_for(case)
    steps = list(case.steps.all())
    approvals = [f"{s.actor.display_name}：{s.get_kind_display()}{'（' + s.comment + '）' if s.comment else ''}"
                 for s in steps if s.kind in ("approve", "reject", "send_back")]
    reasons = [s.payload.get("reason", "") for s in steps if s.payload.get("reason")]
    hearing = case.hearing_right
    return {
        "agency": {"name": case.agency.name, "short_name": case.agency.short_name},
        "case": {
            "number": case.number or "", "title": case.title, "source": _label(Source.choices, case.source),
            "description": case.description, "discovered_on": _d(case.discovered_on), "filed_on": _d(case.filed_on),
            "procedure": _label(Procedure.choices, case.procedure), "triage_reason": case.triage_reason,
            "findings": case.findings, "hearing_on": _d(case.hearing_on),
            "outcome": _label(Outcome.choices, case.outcome),
            "decision_reason": case.decision_reason, "served_on": _d(case.served_on),
            "service_method": _label(ServiceMethod.choices, case.service_method), "published_on": _d(case.published_on),
            "created_by": case.created_by.display_name,
            "decision_title": "行政处罚决定书" if case.outcome == Outcome.PENALTY else "不予行政处罚决定书",
        },
        "party": {
            "name": party.name if party else "", "identifier": party.identifier if party else "",
            "address": party.address if party else "",
            "legal_representative": party.legal_representative if party else "",
            "service_address": party.service_address if party else "", "phone": party.phone if party else "",
        },
        "amounts": {"proposed_fine": _money(case.proposed_fine), "fine": _money(case.fine),
                    "confiscation": _money(case.confiscation), "illegal_turnover": _money(case.illegal_turnover),
                    "illegal_gains": _money(case.illegal_gains)},
        "evidence": evidence, "electronic": electronic,
        "number": number, "today": _d(timezone.localdate()), "periods": periods(timezone.localdate()),
        "rights_text": "；".join(str(r) + "（" + r.holder + "）" for r in case.rights.all()),
        "officers_text": "、".join(f"{o.display_name}（{o.certificate_no}）" for o in case.officers.all()),
        "approvals_text": "；".join(approvals), "last_reason": reasons[-1] if reasons else "",
        "evidence_text": "；".join(f"{e['kind']}：{e['description']}" for e in evidence),
        "fine_citation": fine_range.citation if fine_range else "",
        "confiscation_text":
            f"，没收违法所得人民币{_money(case.proposed_confiscation)}元" if case.proposed_confiscation else "",
        "decided_confiscation_text": f"，没收违法所得人民币{_money(case.confiscation)}元" if case.confiscation else "",
        "hearing_clause": "、第六十三条、第六十四条" if hearing else "",
        "hearing_rights_text": "，并有要求举行听证的权利" if hearing else "",
        "payments_text": "；".join(f"{_d(p.paid_on)} {_money(p.amount)}元" for p in case.payments.all()),
        "publicity_notice": publicity_notice(case),
        "record": {name: "" for name in FIELDS["record"]} | (record or {}).get("record", {}),
        "qa": (record or {}).get("qa", []), "signers": (record or {}).get("signers", []),
    }


def sample_context() -> dict:
    """A context with every field the templates may use, for checking uploaded templates."""
    out = {}
    for name, attrs in FIELDS.items():
        if attrs is None:
            out[name] = "示例"
        elif name in LISTS:
            out[name] = [{a: "示例" for a in attrs}]
        else:
            out[name] = {a: "示例" for a in attrs}
    return out


