"""The criminal fine the court imposed, set beside its statutory basis (legal-rules.md §3.3.8, rule crime.fines):
the court decides the fine; the bureau records the judgment and is told where it lies outside the usual range the
interpretation gives, so a typing error or a misread judgment is caught — never a fine the bureau computes."""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ipenforce.core import rules

RULE = "crime.fines"
CENT = Decimal("0.01")


@dataclass
class FineBasis:
    rule: str
    citation: str
    verified: bool
    text: str
    low: Decimal | None = None
    high: Decimal | None = None
    basis: str = ""  # "gains" / "turnover" / "" where nothing can be compared
    outside: bool = False  # the recorded fine lies outside [low, high]


def fine_basis(transfer) -> FineBasis | None:
    """The basis of the case's criminal fine by its conduct date, and whether the recorded fine is within it."""
    case = transfer.case
    version = rules.get_rule(RULE).version_on_or_none(case.rule_date)
    if version is None:
        return None
    result = FineBasis(RULE, version.citation, version.verified, version.note)
    values = version.values
    for basis, amount in (("gains", case.illegal_gains), ("turnover", case.illegal_turnover)):
        if amount and f"{basis}_min" in values:
            result.basis = basis
            result.low = (amount * values[f"{basis}_min"].amount).quantize(CENT)
            result.high = (amount * values[f"{basis}_max"].amount).quantize(CENT)
            break
    fine = transfer.criminal_fine
    result.outside = bool(fine is not None and result.basis and not result.low <= fine <= result.high)
    return result


def describe(result: FineBasis | None) -> str:
    if result is None or not result.basis:
        return ""
    what = _("违法所得") if result.basis == "gains" else _("非法经营数额")
    return _("按%(what)s，罚金一般在 %(low)s–%(high)s 元") % {"what": what, "low": result.low, "high": result.high}
