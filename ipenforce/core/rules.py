"""Legal rules as versioned data: `rules/*.yaml` loaded and validated once, looked up by key and date.

Each version carries its citation, its effective dates and whether its value was verified against the text
(`verified: false` where ../shared/design/legal-rules.md marks it ⚠). The date of the conduct or event picks
the version in force.
"""
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

import yaml
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ipenforce.core import clock
from ipenforce.core.errors import ApplicationError, NotFound

Mark = Literal["✅", "◐", "⚠"]
Unit = Literal["working_days", "natural_days", "hours", "months", "years"]


class RuleFileError(Exception):
    """A rules file that cannot be used; raised at start-up."""


class RuleNotInForce(ApplicationError):
    status = 422
    code = "rule_not_in_force"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Extension(_Strict):
    duration: Annotated[int, Field(gt=0)]
    unit: Unit
    approver: str = Field(min_length=1)


class _Version(_Strict):
    effective_from: date | None = None  # None: in force since before any date ipenforce records
    effective_to: date | None = None
    citation: str = Field(min_length=1)
    mark: Mark
    verified: bool
    note: str = ""
    ref: str = ""  # the item of legal-rules.md this version encodes, where it differs from the rule's `ref`
    # A rule of one city or province quoted as a pattern ("local ✅"): applied only by the agencies whose region
    # code is listed here (a code also covers the districts under it, "440300" → 440304), never nationally.
    local: bool = False
    adopted_by: list[Annotated[str, Field(pattern=r"^\d{6}$")]] = []

    def adopted_for(self, region_code: str) -> bool:
        """Whether this version applies to an agency of `region_code`: always for national law, for a local
        pattern only where the agency (or the region above it) adopted it."""
        if not self.local:
            return True
        return any(region_code.startswith(code.rstrip("0") or code) for code in self.adopted_by)

    @model_validator(mode="after")
    def _consistent(self):
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        if self.verified != (self.mark != "⚠"):
            raise ValueError("verified must be false exactly where the source mark is ⚠")
        return self

    def in_force_on(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )


class TimeLimitVersion(_Version):
    duration: Annotated[int, Field(gt=0)]
    unit: Unit
    direction: Literal["after", "before"] = "after"
    start: str = Field(min_length=1)
    extensions: list[Extension] = []
    excluded: list[str] = []
    roll_forward: bool = True


class ThresholdValue(_Strict):
    amount: Decimal
    comparison: Literal["lte", "lt", "gte", "gt"]


class ThresholdVersion(_Version):
    unit: Literal["yuan", "ratio", "count"]
    values: dict[str, ThresholdValue]


class Bounds(_Strict):
    min: Decimal = Field(ge=0)
    max: Decimal = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self):
        if self.max < self.min:
            raise ValueError("max is below min")
        return self


class Aggravation(_Strict):
    repeat_within_years: Annotated[int, Field(gt=0)]
    text: str = Field(min_length=1)


class FineVersion(_Version):
    # "none": a range in yuan whatever the amounts (商标法第五十三条, 反不正当竞争法, 电子商务法), no multiple.
    basis: Literal["turnover", "gains", "none"]
    pivot: Decimal | None = Field(None, gt=0)  # at or above: a multiple of the basis; below or without: `fixed`
    multiple: Bounds | None = None
    fixed: Bounds
    serious: Bounds | None = None  # the range where the decision finds 情节严重
    aggravation: Aggravation | None = None

    @model_validator(mode="after")
    def _basis_complete(self):
        if (self.basis == "none") != (self.pivot is None and self.multiple is None):
            raise ValueError("a turnover or gains basis needs a pivot and a multiple; basis none has neither")
        return self


TIER_AMOUNTS = ("turnover", "gains", "sales", "unsold", "sold_and_unsold", "loss", "labels", "unsold_labels",
                "sold_and_unsold_labels", "copies", "works", "clicks", "members")
TIER_COUNTS = {"labels", "unsold_labels", "sold_and_unsold_labels", "copies", "works", "clicks", "members"}
ATTEMPTS = {"unsold", "sold_and_unsold", "unsold_labels", "sold_and_unsold_labels"}


class Tier(_Strict):
    turnover: Decimal | None = Field(None, gt=0)  # 非法经营数额
    gains: Decimal | None = Field(None, gt=0)  # 违法所得
    sales: Decimal | None = Field(None, gt=0)  # 销售金额
    unsold: Decimal | None = Field(None, gt=0)  # 尚未销售的货值 (punished as an attempt)
    sold_and_unsold: Decimal | None = Field(None, gt=0)  # 销售金额 + 尚未销售的货值 (attempt)
    loss: Decimal | None = Field(None, gt=0)  # 给权利人造成的损失数额 (商业秘密)
    labels: int | None = Field(None, gt=0)  # 伪造、擅自制造或者销售的注册商标标识件数
    unsold_labels: int | None = Field(None, gt=0)  # 尚未销售的标识件数 (attempt)
    sold_and_unsold_labels: int | None = Field(None, gt=0)  # 已销售与尚未销售的标识件数合计 (attempt)
    copies: int | None = Field(None, gt=0)  # 复制品数量（张、份）
    works: int | None = Field(None, gt=0)  # 通过信息网络传播的作品数量（件）
    clicks: int | None = Field(None, gt=0)  # 传播的作品实际被点击数
    members: int | None = Field(None, gt=0)  # 以会员制方式传播的注册会员数
    # "two of the above each reach half": met when `at_least` of the tier's measures each reach `share` of theirs.
    at_least: int | None = Field(None, ge=2)
    share: Decimal = Field(Decimal(1), gt=0, le=1)
    min_rights: int = Field(1, ge=1)
    repeat_within_years: int | None = Field(None, gt=0)
    # A tier taken from another instrument than the version's own citation names it and its mark here.
    citation: str = ""
    mark: Mark | None = None
    ref: str = ""  # the item of legal-rules.md the tier comes from, where it differs from its version's

    @model_validator(mode="after")
    def _has_amount(self):
        if all(getattr(self, name) is None for name in TIER_AMOUNTS):
            raise ValueError("a tier needs at least one amount")
        measures = sum(1 for name in TIER_AMOUNTS if getattr(self, name) is not None)
        if self.at_least is not None and self.at_least > measures:
            raise ValueError("at_least is more than the tier's measures")
        if self.mark == "⚠":
            raise ValueError("an unverified (⚠) tier is not encoded as a threshold")
        return self

    @property
    def kind(self) -> tuple:
        """What the tier measures, independent of its amounts: two versions' tiers of the same kind are compared
        with each other (从旧兼从轻 per threshold kind)."""
        return (tuple(name for name in TIER_AMOUNTS if getattr(self, name) is not None), self.min_rights,
                self.repeat_within_years, self.at_least)


MEASURE_LABELS = {
    "turnover": gettext_lazy("非法经营数额"), "gains": gettext_lazy("违法所得"), "sales": gettext_lazy("销售金额"),
    "unsold": gettext_lazy("尚未销售的货值"), "sold_and_unsold": gettext_lazy("已销售金额与尚未销售的货值合计"),
    "loss": gettext_lazy("给权利人造成的损失"), "labels": gettext_lazy("标识件数"),
    "unsold_labels": gettext_lazy("尚未销售的标识件数"),
    "sold_and_unsold_labels": gettext_lazy("已销售与尚未销售的标识合计"),
    "copies": gettext_lazy("复制品数量"), "works": gettext_lazy("传播作品数量"), "clicks": gettext_lazy("实际被点击数"),
    "members": gettext_lazy("注册会员数"),
}


def describe_tier(tier: Tier) -> str:
    """A threshold in words: "违法所得≥30,000元，涉及2件以上权利"."""
    parts = [_("%(what)s≥%(amount)s%(unit)s") % {
        "what": MEASURE_LABELS[name], "amount": f"{getattr(tier, name):,.0f}",
        "unit": _("件") if name in TIER_COUNTS else _("元")} for name in TIER_AMOUNTS if getattr(tier, name)]
    text = "，".join(parts)
    if tier.at_least:
        text = _("以下%(n)s项以上各达到%(share)s%%：%(parts)s") % {
            "n": tier.at_least, "share": f"{tier.share * 100:.0f}", "parts": text}
    extra = []
    if tier.min_rights > 1:
        extra.append(_("涉及%(n)s件以上权利") % {"n": tier.min_rights})
    if tier.repeat_within_years:
        extra.append(_("%(n)s年内受过处罚") % {"n": tier.repeat_within_years})
    if any(getattr(tier, name) for name in ATTEMPTS):
        extra.append(_("以未遂论"))
    return "，".join([text, *extra])


class CriminalThresholdVersion(_Version):
    # Empty only where the document gives no value (⚠, verified: false): conduct it governs is left to a person
    # (需人工研判), never measured against an invented number.
    tiers: list[Tier] = []
    # Non-empty where the instrument has thresholds this version does not encode (the research did not find
    # them): the comparison with an older version then never treats a missing kind as "no threshold".
    incomplete: str = ""

    @model_validator(mode="after")
    def _tiers_or_unverified(self):
        if not self.tiers and self.verified:
            raise ValueError("a version without thresholds must be unverified (⚠): the document gives no value")
        return self


class PatternVersion(_Version):
    text: str = Field(min_length=1)  # what the rule says, in the words of its source


class _Rule(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    ref: str = ""  # the row in legal-rules.md
    title: str = Field(min_length=1)

    @model_validator(mode="after")
    def _no_overlap(self):
        ordered = sorted(self.versions, key=lambda v: v.effective_from or date.min)
        for earlier, later in zip(ordered, ordered[1:]):
            if earlier.effective_to is None or earlier.effective_to >= (later.effective_from or date.min):
                raise ValueError(f"versions of {self.key} overlap")
        return self

    def version_on_or_none(self, day: date):
        return next((version for version in self.versions if version.in_force_on(day)), None)

    def version_on(self, day: date):
        for version in self.versions:
            if version.in_force_on(day):
                return version
        raise RuleNotInForce(_("规则“%(title)s”在%(day)s没有有效版本。")
                             % {"title": self.title, "day": day.isoformat()}, field="date")


class TimeLimitRule(_Rule):
    kind: Literal["time_limit"] = "time_limit"
    # A period within which someone *may* act (request a review, object): shown with its end, but nobody's work —
    # no work item, never "overdue"; it simply ends.
    window: bool = False
    versions: list[TimeLimitVersion] = Field(min_length=1)


class ThresholdRule(_Rule):
    kind: Literal["threshold"] = "threshold"
    versions: list[ThresholdVersion] = Field(min_length=1)


class FineRule(_Rule):
    kind: Literal["fine"] = "fine"
    versions: list[FineVersion] = Field(min_length=1)


class CriminalThresholdRule(_Rule):
    kind: Literal["criminal_threshold"] = "criminal_threshold"
    ip_type: Literal["patent", "trademark", "copyright", "trade_secret"]
    # Only cases of this 违法行为类别 (cases.choices.Offence); a rule without one measures the cases of its IP type
    # whose category no other rule claims.
    offence: str = ""
    # Trademark rules: whether the marks are on goods or services (Nice classes 35–45 are services).
    marks: Literal["goods", "services", "any"] = "any"
    # The day the conduct became a crime, where the first interpretation came later: conduct between the two is
    # measured by the current interpretation (no interpretation existed then; 时间效力规定 §2), earlier conduct not.
    crime_since: date | None = None
    versions: list[CriminalThresholdVersion] = Field(min_length=1)


class PatternRule(_Rule):
    """A rule without a number (who may, what is not allowed) — typically a local pattern agencies adopt."""

    kind: Literal["pattern"] = "pattern"
    versions: list[PatternVersion] = Field(min_length=1)


class _TimeLimitFile(_Strict):
    kind: Literal["time_limit"]
    rules: list[TimeLimitRule]


class _ThresholdFile(_Strict):
    kind: Literal["threshold"]
    rules: list[ThresholdRule]


class _CriminalThresholdFile(_Strict):
    kind: Literal["criminal_threshold"]
    rules: list[CriminalThresholdRule]


class _FineFile(_Strict):
    kind: Literal["fine"]
    rules: list[FineRule]


class _PatternFile(_Strict):
    kind: Literal["pattern"]
    rules: list[PatternRule]


AnyRule = TimeLimitRule | ThresholdRule | FineRule | CriminalThresholdRule | PatternRule

FILE_MODELS = {"time_limit": _TimeLimitFile, "threshold": _ThresholdFile, "fine": _FineFile,
               "criminal_threshold": _CriminalThresholdFile, "pattern": _PatternFile}


def adopted(key: str, on: date, region_code: str) -> bool:
    """Whether the rule `key` applies on `on` to an agency of `region_code` (national law always; a local pattern
    only where adopted)."""
    version = get_rule(key).version_on_or_none(on)
    return version is not None and version.adopted_for(region_code)

_registry: dict[str, AnyRule] = {}
_uses: dict[str, list[str]] = {}  # rule key → where the system applies it (for the rules page, for audit)


def register_use(key: str, where: str) -> None:
    """Record that `key` governs an action or a check (`where`, a short Chinese label such as "案件 · 立案：拒绝").
    Apps call this when Django starts; the workflow engine records every clock of a procedure itself."""
    places = _uses.setdefault(key, [])
    if where not in places:
        places.append(where)


def uses_of(key: str) -> list[str]:
    return [str(where) for where in _uses.get(key, [])]  # str(): a lazy label is translated when read


def parse_file(path: Path) -> list[AnyRule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleFileError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or data.get("kind") not in FILE_MODELS:
        raise RuleFileError(f"{path.name}: must be a mapping with kind one of {sorted(FILE_MODELS)}")
    try:
        return FILE_MODELS[data["kind"]].model_validate(data).rules
    except ValidationError as exc:
        raise RuleFileError(f"{path.name}: {exc}") from exc


def load(directory: Path | None = None) -> dict[str, AnyRule]:
    """Read and validate every rules file; keys must be unique across files."""
    directory = directory or Path(settings.RULES_DIR)
    registry: dict[str, AnyRule] = {}
    for path in sorted(directory.glob("*.yaml")):
        for rule in parse_file(path):
            if rule.key in registry:
                raise RuleFileError(f"{path.name}: rule key {rule.key} is defined twice")
            registry[rule.key] = rule
    _registry.clear()
    _registry.update(registry)
    return registry


def all_rules() -> list[AnyRule]:
    return list(_registry.values())


def rule_titles(keys) -> str:
    """Rule keys as the titles a person reads (a key no rules file knows any more is shown as it is)."""
    return "、".join(_registry[key].title if key in _registry else key for key in keys or ())


def refs_of(rule: AnyRule) -> set[str]:
    """The items of legal-rules.md a rule encodes: its own `ref`, its versions' and their tiers'."""
    refs = {rule.ref} | {v.ref for v in rule.versions}
    for version in rule.versions:
        refs |= {t.ref for t in getattr(version, "tiers", [])}
    return {r for r in refs if r}


def get_rule(key: str) -> AnyRule:
    try:
        return _registry[key]
    except KeyError:
        raise NotFound(_("没有编号为 %(key)s 的规则。") % {"key": key}, code="rule_not_found", field="rule") from None


def version_on(key: str, day: date):
    return get_rule(key).version_on(day)


def due_for(
    key: str,
    start: date | datetime,
    *,
    version_date: date | None = None,
    pauses: tuple[clock.Pause, ...] = (),
    extensions_granted: int = 0,
) -> tuple[clock.Due, TimeLimitVersion]:
    """The due date of a statutory time limit that starts at `start`, on the stored working-day calendar."""
    from ipenforce.core.calendar import calendar_for

    rule = get_rule(key)
    if not isinstance(rule, TimeLimitRule):
        raise ApplicationError(_("规则 %(key)s 不是期限规则。") % {"key": key}, code="not_a_time_limit", field="rule")
    start_day = start.date() if isinstance(start, datetime) else start
    version = rule.version_on(version_date or start_day)
    if extensions_granted > len(version.extensions):
        raise ApplicationError(
            _("“%(title)s”最多可延长%(n)s次。") % {"title": rule.title, "n": len(version.extensions)},
            code="too_many_extensions", field="extensions"
        )
    sign = -1 if version.direction == "before" else 1
    due = clock.compute_due(
        calendar_for(start_day),
        start,
        clock.Duration(sign * version.duration, version.unit),
        pauses=pauses,
        extensions=tuple(clock.Duration(e.duration, e.unit) for e in version.extensions[:extensions_granted]),
        roll_forward=version.roll_forward,
    )
    return due, version
