"""Dashboard charts over the user's scope: each chart is one aggregate query, returned as labels and values
that the page draws with ECharts and shows as a table, and that download as .xlsx."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.choices import FINISHED_STATES, IpType, State
from ipenforce.linkage.workflow import STATES as TRANSFER_STATES
from ipenforce.orgs.models import Agency
from ipenforce.stats.reports import handled
from ipenforce.stats.rollup import DASHBOARD_MEASURES, period_rows
from ipenforce.workflow.models import DeadlineStatus


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # line / bar / pie / funnel
    labels: list[str]
    values: list[int]

    @property
    def rows(self) -> list[tuple[str, int]]:
        return list(zip(self.labels, self.values))


def _month_labels(start: date, end: date) -> list[date]:
    months, day = [], date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _monthly(cases, field: str, start: date, end: date) -> dict[tuple[int, int], int]:
    rows = cases.filter(**{f"{field}__range": (start, end)}).annotate(month=TruncMonth(field))
    rows = rows.values_list("month").annotate(n=Count("pk")).values_list("month", "n")
    return {(m.year, m.month): n for m, n in rows}


class Rolled:
    """The dashboard's period charts of a list of agencies from the monthly rollup (stats.rollup), read once for
    all of them: counts equal to the live aggregates over those agencies' cases."""

    def __init__(self, agencies: list[int], start: date, end: date):
        self.agencies, self.start, self.end = agencies, start, end

    @cached_property
    def rows(self):
        return period_rows(self.agencies, [(self.start, self.end)], DASHBOARD_MEASURES, by_agency=True)[0]

    def counts(self, measure: str, key) -> dict:
        out = defaultdict(int)
        for row in self.rows:
            if row.measure == measure:
                out[key(row)] += row.n
        return out

    def by_agency(self) -> list[tuple[str, int]]:
        names = dict(Agency.objects.filter(pk__in=self.agencies).values_list("pk", "name"))
        out = defaultdict(int)
        for agency_id, n in self.counts("handled", lambda row: row.agency_id).items():
            out[names[agency_id]] += n
        return list(out.items())


CHARTS = {
    "filed_monthly": _("每月立案数"), "closed_monthly": _("每月结案数"), "by_ip_type": _("查处案件按类型"),
    "by_agency": _("查处案件按单位"), "open_stages": _("在办案件所处环节"), "overdue": _("已超期的期限"),
    "transfers": _("移送案件所处阶段"),
}


def chart(key: str, cases, transfers, start: date, end: date, rolled: Rolled | None = None) -> Chart:
    """One chart of the cases and transfers; the period charts from `rolled` when given (the same cases')."""
    title = str(CHARTS[key])
    if key in ("filed_monthly", "closed_monthly"):
        field, measure = ("filed_on", "filed") if key == "filed_monthly" else ("closed_on", "closed")
        counts = (rolled.counts(measure, lambda row: (row.month.year, row.month.month)) if rolled
                  else _monthly(cases, field, start, end))
        months = _month_labels(start, end)
        return Chart(key, title, "line", [f"{m:%Y-%m}" for m in months],
                     [counts.get((m.year, m.month), 0) for m in months])
    if key == "by_ip_type":
        rows = (rolled.counts("handled", lambda row: row.ip_type) if rolled
                else dict(cases.filter(handled(start, end)).values_list("ip_type").annotate(n=Count("pk"))))
        return Chart(key, title, "pie", [str(IpType(t).label) for t in IpType.values],
                     [rows.get(t, 0) for t in IpType.values])
    if key == "by_agency":
        rows = rolled.by_agency() if rolled else list(
            cases.filter(handled(start, end)).values_list("agency__name").annotate(n=Count("pk")).order_by())
        rows.sort(key=lambda row: (-row[1], row[0]))
        return Chart(key, title, "bar", [name for name, _n in rows], [n for _name, n in rows])
    if key == "open_stages":
        open_states = [s for s in State.values if s not in FINISHED_STATES]
        rows = dict(cases.filter(state__in=open_states).values_list("state").annotate(n=Count("pk")))
        return Chart(key, title, "funnel", [str(State(s).label) for s in open_states],
                     [rows.get(s, 0) for s in open_states])
    if key == "overdue":
        # The cases joined to their running time limits past due (an index-only range of
        # `wf_deadline_running_idx`), not `Deadline … case IN (cases)`, which hashed every case first.
        rows = list(cases.filter(deadlines__status=DeadlineStatus.RUNNING, deadlines__due_at__lt=timezone.now())
                    .order_by().values_list("deadlines__title").annotate(n=Count("*")).order_by("-n"))
        return Chart(key, title, "bar", [t for t, _n in rows], [n for _t, n in rows])
    rows = dict(transfers.filter(Q(sent_at__isnull=False)).values_list("state").annotate(n=Count("pk")))
    return Chart(key, title, "bar", [str(TRANSFER_STATES[s]) for s in TRANSFER_STATES if rows.get(s)],
                 [rows[s] for s in TRANSFER_STATES if rows.get(s)])
