"""What a template may use: one context per case, its shape declared in FIELDS so an uploaded template can be
checked for placeholders no case could fill."""
from datetime import date

from django.utils import timezone

from ipenforce.cases import criminal, penalty
from ipenforce.cases.choices import Discretion, Outcome, Procedure, ServiceMethod, Source, fine_rule_for
from ipenforce.cases.models import Case, Measure
from ipenforce.cases.selectors import fine_range_for, primary_party
from ipenforce.core import clock, rules
from ipenforce.core.money import figures, in_words
from ipenforce.evidence.choices import EvidenceKind
from ipenforce.evidence.selectors import case_evidence
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import Agency

FIELDS = {
    "agency": ["name", "short_name"],
    "case": ["number", "title", "source", "description", "discovered_on", "filed_on", "procedure", "triage_reason",
             "findings", "hearing_on", "outcome", "decision_reason", "served_on", "service_method", "published_on",
             "created_by", "decision_title", "review_body", "court"],
    "party": ["name", "identifier", "address", "legal_representative", "service_address", "phone"],
    "amounts": ["proposed_fine", "fine", "confiscation", "illegal_turnover", "illegal_gains", "total_text"],
    "evidence": ["kind", "description", "source", "collected_at", "place"],
    "electronic": ["captured_url", "captured_at", "file_name", "sha256"],
    "record": ["started_at", "ended_at", "place", "officers", "person", "witness", "certificates", "rights",
               "findings", "measures", "refusal"],
    "qa": ["number", "q", "a"],
    "signers": ["role", "name", "signed", "sha256"],
    "periods": ["statement", "preservation", "seizure", "payment", "surcharge", "review", "litigation"],
    "evidence_list": ["number", "kind", "description", "source", "proves", "record"],
    "transfer": ["police", "crimes", "thresholds", "package"],
    "assignment": ["receiver", "previous_receiver", "kind", "instructions", "feedback", "period", "reason"],
    "number": None, "today": None, "rights_text": None, "officers_text": None, "approvals_text": None,
    "last_reason": None, "evidence_text": None, "fine_citation": None, "confiscation_text": None,
    "decided_confiscation_text": None, "hearing_clause": None, "hearing_rights_text": None, "payments_text": None,
    "facts_text": None, "violated_provision": None, "proposed_penalty_text": None, "hearing_request_text": None,
    "statement_text": None, "discretion_text": None, "collective_text": None, "penalty_items_text": None,
    "publicity_notice": None,
}
# The article each offence breaks (legal-rules.md §4: F1 TML art.57 acts, F2 art.51, F3 art.52, F5 PL art.68,
# F6 CRL art.53, F4 art.14 ¶5, F8 ECL arts.42/45), by its fine rule; the penalty provision is the fine rule's own
# citation.
VIOLATED = {
    "fine.trademark_infringement": "《中华人民共和国商标法》第五十七条",
    "fine.trademark_unregistered_required": "《中华人民共和国商标法》第五十一条",
    "fine.trademark_false_registered": "《中华人民共和国商标法》第五十二条",
    "fine.patent_counterfeiting": "《中华人民共和国专利法》第六十八条",
    "fine.copyright_infringement": "《中华人民共和国著作权法》第五十三条",
    "fine.trademark_well_known_words": "《中华人民共和国商标法》第十四条第五款",  # F4
    "fine.trade_secret": "《中华人民共和国反不正当竞争法》第九条",  # F7, the 2019 text its penalty article is of
    "fine.ecommerce_platform": "《中华人民共和国电子商务法》第四十二条、第四十五条",  # F8
}
ORDINALS = "一二三四五六七八九"
FACTS_OPENINGS = ("经查明", "经查", "经调查")
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
    return figures(value)


def _amount(value) -> str:
    """人民币120,000.00元（大写：人民币壹拾贰万元整）."""
    return f"人民币{figures(value)}元（大写：{in_words(value)}）" if value is not None else ""


def facts_text(findings: str) -> str:
    """The findings as the body of "违法事实：" / "经查：": an opening the officer wrote ("经查：…") is not doubled."""
    text = findings.strip()
    for opening in FACTS_OPENINGS:
        if text.startswith(opening):
            text = text[len(opening):].lstrip("：:，, ")
            break
    return text


def _numbered(items: list[str]) -> str:
    return "".join(f"（{ORDINALS[i] if i < len(ORDINALS) else i + 1}）{item}" + ("；" if i < len(items) - 1 else "。")
                   for i, item in enumerate(items))


def penalty_items(case: Case) -> list[str]:
    """The decision's penalty items, in the order of the decision book: warning, order to stop, confiscation and
    destruction of goods and tools, confiscation of illegal gains, fine."""
    items = []
    if case.is_warning:
        items.append("警告")
    if case.order_to_stop:
        items.append("责令立即停止侵权行为")
    if case.confiscated_goods:
        items.append("没收、销毁侵权商品：" + "、".join(case.confiscated_goods))
    if case.confiscated_tools:
        items.append("没收、销毁主要用于制造侵权商品和伪造注册商标标识的工具：" + "、".join(case.confiscated_tools))
    if case.confiscation:
        items.append("没收违法所得" + _amount(case.confiscation))
    if case.fine:
        items.append("罚款" + _amount(case.fine))
    return items


def _statement_text(case: Case, steps) -> str:
    parts = []
    if case.notice_served_on:
        parts.append(f"本机关于{_d(case.notice_served_on)}向当事人送达了《行政处罚告知书》。")
    statements = [s.payload.get("content", "") for s in steps if s.action == "record_statement" and s.payload]
    waived = any(s.action == "end_statement" and s.payload.get("waived") for s in steps)
    if statements:
        parts.append("当事人提出了陈述、申辩，本机关复核意见如下：" + "；".join(statements))
    elif waived:
        parts.append("当事人明确表示放弃陈述、申辩和听证的权利。")
    elif case.notice_served_on:
        parts.append("当事人在法定期限内未提出陈述、申辩。")
    if case.hearing_held_on:
        parts.append(f"本机关于{_d(case.hearing_held_on)}依当事人申请举行了听证。")
    return "".join(parts)


def _discretion_text(case: Case, fine_range) -> str:
    parts = []
    if fine_range is not None:
        parts.append(f"本案法定罚款幅度为人民币{figures(fine_range.low)}元至{figures(fine_range.high)}元。")
    if case.discretion:
        parts.append(f"本机关决定对当事人{_label(Discretion.choices, case.discretion)}。")
    if case.decision_reason:
        parts.append(f"裁量理由：{case.decision_reason.rstrip('。')}。")
    return "".join(parts)


def _police(case: Case) -> str:
    """The police agency the case goes to: the one the transfer names, else the bureau's same-level police
    (D310 art.5)."""
    transfer = case.transfers.exclude(police=None).select_related("police").order_by("-pk").first()
    if transfer is not None:
        return transfer.police.name
    bureau = case.agency.parent if case.agency.level == "office" and case.agency.parent else case.agency
    police = Agency.objects.filter(kind=AgencyKind.POLICE, region_code=bureau.region_code, is_active=True).first()
    return police.name if police else "公安机关"


def _transfer(case: Case, evidence_count: int) -> dict:
    met = [c for c in criminal.evaluate(case) if c.met]
    tests = [m for m in case.measures.all() if m.kind == Measure.TESTING]
    reports = "；".join(f"{m.place}{'：' + m.outcome if m.outcome else ''}" for m in tests) or "无"
    return {
        "police": _police(case),
        "crimes": "、".join(c.title for c in met) or "犯罪",
        "thresholds": "；".join(f"{c.title}：{c.tier}（{c.governing}）" for c in met)
        or "（未自动比对到已达到的标准，由办案人员在调查报告中说明）",
        "package": f"1. 涉嫌犯罪案件情况的调查报告；2. 涉案物品清单（见附表，共{evidence_count}项）；"
                   f"3. 有关检验报告或者鉴定意见（{reports}）；4. 其他有关涉嫌犯罪的材料。",
    }


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


def context_for(case: Case, number: str, record: dict | None = None, kind: str = "") -> dict:
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
    if case.notice_served_on is None and party is not None and case.proposed_fine is not None:
        hearing = penalty.hearing_right(party.kind, timezone.localdate(), case.proposed_fine,
                                        case.proposed_confiscation)  # the notice tells the right before service
    proposed = ["罚款" + _amount(case.proposed_fine)] if case.proposed_fine else []
    if case.proposed_confiscation:
        proposed.append("没收违法所得" + _amount(case.proposed_confiscation))
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
            "review_body": case.review_body or "________", "court": case.court or "________",
        },
        "party": {
            "name": party.name if party else "", "identifier": party.identifier if party else "",
            "address": party.address if party else "",
            "legal_representative": party.legal_representative if party else "",
            "service_address": party.service_address if party else "", "phone": party.phone if party else "",
        },
        "amounts": {"proposed_fine": _money(case.proposed_fine), "fine": _money(case.fine),
                    "confiscation": _money(case.confiscation), "illegal_turnover": _money(case.illegal_turnover),
                    "illegal_gains": _money(case.illegal_gains), "total_text": _amount(case.amount_due)},
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
        "facts_text": facts_text(case.findings),
        "violated_provision": VIOLATED.get(fine_rule_for(case.ip_type, case.offence), ""),
        "proposed_penalty_text": "；".join(proposed),
        "hearing_request_text": "或者要求举行听证" if hearing else "",
        "statement_text": _statement_text(case, steps),
        "discretion_text": _discretion_text(case, fine_range),
        "collective_text": "本案经本机关负责人集体讨论决定。" if case.collective_discussed_at else "",
        "penalty_items_text": _numbered(penalty_items(case)),
        "transfer": _transfer(case, len(evidence)) if kind == "crime_transfer"
        else {name: "" for name in FIELDS["transfer"]},
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


