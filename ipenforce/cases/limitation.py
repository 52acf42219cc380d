"""Whether a violation was discovered within the limitation period for penalising it (追责时效, legal-rules.md T16,
《行政处罚法》第三十六条): 2 years, 5 years where citizens' life, health or financial security is involved with
harmful consequences, counted from the day of the conduct or, for a continuing or continuous act, the day it ended.

The question the law asks is whether the violation was "discovered within" the period, so the version in force on
the discovery date answers it. A lead without a conduct date cannot be checked; the page says so.
"""
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ipenforce.core import rules
from ipenforce.core.memo import memo

RULE, RULE_SAFETY = "admin.limitation", "admin.limitation_safety"


@dataclass(frozen=True)
class Limitation:
    rule: str
    ref: str
    title: str
    start: date | None  # the conduct (or its end); None: not recorded
    due: date | None  # last day on which discovery is in time
    barred: bool
    citation: str
    verified: bool
    text: str


def limitation_for(*, conduct_on: date | None, conduct_ended_on: date | None, harms_safety: bool,
                   discovered_on: date) -> Limitation:
    key = RULE_SAFETY if harms_safety else RULE
    rule = rules.get_rule(key)
    start = conduct_ended_on or conduct_on
    try:
        version = rule.version_on(discovered_on)
    except rules.RuleNotInForce:
        return Limitation(key, rule.ref, rule.title, start, None, False, "", False,
                          _("发现日期早于本规则编码的版本，追责时效请人工判断。"))
    if start is None:
        return Limitation(key, rule.ref, rule.title, None, None, False, version.citation, version.verified,
                          _("未填写违法行为发生日（或终了日），无法判断是否超过追责时效。"))
    due, _version = rules.due_for(key, start, version_date=discovered_on)
    barred = discovered_on > due.due
    values = {"years": version.duration, "start": start.isoformat(), "due": due.due.isoformat()}
    text = (_("违法行为自%(start)s起%(years)s年内未被发现（至%(due)s），已超过追责时效，不再给予行政处罚。") if barred
            else _("追责时效%(years)s年，自%(start)s起算，发现日期在%(due)s之前，未超过时效。")) % values
    return Limitation(key, rule.ref, rule.title, start, due.due, barred, version.citation, version.verified, text)


def case_limitation(case) -> Limitation:
    """The case's limitation, computed once per case object (its guards and its page both read it)."""
    facts = {"conduct_on": case.conduct_on, "conduct_ended_on": case.conduct_ended_on,
             "harms_safety": case.harms_safety, "discovered_on": case.discovered_on}
    return memo(case, "limitation", tuple(facts.values()), lambda: limitation_for(**facts))
