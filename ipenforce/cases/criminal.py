"""Whether a case's amounts reach the filing threshold of an IP crime (rules/criminal_thresholds.yaml), so it
should be transferred to the police (D310 art.3, TML art.61; no penalty in place of transfer, APL art.82).

Conduct on or after the 2025 interpretation is measured by it; earlier conduct by the version then in force and
by today's, compared per threshold kind (从旧兼从轻, 《关于适用刑事司法解释时间效力问题的规定》§§2–4): the lighter
applies only where both versions define that kind; where only the conduct-time version does, it decides; a newer
version that is not fully encoded is flagged, never taken as "no threshold"; a version whose figures the document
does not give (⚠) leaves the conduct it governs to a person (需人工研判).
A rule may be limited to one 违法行为类别 (the label crime, CL art.215), to goods or service marks (Nice classes
35–45, the 2025 interpretation's service-mark thresholds) and to conduct after the day the act became a crime.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.cases.choices import NOT_CRIMINAL, SERVICE_CLASSES, Outcome
from ipenforce.core import rules

MANUAL = gettext_lazy("研究文件未给出该版本的数额（⚠ 尚未核实），无法自动判断，需人工研判。")


@dataclass
class CrimeCheck:
    rule: str
    title: str
    met: bool
    tier: str  # the threshold met, with the version that governs it, or why nothing could be measured
    citations: list[str]
    verified: bool
    flags: list[str] = field(default_factory=list)  # what the reader must know: an incomplete newer version …
    governing: str = ""  # citation of the version (or tier) whose threshold decided
    manual: bool = False  # the figures that govern are not given (⚠): a person must assess the conduct


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


def _amounts(case) -> dict[str, Decimal | int | None]:
    sold_and_unsold = None
    if case.goods_value is not None:
        sold_and_unsold = (case.sales_amount or Decimal(0)) + case.goods_value
    labels = None
    if case.unsold_label_count is not None:
        labels = (case.label_count or 0) + case.unsold_label_count
    return {"turnover": case.illegal_turnover, "gains": case.illegal_gains, "sales": case.sales_amount,
            "unsold": case.goods_value, "sold_and_unsold": sold_and_unsold, "loss": case.loss_amount,
            "labels": case.label_count, "unsold_labels": case.unsold_label_count, "sold_and_unsold_labels": labels,
            "copies": case.copy_count, "works": case.works_count, "clicks": case.click_count,
            "members": case.member_count}


def _tier_met(tier, amounts, rights: int, case) -> bool:
    reached = [amounts[name] is not None and amounts[name] >= getattr(tier, name) * tier.share
               for name in rules.TIER_AMOUNTS if getattr(tier, name) is not None]
    if not (sum(reached) >= tier.at_least if tier.at_least else all(reached)):
        return False
    if rights < tier.min_rights:
        return False
    return not tier.repeat_within_years or _prior_penalty_within(case, tier.repeat_within_years)


def _citation(version, tier) -> str:
    return tier.citation or version.citation


def _verified(version, tier) -> bool:
    return version.verified and (tier.mark or version.mark) != "⚠"


def _met_alone(version, amounts, rights, case) -> CrimeCheck | None:
    tier = next((t for t in version.tiers if _tier_met(t, amounts, rights, case)), None)
    if tier is None:
        return None
    return CrimeCheck("", "", True, rules.describe_tier(tier), [_citation(version, tier)], _verified(version, tier),
                      governing=_citation(version, tier))


def _compare(old, new, amounts, rights, case) -> tuple[CrimeCheck | None, list[str]]:
    """从旧兼从轻 per threshold kind: a kind both versions define is reached only if it is reached under both
    (the more lenient governs); a kind only the conduct-time version defines is decided by it alone; a kind only
    the newer version defines did not exist at the time of the conduct and is not applied to it."""
    flags = []
    if not new.tiers:
        flags.append(_("较新版本（%(citation)s）的数额研究文件未给出（⚠），按行为时版本判断；是否更轻需人工研判。")
                     % {"citation": new.citation})
    elif new.incomplete:
        flags.append(_("较新版本未完整编码（%(why)s），其未规定的标准按行为时版本判断。") % {"why": new.incomplete})
    newer = {t.kind: t for t in new.tiers}
    for tier in old.tiers:
        if not _tier_met(tier, amounts, rights, case):
            continue
        counterpart = newer.get(tier.kind)
        if counterpart is None:
            text = _("%(tier)s（按行为时版本；较新版本未规定该项标准）") % {"tier": rules.describe_tier(tier)}
            return CrimeCheck("", "", True, text,
                              [_citation(old, tier), new.citation], _verified(old, tier),
                              flags, _citation(old, tier)), flags
        if _tier_met(counterpart, amounts, rights, case):
            lenient, version = (tier, old) if _more_lenient(tier, counterpart) else (counterpart, new)
            text = _("%(tier)s（新旧版本均达到，适用较轻的标准）") % {"tier": rules.describe_tier(lenient)}
            return CrimeCheck("", "", True, text,
                              [_citation(old, tier), _citation(new, counterpart)],
                              _verified(old, tier) and _verified(new, counterpart), flags,
                              _citation(version, lenient)), flags
    return None, flags


def _more_lenient(old_tier, new_tier) -> bool:
    """Whether the old tier's amounts are the higher (more favourable to the suspect) of the two."""
    return all(getattr(old_tier, n) >= getattr(new_tier, n) for n in rules.TIER_AMOUNTS
               if getattr(old_tier, n) is not None)


def _rights(case, rule) -> list:
    """The case's rights a rule counts: of its IP type, and for a goods or services rule the marks of that kind
    (a mark without a class counts as goods)."""
    rights = [r for r in case.rights.all() if r.ip_type == case.ip_type]
    if rule.marks == "services":
        return [r for r in rights if r.trademark_class in SERVICE_CLASSES]
    if rule.marks == "goods":
        return [r for r in rights if r.trademark_class not in SERVICE_CLASSES]
    return rights


def _applies(rule, case, claimed: set[str]) -> bool:
    if rule.ip_type != case.ip_type:
        return False
    offence = getattr(case, "offence", "")
    if (rule.offence != offence) if rule.offence else offence in claimed:
        return False
    if rule.crime_since and case.rule_date < rule.crime_since:
        return False  # not yet a crime at the time of the conduct
    if rule.marks == "services":
        return bool(_rights(case, rule))
    if rule.marks == "goods":
        marks = [r for r in case.rights.all() if r.ip_type == case.ip_type]
        return not marks or bool(_rights(case, rule))
    return True


def evaluate(case, today: date | None = None) -> list[CrimeCheck]:
    if getattr(case, "offence", "") in NOT_CRIMINAL:
        return []  # not the conduct of an IP crime (e.g. 商标法第五十二条, a patent marked after it lapsed)
    today = today or timezone.localdate()
    amounts = _amounts(case)
    crime_rules = [r for r in rules.all_rules() if isinstance(r, rules.CriminalThresholdRule)]
    claimed = {r.offence for r in crime_rules if r.offence}
    checks = []
    for rule in crime_rules:
        if not _applies(rule, case, claimed):
            continue
        rights = len(_rights(case, rule))
        at_conduct, current = rule.version_on_or_none(case.rule_date), rule.version_on_or_none(today)
        earlier = []
        if at_conduct is None and rule.crime_since and current is not None:
            # No interpretation existed at the time of the conduct: the current one applies (时间效力规定 §2).
            at_conduct = current
            earlier.append(_("行为时尚无司法解释规定数额，适用现行解释（《关于适用刑事司法解释时间效力问题的规定》第二条）。"))
        if at_conduct is not None and not at_conduct.tiers:
            checks.append(CrimeCheck(rule.key, rule.title, False, str(MANUAL), [at_conduct.citation], False,
                                     [at_conduct.note] if at_conduct.note else [], manual=True))
            continue
        if at_conduct is None:
            versions = [v for v in (current,) if v is not None]
            checks.append(CrimeCheck(rule.key, rule.title, False,
                                     _("行为发生时适用的立案标准数额尚未核实，无法自动判断，请人工研判。"),
                                     [v.citation for v in versions], False))
            continue
        flags = list(earlier)
        if current is None or current is at_conduct:
            result = _met_alone(at_conduct, amounts, rights, case)
            if current is None and today > case.rule_date:
                flags.append(_("现行版本的数额未编码，仅按行为时版本判断，请人工核对现行标准。"))
            if at_conduct.incomplete:
                flags.append(_("本版本未完整编码：%(why)s") % {"why": at_conduct.incomplete})
        else:
            result, flags = _compare(at_conduct, current, amounts, rights, case)
            flags = earlier + flags
        if result is None:
            citations = [v.citation for v in (at_conduct, current) if v is not None]
            checks.append(CrimeCheck(rule.key, rule.title, False, "", list(dict.fromkeys(citations)),
                                     all(v.verified for v in (at_conduct, current) if v is not None), flags))
            continue
        result.rule, result.title = rule.key, rule.title
        result.flags = flags
        result.citations = list(dict.fromkeys(result.citations))
        checks.append(result)
    return checks
