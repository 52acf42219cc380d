"""Whether a case's amounts reach the filing threshold of an IP crime (rules/criminal_thresholds.yaml), so it
should be transferred to the police (D310 art.3, TML art.61; no penalty in place of transfer, APL art.82).

Conduct on or after the 2025 interpretation is measured by it; earlier conduct by the version then in force
and by today's, the more lenient governing (从旧兼从轻): the threshold counts as reached only if both are met.
"""
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.cases.choices import Outcome
from ipenforce.core import rules

LABELS = {"turnover": gettext_lazy("非法经营数额"), "gains": gettext_lazy("违法所得"),
          "sales": gettext_lazy("销售金额")}


@dataclass
class CrimeCheck:
    rule: str
    title: str
    met: bool
    tier: str  # the tier met (under the governing version), or why nothing could be measured
    citations: list[str]
    verified: bool


def _prior_penalty_within(case, years: int) -> bool:
    from ipenforce.cases.models import Case

    identifiers = [p.identifier for p in case.parties.all() if p.identifier]
    if not identifiers:
        return False
    since = case.rule_date - timedelta(days=365 * years + years // 4)
    return (Case.objects.filter(ip_type=case.ip_type, outcome=Outcome.PENALTY, decided_on__gte=since,
                                decided_on__lte=case.rule_date)
            .filter(Q(parties__uscc__in=identifiers) | Q(parties__id_number__in=identifiers))
            .exclude(pk=case.pk).exists())


def _amounts(case) -> dict[str, Decimal | None]:
    return {"turnover": case.illegal_turnover, "gains": case.illegal_gains, "sales": case.sales_amount}


def _tier_met(tier, amounts, rights: int, case) -> bool:
    for name in ("turnover", "gains", "sales"):
        needed = getattr(tier, name)
        if needed is not None and (amounts[name] is None or amounts[name] < needed):
            return False
    if rights < tier.min_rights:
        return False
    return not tier.repeat_within_years or _prior_penalty_within(case, tier.repeat_within_years)


def _describe(tier) -> str:
    parts = [_("%(what)s≥%(amount)s元") % {"what": LABELS[n], "amount": f"{getattr(tier, n):,.0f}"}
             for n in ("turnover", "gains", "sales") if getattr(tier, n)]
    if tier.min_rights > 1:
        parts.append(_("涉及%(n)s件以上权利") % {"n": tier.min_rights})
    if tier.repeat_within_years:
        parts.append(_("%(n)s年内受过处罚") % {"n": tier.repeat_within_years})
    return "，".join(parts)


def _met_tier(version, amounts, rights, case):
    return next((t for t in version.tiers if _tier_met(t, amounts, rights, case)), None)


def evaluate(case, today: date | None = None) -> list[CrimeCheck]:
    today = today or timezone.localdate()
    amounts = _amounts(case)
    rights = sum(1 for r in case.rights.all() if r.ip_type == case.ip_type)
    checks = []
    for rule in rules.all_rules():
        if not isinstance(rule, rules.CriminalThresholdRule) or rule.ip_type != case.ip_type:
            continue
        at_conduct, current = rule.version_on_or_none(case.rule_date), rule.version_on_or_none(today)
        versions = [v for v in (at_conduct, None if current is at_conduct else current) if v is not None]
        if at_conduct is None:
            checks.append(CrimeCheck(rule.key, rule.title, False,
                                     _("行为发生时适用的立案标准数额尚未核实，无法自动判断，请人工研判。"),
                                     [v.citation for v in versions], False))
            continue
        tiers = [_met_tier(v, amounts, rights, case) for v in versions]
        met = all(t is not None for t in tiers)
        checks.append(CrimeCheck(rule.key, rule.title, met,
                                 _describe(tiers[-1 if len(tiers) > 1 else 0]) if met else "",
                                 [v.citation for v in versions], all(v.verified for v in versions)))
    return checks
