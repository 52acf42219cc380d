"""Performance assessment (绩效考核): each indicator per unit or per officer for a period, the score against the
year's weights and targets, and the ranking. Every source table is read in one grouped query per table."""
import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DurationField, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.choices import CORRECTED_OUTCOMES, Procedure
from ipenforce.core.clock import end_of, start_of
from ipenforce.core.errors import ValidationFailed
from ipenforce.stats.indicators import INDICATORS, OFFICER, UNIT
from ipenforce.stats.reports import CENT, ZERO, dated, handled, sent_within
from ipenforce.stats.selectors import CASE_HANDLING_KINDS, assessment_scope, scheme_for_year
from ipenforce.supervision.models import FileReview
from ipenforce.workflow.models import Approval

TALLIES = ("filed", "filed_closed", "closed", "decided", "decision_time", "fines", "due", "overdue", "transfers",
           "corrected", "stale", "review_points", "reviewed")


@dataclass
class Row:
    key: int
    name: str
    values: dict = field(default_factory=dict)
    contributions: dict = field(default_factory=dict)
    score: Decimal | None = None
    rank: int | None = None


def _tally(cases, transfers, group: str, *, start, end, stale_days: int | None) -> dict:
    """Raw counts per value of `group` (a path from Case: "agency_id" or "officers")."""
    asof = min(end, timezone.localdate())
    tallies: dict = defaultdict(_zero)

    def merge(rows, key):
        for row in rows:
            if row[key] is not None:
                tallies[row[key]].update({k: v for k, v in row.items() if k != key and v is not None})

    now = handled(start, end)
    decided = Q(procedure=Procedure.ORDINARY, decided_on__range=(start, end), filed_on__isnull=False)
    in_period = cases.filter(dated([(start, end)], "handled_on", "closed_on", "decided_on"))
    merge(in_period.order_by().values(group).annotate(
        filed=Count("pk", filter=now), filed_closed=Count("pk", filter=now & Q(closed_on__lte=end)),
        closed=Count("pk", filter=Q(closed_on__range=(start, end))), decided=Count("pk", filter=decided),
        decision_time=Sum(F("decided_on") - F("filed_on"), filter=decided, output_field=DurationField()),
        fines=Coalesce(Sum(Coalesce(F("fine"), ZERO) + Coalesce(F("confiscation"), ZERO),
                           filter=Q(decided_on__range=(start, end))), ZERO),
    ), group)
    # The rows of each table are reached from the cases by a join (the cases' own filter, an index on agency ids,
    # applies to them), each bounded by its indexed date, instead of `case IN (the cases)`. Time limits and approvals
    # are counted by their (never empty) date, which their (subject type, date, …) index holds: an index-only scan.
    late = (Q(deadlines__stopped_at__gt=F("deadlines__due_at"))
            | Q(deadlines__stopped_at__isnull=True, deadlines__due_at__lt=start_of(asof)))
    merge(cases.filter(deadlines__due_at__range=(start_of(start), end_of(end))).order_by().values(group)
          .annotate(due=Count("deadlines__due_at"), overdue=Count("deadlines__due_at", filter=late)), group)
    related = f"case__{group}"
    merge(transfers.filter(sent_within(start, end)).order_by().values(related)
          .annotate(transfers=Count("pk")), related)
    merge(cases.filter(appeals__ended_on__range=(start, end), appeals__outcome__in=CORRECTED_OUTCOMES).order_by()
          .values(group).annotate(corrected=Count("appeals")), group)
    moments = {"gte": start_of(start), "lt": start_of(end + timedelta(days=1))}
    if group == "agency_id":  # case-file review scores are a unit's, not an officer's
        scored = {f"scored_at__{k}": v for k, v in moments.items()}
        merge(FileReview.objects.filter(case__in=cases, score__isnull=False, **scored)
              .order_by().values(related).annotate(review_points=Sum("score"), reviewed=Count("pk")), related)
    if stale_days is not None:
        wait = timedelta(days=stale_days)
        cutoff = timezone.make_aware(datetime.combine(asof, time.max)) - wait
        created = Q(**{f"approvals__created_at__{k}": v for k, v in moments.items()})
        stale = (Q(approvals__decided_at__gt=F("approvals__created_at") + wait)
                 | Q(approvals__decided_at__isnull=True, approvals__status=Approval.PENDING,
                     approvals__created_at__lt=cutoff))
        merge(cases.filter(created & stale).order_by().values(group)
              .annotate(stale=Count("approvals__created_at")), group)
    return tallies


def _zero() -> dict:
    return {**dict.fromkeys(TALLIES, 0), "decision_time": timedelta(0)}


def _values(t: dict, level: str) -> dict:
    def rate(part, whole):
        return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP) if whole else None

    days = None
    if t["decided"]:
        seconds = Decimal(t["decision_time"].total_seconds())
        days = (seconds / 86400 / t["decided"]).quantize(Decimal("0.1"), ROUND_HALF_UP)
    values = {
        "filed": t["filed"], "closed": t["closed"], "closure_rate": rate(t["filed_closed"], t["filed"]),
        "decision_days": days, "overdue": t["overdue"], "overdue_rate": rate(t["overdue"], t["due"]),
        "transfers": t["transfers"], "fines": Decimal(t["fines"]).quantize(CENT, ROUND_HALF_UP),
        "corrected": t["corrected"], "stale_approvals": t["stale"],
        "file_review": (Decimal(t["review_points"]) / t["reviewed"]).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if t["reviewed"] else None,
    }
    return {i.code: values[i.code] if level in i.levels else None for i in INDICATORS}


def _sum_tallies(parts) -> dict:
    total = _zero()
    for part in parts:
        for key, value in part.items():
            total[key] += value
    return total


def unit_rows(agency, cases, transfers, *, start, end, scheme) -> list[Row]:
    """The agency itself (its own cases) and each case-handling child agency (its whole subtree)."""
    children = list(agency.children.filter(kind__in=CASE_HANDLING_KINDS, is_active=True).order_by("path"))
    tallies = _tally(cases, transfers, "agency_id", start=start, end=end,
                     stale_days=scheme.stale_approval_days if scheme else None)
    paths = dict(type(agency).objects.filter(pk__in=list(tallies)).values_list("pk", "path"))
    grouped = defaultdict(list)
    for agency_id, tally in tallies.items():
        if agency_id == agency.pk:
            grouped[agency.pk].append(tally)
            continue
        owner = next((c.pk for c in children if paths.get(agency_id, "").startswith(c.path)), None)
        if owner is not None:
            grouped[owner].append(tally)
    units = [(agency.pk, _("%(agency)s（本级）") % {"agency": agency.name})] + [(c.pk, c.name) for c in children]
    rows = [Row(key, name, _values(_sum_tallies(grouped[key]), UNIT)) for key, name in units]
    return score(rows, scheme, UNIT, start, end)


def officer_rows(officers, cases, transfers, *, start, end, scheme) -> list[Row]:
    tallies = _tally(cases, transfers, "officers", start=start, end=end, stale_days=None)
    rows = [Row(o.pk, f"{o.display_name}（{o.agency.name}）", _values(tallies.get(o.pk) or _zero(), OFFICER))
            for o in officers.select_related("agency").order_by("agency__path", "username")]
    return score(rows, scheme, OFFICER, start, end)


def achievement(value: Decimal, target: Decimal, higher_is_better: bool) -> Decimal:
    value = Decimal(value)
    if higher_is_better:
        return Decimal(1) if target <= 0 else min(value / target, Decimal(1))
    if value <= target:
        return Decimal(1)
    return Decimal(0) if target <= 0 else target / value


def score(rows: list[Row], scheme, level: str, start, end) -> list[Row]:
    """Score each row out of 100 against the scheme and rank them (equal scores share a rank)."""
    if scheme is None:
        return rows
    weights = {w.indicator: w for w in scheme.weights.all()}
    year_days = 366 if calendar.isleap(start.year) else 365
    share = Decimal((end - start).days + 1) / year_days
    for row in rows:
        applicable = [(i, weights[i.code]) for i in INDICATORS
                      if i.code in weights and weights[i.code].weight > 0 and row.values[i.code] is not None]
        total_weight = sum((w.weight for _i, w in applicable), Decimal(0))
        parts = {}
        for indicator, weight in applicable:
            target = weight.unit_target if level == UNIT else weight.officer_target
            if indicator.prorated:
                target *= share
            achieved = achievement(row.values[indicator.code], target, indicator.higher_is_better)
            parts[indicator.code] = weight.weight * achieved * 100 / total_weight
        row.contributions = {code: part.quantize(CENT, ROUND_HALF_UP) for code, part in parts.items()}
        row.score = sum(parts.values(), Decimal(0)).quantize(CENT, ROUND_HALF_UP) if applicable else None
    ranked = sorted((r for r in rows if r.score is not None), key=lambda r: r.score, reverse=True)
    for position, row in enumerate(ranked, start=1):
        row.rank = position if position == 1 or row.score != ranked[position - 2].score else ranked[position - 2].rank
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0))


def assessment_report(user, *, agency_id: int | None, start, end) -> dict:
    """Everything the assessment page, its downloads and the API show, within the user's scope."""
    if end < start:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), code="end_before_start", field="end")
    if end.year != start.year:
        raise ValidationFailed(_("考核区间须在同一年度内。"), code="period_crosses_year", field="end")
    agency, cases, transfers, officers, show_units = assessment_scope(user, agency_id)
    scheme = scheme_for_year(start.year)
    return {
        "agency": agency, "year": start.year, "start": start, "end": end, "scheme": scheme,
        "units": unit_rows(agency, cases, transfers, start=start, end=end, scheme=scheme) if show_units else [],
        "officers": officer_rows(officers, cases, transfers, start=start, end=end, scheme=scheme),
    }
