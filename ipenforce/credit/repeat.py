"""Repeat infringers (重复侵权, wave2-rules.md §D.5): the earlier penalty decisions on a party across the city and
the rules they meet — trademark infringement twice within five years (TML art 60, D-33, through the trademark fine
rule's aggravation), the same right infringed again after a penalty (Guangdong, D-34, `credit.repeat_same_right`)
and three penalties within five years of the first (Shenzhen, D-37, ⚠ unverified, `credit.repeat_window_shenzhen`
and `credit.repeat_count_shenzhen`). The check runs when a lead is registered and when a decision is drafted
(`extensions`), and its result — with the earlier decisions' numbers, authorities and dates, which may be shared
city-wide — is kept on the case (`RepeatCheck`) and shown on the case page."""
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from ipenforce.cases.choices import FINE_RULE_BY_IP_TYPE, IpType, Outcome
from ipenforce.cases.models import Case, IpRight
from ipenforce.core import rules

SAME_RIGHT, SZ_WINDOW, SZ_COUNT = "credit.repeat_same_right", "credit.repeat_window_shenzhen", \
    "credit.repeat_count_shenzhen"
TML_ART60 = "tml_art60"


@dataclass
class RepeatFlag:
    rule: str
    text: str
    citation: str
    verified: bool
    decisions: list[dict] = field(default_factory=list)  # number, authority, decided_on, ip_type (and case_id)

    def as_json(self) -> dict:
        """Kept on the case: the earlier decisions without their case ids (another agency's case is not linked)."""
        return {**asdict(self), "decisions": [{"number": d["number"], "authority": d["authority"],
                                               "decided_on": d["decided_on"].isoformat(), "ip_type": d["ip_type"]}
                                              for d in self.decisions]}


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day - timedelta(days=365 * years + 1)


def of_party(identifiers) -> Q:
    identifiers = [i for i in identifiers if i]
    return Q(parties__uscc__in=identifiers) | Q(parties__id_number__in=identifiers)


def penalty_decisions(identifiers, *, before: date | None = None, exclude_case: int | None = None) -> list[dict]:
    """The city's penalty decisions on a party (any of its USCC / ID numbers), newest first: what may be shared."""
    if not any(identifiers):
        return []
    qs = Case.objects.filter(of_party(identifiers), outcome=Outcome.PENALTY, decided_on__isnull=False)
    if before is not None:
        qs = qs.filter(decided_on__lte=before)
    if exclude_case is not None:
        qs = qs.exclude(pk=exclude_case)
    return [{"case_id": row["pk"], "number": row["number"], "authority": row["agency__name"],
             "decided_on": row["decided_on"], "ip_type": row["ip_type"]}
            for row in qs.distinct().order_by("-decided_on", "-pk").values(
                "pk", "number", "agency__name", "decided_on", "ip_type")[:200]]


def trademark_repeat(decisions: list[dict], on: date, current: bool) -> RepeatFlag | None:
    """TML art 60: two or more trademark infringements within the window — counting this case when `current`."""
    version = rules.version_on(FINE_RULE_BY_IP_TYPE[IpType.TRADEMARK], on)
    if version.aggravation is None:
        return None
    since = years_before(on, version.aggravation.repeat_within_years)
    within = [d for d in decisions if d["ip_type"] == IpType.TRADEMARK and d["decided_on"] >= since]
    if len(within) + int(current) < 2:
        return None
    return RepeatFlag(TML_ART60, version.aggravation.text, version.citation, version.verified, within)


def _right_keys(rows) -> dict[str, set[int]]:
    by_right: dict[str, set[int]] = {}
    for row in rows:
        key = row["patent_number"] or row["trademark_number"] or row["copyright_number"] or row["work_title"]
        if key:
            by_right.setdefault(key, set()).add(row["case_id"])
    return by_right


RIGHT_FIELDS = ("case_id", "patent_number", "trademark_number", "copyright_number", "work_title")


def same_right_repeat(decisions: list[dict], on: date, region_code: str | None,
                      case: Case | None = None) -> RepeatFlag | None:
    """D-34: the same right infringed again after a penalty — for an agency that applies the Guangdong rule (every
    agency when `region_code` is None: the party record). With `case`, its rights against the earlier decisions'."""
    version = rules.get_rule(SAME_RIGHT).version_on_or_none(on)
    if version is None or region_code is not None and not version.adopted_for(region_code):
        return None
    by_id = {d["case_id"]: d for d in decisions}
    by_right = _right_keys(IpRight.objects.filter(case_id__in=by_id).values(*RIGHT_FIELDS))
    if case is not None:
        mine = set(_right_keys({**r, "case_id": case.pk} for r in case.rights.all().values(*RIGHT_FIELDS)))
        repeated = sorted({i for key in mine for i in by_right.get(key, ())})
    else:
        repeated = sorted({i for ids in by_right.values() if len(ids) > 1 for i in ids})
    if not repeated:
        return None
    return RepeatFlag(SAME_RIGHT, version.text, version.citation, version.verified, [by_id[i] for i in repeated])


def shenzhen_repeat(decisions: list[dict], on: date, region_code: str | None, current: bool) -> RepeatFlag | None:
    """D-37 (⚠): the count of penalties within the window since the first reaches the threshold."""
    window = rules.get_rule(SZ_WINDOW).version_on_or_none(on)
    count = rules.get_rule(SZ_COUNT).version_on_or_none(on)
    if window is None or count is None or region_code is not None and not window.adopted_for(region_code):
        return None
    needed = int(count.values["penalties"].amount)
    within = sorted((d for d in decisions if d["decided_on"] >= years_before(on, window.duration)),
                    key=lambda d: d["decided_on"])
    if len(within) + int(current) < needed:
        return None
    text = _("首次受到行政处罚后%(years)s年内侵犯知识产权达到%(n)s次（含本次），依深圳规定加倍处罚。") % {
        "years": window.duration, "n": needed}
    return RepeatFlag(SZ_COUNT, text, count.citation, count.verified, within)


def repeat_flags(decisions: list[dict], on: date, *, region_code: str | None = None, case: Case | None = None,
                 ip_type: str | None = None) -> list[RepeatFlag]:
    """Every repeat rule the decisions meet on `on`: for a case (counting it as the latest infringement) or, with
    neither, for the party record (the decisions among themselves)."""
    current = case is not None
    flags = []
    if ip_type == IpType.TRADEMARK or not current:
        flags.append(trademark_repeat(decisions, on, current))
    flags.append(same_right_repeat(decisions, on, region_code, case))
    flags.append(shenzhen_repeat(decisions, on, region_code, current))
    return [f for f in flags if f is not None]
