"""Dashboard charts over the user's scope: each chart is one aggregate query, returned as labels and values
that the page draws with ECharts and shows as a table, and that download as .xlsx."""
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.choices import FINISHED_STATES, IpType, State
from ipenforce.linkage.workflow import STATES as TRANSFER_STATES
from ipenforce.stats.reports import handled
from ipenforce.workflow.models import Deadline


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


def _monthly(cases, field: str, start: date, end: date) -> tuple[list[str], list[int]]:
    rows = dict(cases.filter(**{f"{field}__range": (start, end)}).annotate(month=TruncMonth(field))
                .values_list("month").annotate(n=Count("pk")).values_list("month", "n"))
    counts = {(m.year, m.month): n for m, n in rows.items()}
    months = _month_labels(start, end)
    return [f"{m:%Y-%m}" for m in months], [counts.get((m.year, m.month), 0) for m in months]


CHARTS = {
    "filed_monthly": _("每月立案数"), "closed_monthly": _("每月结案数"), "by_ip_type": _("查处案件按类型"),
    "by_agency": _("查处案件按单位"), "open_stages": _("在办案件所处环节"), "overdue": _("已超期的期限"),
    "transfers": _("移送案件所处阶段"),
}


def chart(key: str, cases, transfers, start: date, end: date) -> Chart:
    title = str(CHARTS[key])
    if key in ("filed_monthly", "closed_monthly"):
        labels, values = _monthly(cases, "filed_on" if key == "filed_monthly" else "closed_on", start, end)
        return Chart(key, title, "line", labels, values)
    if key == "by_ip_type":
        rows = dict(cases.filter(handled(start, end)).values_list("ip_type").annotate(n=Count("pk")))
        return Chart(key, title, "pie", [str(IpType(t).label) for t in IpType.values],
                     [rows.get(t, 0) for t in IpType.values])
    if key == "by_agency":
        rows = list(cases.filter(handled(start, end)).values_list("agency__name").annotate(n=Count("pk"))
                    .order_by("-n"))
        return Chart(key, title, "bar", [name for name, _n in rows], [n for _name, n in rows])
    if key == "open_stages":
        open_states = [s for s in State.values if s not in FINISHED_STATES]
        rows = dict(cases.filter(state__in=open_states).values_list("state").annotate(n=Count("pk")))
        return Chart(key, title, "funnel", [str(State(s).label) for s in open_states],
                     [rows.get(s, 0) for s in open_states])
    if key == "overdue":
        rows = list(Deadline.objects.filter(case__in=cases, status="running", due_at__lt=timezone.now())
                    .values_list("title").annotate(n=Count("pk")).order_by("-n"))
        return Chart(key, title, "bar", [t for t, _n in rows], [n for _t, n in rows])
    rows = dict(transfers.filter(Q(sent_at__isnull=False)).values_list("state").annotate(n=Count("pk")))
    return Chart(key, title, "bar", [str(TRANSFER_STATES[s]) for s in TRANSFER_STATES if rows.get(s)],
                 [rows[s] for s in TRANSFER_STATES if rows.get(s)])
