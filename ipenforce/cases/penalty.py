"""Penalty amounts from rules/: the legal fine range for a case, the simple-procedure limit, hearing and legal
review thresholds, the late-payment surcharge. Nothing here is a constant: every number comes from a rule."""
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from ipenforce.cases.choices import THRESHOLD_COLUMN, Outcome, fine_rule_for
from ipenforce.core import rules

CENT = Decimal("0.01")


@dataclass
class FineRange:
    low: Decimal
    high: Decimal
    basis: str  # "turnover" / "gains" when a multiple applies, "serious" for 情节严重's range, "fixed" otherwise
    rule_key: str
    citation: str
    verified: bool
    aggravation_text: str = ""
    prior_cases: list[str] = field(default_factory=list)  # numbers of earlier decisions making this a repeat

    @property
    def aggravated(self) -> bool:
        return bool(self.prior_cases)


def fine_range(case, prior_cases: list[str] | None = None) -> FineRange:
    """The fine the law allows for the case's offence, from its 违法经营额 / 违法所得 on the conduct date."""
    key = fine_rule_for(case.ip_type, getattr(case, "offence", ""))
    version = rules.version_on(key, case.rule_date)
    amount = {"turnover": case.illegal_turnover, "gains": case.illegal_gains}.get(version.basis)
    if amount is not None and amount >= version.pivot:
        low = (amount * version.multiple.min).quantize(CENT)
        high = (amount * version.multiple.max).quantize(CENT)
        basis = version.basis
    elif version.serious is not None and getattr(case, "serious_circumstances", False):
        low, high, basis = version.serious.min, version.serious.max, "serious"
    else:
        low, high, basis = version.fixed.min, version.fixed.max, "fixed"
    repeat = version.aggravation is not None and bool(prior_cases)
    return FineRange(low=low, high=high, basis=basis, rule_key=key, citation=version.citation,
                     verified=version.verified, aggravation_text=version.aggravation.text if repeat else "",
                     prior_cases=list(prior_cases or []) if repeat else [])


def aggravation_years(case) -> int | None:
    version = rules.version_on(fine_rule_for(case.ip_type, getattr(case, "offence", "")), case.rule_date)
    return version.aggravation.repeat_within_years if version.aggravation else None


def _threshold(key: str, party_kind: str, on: date) -> tuple[Decimal, str]:
    value = rules.version_on(key, on).values[THRESHOLD_COLUMN[party_kind]]
    return value.amount, value.comparison


def _meets(amount: Decimal, threshold: tuple[Decimal, str]) -> bool:
    limit, comparison = threshold
    return {"gte": amount >= limit, "gt": amount > limit, "lte": amount <= limit, "lt": amount < limit}[comparison]


def simple_fine_limit(party_kind: str, on: date) -> Decimal:
    return _threshold("simple_procedure.max_fine", party_kind, on)[0]


def hearing_right(party_kind: str, on: date, fine: Decimal | None, confiscation: Decimal | None) -> bool:
    threshold = _threshold("hearing.fine_threshold", party_kind, on)
    return any(amount is not None and _meets(amount, threshold) for amount in (fine, confiscation))


def legal_review_by_amount(party_kind: str, on: date, fine: Decimal | None, region_code: str) -> bool:
    """A local list's money threshold for legal review (a pattern, §1.5): only where the agency adopted it."""
    if fine is None:
        return False
    version = rules.get_rule("legal_review.fine_threshold").version_on_or_none(on)
    if version is None or not version.adopted_for(region_code):
        return False
    return _meets(fine, _threshold("legal_review.fine_threshold", party_kind, on))


def legal_review_required(*, public_interest: bool, major_rights: bool, hearing_held: bool, complex_case: bool,
                          by_local_amount: bool) -> bool:
    """《行政处罚法》第五十八条: (1) significant public interest; (2) directly affects major rights of a party or
    third party **and** went through a hearing; (3) difficult or complex, several legal relationships; (4) other
    cases required by law — here a local list the agency adopted."""
    return public_interest or (major_rights and hearing_held) or complex_case or by_local_amount


def surcharge(fine: Decimal, due_on: date, on: date, paused: list[tuple[date, date | None]]) -> Decimal:
    """加处罚款 on `on` for a fine due on `due_on`: a rate per day after the due date, none during review or
    litigation, capped at a multiple of the fine."""
    if fine <= 0 or on <= due_on:
        return Decimal(0)
    version = rules.version_on("late_payment.surcharge", due_on)
    days = sum(1 for i in range(1, (on - due_on).days + 1)
               if not any(start <= due_on + timedelta(days=i) and (end is None or due_on + timedelta(days=i) <= end)
                          for start, end in paused))
    amount = (fine * version.values["per_day"].amount * days).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(amount, (fine * version.values["cap_of_fine"].amount).quantize(CENT))


def decision_is_publicised(procedure: str, outcome: str) -> bool:
    """公示规定 art.2: penalty decisions under the ordinary procedure are published."""
    return procedure == "ordinary" and outcome == Outcome.PENALTY
