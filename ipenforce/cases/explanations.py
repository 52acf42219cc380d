"""Rules without a number that explain an action on the case (legal-rules.md §4 F1a–F1c, F5a, F5b): shown on the
case page and in its API next to the fact or amount they concern, so the officer reads the rule where it applies."""
from dataclasses import dataclass

from ipenforce.cases.choices import IpType, fine_rule_for
from ipenforce.core import rules

INNOCENT_SELLER = "fine.trademark_innocent_seller"
TURNOVER_FACTORS = "fine.trademark_turnover_factors"
MEDIATION = "fine.trademark_mediation"
PATENT_ACTS = "patent.counterfeiting_acts"
PATENT_POWERS = "patent.counterfeiting_powers"


@dataclass
class Explanation:
    rule: str
    title: str
    text: str
    citation: str
    verified: bool
    field: str  # the case field (or section) it explains


def _applying(case) -> list[tuple[str, str]]:
    if case.ip_type == IpType.TRADEMARK:
        found = [(TURNOVER_FACTORS, "illegal_turnover")]
        if fine_rule_for(case.ip_type, case.offence) == "fine.trademark_infringement":
            found += [(INNOCENT_SELLER, "innocent_seller"), (MEDIATION, "decision")]
        return found
    if case.ip_type == IpType.PATENT:
        return [(PATENT_ACTS, "offence"), (PATENT_POWERS, "measures")]
    return []


def for_case(case) -> list[Explanation]:
    found = []
    for key, field in _applying(case):
        version = rules.get_rule(key).version_on_or_none(case.rule_date)
        if version is not None:
            found.append(Explanation(key, str(rules.get_rule(key).title), version.text, version.citation,
                                     version.verified, field))
    return found
