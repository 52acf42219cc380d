"""The monthly rollup (stats.models.MonthFigure) behind the period report and the dashboard when the figures are
those of a list of agencies. Whole months of a period come from the rollup; the partial months at its edges, and
the months marked stale (stats.models.StaleMonth, written by the triggers of migration stats 0003), are read live
from the base tables in the very shape the rollup stores (one row per agency, month, measure, type and detail), so
that the sums are exactly the live figures.

Measures: handled (查处, by Case.handled_on; detail "e" for an e-commerce case), closed (closed_on), decided
(decided_on; amount 罚款 + 没收违法所得), filed (filed_on; the dashboard's monthly filings), paid (Payment.paid_on;
amount), campaign (handled_on; detail the campaign's id, one row per tag)."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from ipenforce.cases import models as cases
from ipenforce.cases.choices import IpType
from ipenforce.cases.figures import ZERO, dated, year_earlier
from ipenforce.stats.models import MonthFigure, RollupBuild, StaleMonth

ECOMMERCE = "e"


@dataclass(frozen=True)
class Source:
    model: type
    day: str  # the date the measure counts by
    agency: str  # the agency the rows belong to
    ip_type: object = Value("")
    detail: object = Value("")
    amount: object = ZERO
    only: Q = field(default_factory=Q)


SOURCES = {
    "handled": Source(cases.Case, "handled_on", "agency_id", F("ip_type"),
                      Case(When(is_ecommerce=True, then=Value(ECOMMERCE)), default=Value(""))),
    "closed": Source(cases.Case, "closed_on", "agency_id"),
    "decided": Source(cases.Case, "decided_on", "agency_id",
                      amount=Coalesce(Sum(Coalesce(F("fine"), ZERO) + Coalesce(F("confiscation"), ZERO)), ZERO)),
    "filed": Source(cases.Case, "filed_on", "agency_id"),
    "paid": Source(cases.Payment, "paid_on", "case__agency_id", amount=Coalesce(Sum("amount"), ZERO)),
    "campaign": Source(cases.Case, "handled_on", "agency_id", detail=Cast("campaigns", CharField()),
                       only=Q(campaigns__isnull=False)),
}
REPORT_MEASURES = ("handled", "closed", "decided", "paid", "campaign")
DASHBOARD_MEASURES = ("handled", "closed", "filed")


@dataclass(frozen=True)
class Row:
    month: date
    agency_id: int | None
    measure: str
    ip_type: str
    detail: str
    n: int
    amount: Decimal


def _month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _source_rows(measure: str, agencies: list[int] | None, ranges: list[tuple[date, date]] | None, *,
                 by_day: bool = False, by_agency: bool = True):
    """The base-table rows of `measure` in the rollup's shape (or per day rather than month): of `agencies` (all
    without), dated in `ranges` (any date without)."""
    source = SOURCES[measure]
    where = source.only & (dated(ranges, source.day) if ranges else Q(**{f"{source.day}__isnull": False}))
    if agencies is not None:
        where &= Q(**{f"{source.agency}__in": agencies})
    keys = ["r_month", "r_ip", "r_detail", *(["r_agency"] if by_agency else [])]
    return (source.model.objects.filter(where).order_by()
            .annotate(r_agency=F(source.agency), r_month=F(source.day) if by_day else TruncMonth(source.day),
                      r_ip=source.ip_type, r_detail=source.detail)
            .values(*keys).annotate(r_n=Count("pk"), r_amount=source.amount))


def _store(measure: str, agencies: list[int] | None = None, month: date | None = None) -> None:
    """INSERT … SELECT … GROUP BY of one measure, for every agency and month or for some agencies' `month`."""
    rows = _source_rows(measure, agencies, [(month, _month_end(month))] if month else None)
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {MonthFigure._meta.db_table} (agency_id, month, measure, ip_type, detail, n, "
                       f"amount) SELECT r_agency, r_month, %s, r_ip, r_detail, r_n, r_amount FROM ({sql}) AS figures",
                       [measure, *params])


def rebuild() -> int:
    """Recompute the whole rollup, set-based (one INSERT … SELECT per measure); returns the rows stored."""
    with transaction.atomic():
        # Marks first: a write committed after this statement is seen by the inserts or keeps its mark.
        StaleMonth.objects.all().delete()
        MonthFigure.objects.all().delete()
        for measure in SOURCES:
            _store(measure)
        RollupBuild.objects.all().delete()
        RollupBuild.objects.create(built_at=timezone.now())
        return MonthFigure.objects.count()


def refresh_stale() -> int:
    """Recompute the months marked stale (the worker's periodic task); returns how many (agency, month) pairs.

    The marks are taken with DELETE … RETURNING before the months are read: a writer still uncommitted then keeps
    its (invisible, so undeleted) mark, one committed before is read by the recomputation."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {StaleMonth._meta.db_table} RETURNING agency_id, month")
            pairs = {(agency, date.fromisoformat(str(month)[:10])) for agency, month in cursor.fetchall()}
        if not RollupBuild.objects.exists():
            return 0
        by_month = defaultdict(list)
        for agency, month in sorted(pairs):
            by_month[month].append(agency)
        for month, agencies in by_month.items():
            MonthFigure.objects.filter(agency_id__in=agencies, month=month).delete()
            for measure in SOURCES:
                _store(measure, agencies, month)
        return len(pairs)


def _split(start: date, end: date, stale: set[date]) -> tuple[list[date], list[tuple[date, date]]]:
    """The whole months of [start, end] to read from the rollup and the date ranges to read live (the edges and the
    stale months)."""
    months, live = [], []
    month = start.replace(day=1)
    while True:
        last = _month_end(month)
        low, high = max(month, start), min(last, end)
        if low == month and high == last and month not in stale:
            months.append(month)
        elif live and live[-1][1] + timedelta(days=1) == low:
            live[-1] = (live[-1][0], high)
        else:
            live.append((low, high))
        if last >= end:
            return months, live
        month = last + timedelta(days=1)


def built() -> bool:
    """Whether the rollup has been built (`manage.py rebuild_month_figures`); until then figures are read live."""
    return RollupBuild.objects.exists()


def period_rows(agencies: list[int], periods, measures, *, by_agency: bool = False) -> list[list[Row]]:
    """For each (start, end) of `periods`, the rows of `measures` of the cases of `agencies` dated in it: whole
    months from the rollup, the rest from the base tables per day (row.month is then the day), at most one query
    per measure for all the periods together."""
    stale = set(StaleMonth.objects.filter(agency_id__in=agencies).values_list("month", flat=True))
    splits = [_split(start, end, stale) for start, end in periods]
    wanted = sorted({m for months, _live in splits for m in months})
    stored, live = [], []
    if wanted:
        keys = ["month", "measure", "ip_type", "detail", *(["agency_id"] if by_agency else [])]
        stored = [Row(r["month"], r.get("agency_id"), r["measure"], r["ip_type"], r["detail"], r["sum_n"],
                      r["sum_amount"])
                  for r in MonthFigure.objects.filter(agency_id__in=agencies, month__in=wanted, measure__in=measures)
                  .values(*keys).annotate(sum_n=Sum("n"), sum_amount=Sum("amount")).order_by()]
    ranges = [edge for _months, edges in splits for edge in edges]
    for measure in measures if ranges else ():
        live += [Row(r["r_month"], r.get("r_agency"), measure, r["r_ip"], r["r_detail"], r["r_n"], r["r_amount"])
                 for r in _source_rows(measure, agencies, ranges, by_day=True, by_agency=by_agency)]
    chosen = [set(months) for months, _edges in splits]
    return [[row for row in stored if row.month in months]
            + [row for row in live if any(low <= row.month <= high for low, high in edges)]
            for months, (_months, edges) in zip(chosen, splits)]


def _totals(rows: list[Row]) -> dict:
    out = defaultdict(int, fines_decided=Decimal(0), paid=Decimal(0), campaigns=defaultdict(int))
    for row in rows:
        if row.measure == "handled":
            out["filed"] += row.n
            out[row.ip_type] += row.n
            out["ecommerce"] += row.n if row.detail == ECOMMERCE else 0
        elif row.measure == "closed":
            out["closed"] += row.n
        elif row.measure == "decided":
            out["fines_decided"] += Decimal(row.amount)
        elif row.measure == "paid":
            out["paid"] += Decimal(row.amount)
        elif row.measure == "campaign":
            out["campaigns"][int(row.detail)] += row.n
    return out


def case_figures(agencies: list[int], *, start: date, end: date) -> tuple[dict, dict, dict]:
    """cases.figures.case_figures of the cases of `agencies`, from the rollup (once built())."""
    now, before = (_totals(rows) for rows in period_rows(
        agencies, [(start, end), (year_earlier(start), year_earlier(end))], REPORT_MEASURES))
    names = ("filed", "closed", "ecommerce", "fines_decided", *IpType.values)
    figures = {**{k: now[k] for k in names}, **{f"{k}_prev": before[k] for k in names}}
    tagged = {pk: (now["campaigns"][pk], before["campaigns"][pk])
              for pk in now["campaigns"].keys() | before["campaigns"].keys()}
    return figures, {"now": now["paid"], "before": before["paid"]}, tagged
