"""Period figures, shared by the statistics period report and the campaign reports: the figures of an agency
subtree for a date range against the same range a year earlier, and the paragraph drafted in the style of the
city's reports. Each table is read in one aggregate query, bounded by the period's dates (and its year-earlier
twin) so that the (agency_id, date) indexes range over the period rather than over all cases.

统计口径 (which date counts):
- 查处 (cases handled): ordinary-procedure cases by their filing date (立案日期), simple-procedure cases by their
  decision date (当场处罚决定日期);
- 结案 (closed): by closing date; 移送公安机关 (transferred): transfers by the date they were sent;
- 罚没款 (fines and confiscations): decided amounts (罚款 + 没收违法所得) by decision date; 已缴: payments by
  payment date;
- 同比: the same dates one year earlier (29 February → 28 February).
"""
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.choices import IpType
from ipenforce.cases.models import Campaign, Payment
from ipenforce.core.clock import start_of

# The paragraph is drafted in the letter's Chinese, whatever the interface language; the table's labels are not.
IP_NAMES = {IpType.PATENT: "专利", IpType.TRADEMARK: "商标", IpType.COPYRIGHT: "版权"}
IP_LABELS = {IpType.PATENT: _("专利"), IpType.TRADEMARK: _("商标"), IpType.COPYRIGHT: _("版权")}
CENT = Decimal("0.01")
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))

DEFINITIONS = {
    "filed": _("查处：普通程序案件按立案日期、简易程序案件按当场处罚决定日期计入"),
    "closed": _("结案：按结案日期计入"),
    "transferred": _("移送公安机关：按移送日期计入"),
    "fines_decided": _("罚没款：按处罚决定日期计入的罚款与没收违法所得之和"),
    "fines_paid": _("已缴罚没款：按缴款日期计入"),
    "ecommerce": _("涉电商案件：查处案件中标记为涉电商的"),
    "yoy": _("同比：与上年同一日期区间比较（2月29日按2月28日）"),
}


def year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def handled(start: date, end: date) -> Q:
    """查处 in the range: `Case.handled_on` is the filing date of an ordinary-procedure case and the decision date
    of a simple-procedure one (a column the database computes, indexed with the agency)."""
    return Q(handled_on__range=(start, end))


def dated(ranges, *fields: str) -> Q:
    """Rows with any of the date `fields` in any of the (start, end) `ranges`: the WHERE that bounds an aggregate
    whose every figure is filtered by one of them, so that each date's index ranges over the period only."""
    condition = Q()
    for name in fields:
        for low, high in ranges:
            condition |= Q(**{f"{name}__range": (low, high)})
    return condition


def sent_within(start: date, end: date) -> Q:
    """`sent_at__date__range` as a range of moments, which the index on sent_at serves."""
    return Q(sent_at__gte=start_of(start), sent_at__lt=start_of(end + timedelta(days=1)))


@dataclass
class Growth:
    current: int
    previous: int

    @property
    def rate(self) -> Decimal | None:
        if self.previous == 0:
            return None
        return ((Decimal(self.current - self.previous) * 100) / self.previous).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def text(self, prefix: str = "") -> str:
        if self.previous == 0:
            return "去年同期为0" if self.current else "与去年同期持平"
        rate = self.rate
        if rate == 0:
            return "与去年同期持平"
        return f"{prefix}{'增长' if rate > 0 else '下降'}{abs(rate)}%"


def wan(amount: Decimal) -> str:
    return f"{(amount / 10000).quantize(Decimal('0.01'), ROUND_HALF_UP)}万元"


def _range_text(start: date, end: date) -> str:
    if start.year == end.year and start.day == 1 and (end.month == 12 or date(end.year, end.month + 1, 1).toordinal()
                                                       - 1 == end.toordinal()):
        return f"{start.month}月" if start.month == end.month else f"{start.month}-{end.month}月"
    return f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}"


def case_figures(cases, *, start: date, end: date) -> tuple[dict, dict, dict]:
    """(figures, paid, tagged) of `cases` for the period and its year-earlier twin, read live from the cases;
    stats.rollup gives the same three from its monthly rollup."""
    prev_start, prev_end = year_earlier(start), year_earlier(end)
    now, before = handled(start, end), handled(prev_start, prev_end)
    by_type = {}
    for ip_type in IpType.values:
        by_type[ip_type] = (Count("pk", filter=now & Q(ip_type=ip_type)),
                            Count("pk", filter=before & Q(ip_type=ip_type)))
    periods = ((start, end), (prev_start, prev_end))
    figures = cases.filter(dated(periods, "handled_on", "closed_on", "decided_on")).aggregate(
        filed=Count("pk", filter=now), filed_prev=Count("pk", filter=before),
        closed=Count("pk", filter=Q(closed_on__range=(start, end))),
        closed_prev=Count("pk", filter=Q(closed_on__range=(prev_start, prev_end))),
        ecommerce=Count("pk", filter=now & Q(is_ecommerce=True)),
        ecommerce_prev=Count("pk", filter=before & Q(is_ecommerce=True)),
        fines_decided=Coalesce(Sum(Coalesce(F("fine"), ZERO) + Coalesce(F("confiscation"), ZERO),
                                   filter=Q(decided_on__range=(start, end))), ZERO),
        fines_decided_prev=Coalesce(Sum(Coalesce(F("fine"), ZERO) + Coalesce(F("confiscation"), ZERO),
                                        filter=Q(decided_on__range=(prev_start, prev_end))), ZERO),
        **{f"{t}": pair[0] for t, pair in by_type.items()}, **{f"{t}_prev": pair[1] for t, pair in by_type.items()},
    )
    paid = Payment.objects.filter(dated(periods, "paid_on"), case__in=cases).aggregate(
        now=Coalesce(Sum("amount", filter=Q(paid_on__range=(start, end))), ZERO),
        before=Coalesce(Sum("amount", filter=Q(paid_on__range=(prev_start, prev_end))), ZERO))
    tagged = {row[0]: row[1:] for row in cases.filter(dated(periods, "handled_on")).order_by()
              .values_list("campaigns").annotate(n=Count("pk", filter=now), n_prev=Count("pk", filter=before))}
    return figures, paid, tagged


def period_summary(cases, transfers, *, start: date, end: date, counted: tuple | None = None) -> dict:
    """Figures over `cases` and `transfers` (already limited to the user's scope and the agency subtree);
    `counted` is the (figures, paid, tagged) of the cases when the caller has them from elsewhere (the rollup)."""
    prev_start, prev_end = year_earlier(start), year_earlier(end)
    figures, paid, tagged = counted or case_figures(cases, start=start, end=end)
    sent = sent_within(start, end) | sent_within(prev_start, prev_end)
    by_state = list(transfers.filter(sent).order_by().values_list("state").annotate(
        now=Count("pk", filter=Q(sent_at__date__range=(start, end))),
        before=Count("pk", filter=Q(sent_at__date__range=(prev_start, prev_end)))))
    transferred = {"now": sum(n for _s, n, _b in by_state), "before": sum(b for _s, _n, b in by_state)}
    stages = {state: n for state, n, _b in by_state if n}
    campaigns = [(name, *tagged.get(pk, (0, 0)))
                 for pk, name in Campaign.objects.order_by("name").values_list("pk", "name")]
    for key in ("fines_decided", "fines_decided_prev"):
        figures[key] = Decimal(figures[key]).quantize(CENT, ROUND_HALF_UP)
    paid = {key: Decimal(value).quantize(CENT, ROUND_HALF_UP) for key, value in paid.items()}
    total = Growth(figures["filed"], figures["filed_prev"])
    types = {t: Growth(figures[t], figures[f"{t}_prev"]) for t in IpType.values}
    result = {
        "start": start, "end": end, "previous_start": prev_start, "previous_end": prev_end,
        "filed": total.current, "filed_previous": total.previous, "filed_growth": total.rate,
        "by_ip_type": [{"ip_type": t, "name": str(IP_LABELS[t]), "filed": g.current, "previous": g.previous,
                        "growth": g.rate} for t, g in types.items()],
        "closed": figures["closed"], "closed_previous": figures["closed_prev"],
        "closed_growth": Growth(figures["closed"], figures["closed_prev"]).rate,
        "transferred": transferred["now"], "transferred_previous": transferred["before"],
        "transferred_growth": Growth(transferred["now"], transferred["before"]).rate,
        "fines_decided": figures["fines_decided"], "fines_decided_previous": figures["fines_decided_prev"],
        "fines_decided_growth": Growth(figures["fines_decided"], figures["fines_decided_prev"]).rate,
        "fines_paid": paid["now"], "fines_paid_previous": paid["before"],
        "fines_paid_growth": Growth(paid["now"], paid["before"]).rate,
        "ecommerce": figures["ecommerce"], "ecommerce_previous": figures["ecommerce_prev"],
        "ecommerce_growth": Growth(figures["ecommerce"], figures["ecommerce_prev"]).rate,
        "campaigns": [{"name": name, "filed": n, "previous": n_prev, "growth": Growth(n, n_prev).rate}
                      for name, n, n_prev in campaigns],
        "transfers_by_stage": [{"state": s, "count": n} for s, n in sorted(stages.items())],
        "definitions": {key: str(text) for key, text in DEFINITIONS.items()},
    }
    result["text"] = paragraph(start, end, total, types, figures["closed"], transferred["now"],
                               figures["fines_decided"])
    return result


def paragraph(start, end, total: Growth, types: dict[str, Growth], closed: int, transferred: int,
              fines: Decimal) -> str:
    """In the letter's words: "1-6月，共查处知识产权案件486件，同比增长48.6%，其中专利案件127件，增长195.3%；结案407件，
    移送公安机关20件，罚没款271.01万元". The 其中 clause names the IP types that grew faster than the total."""
    text = f"{_range_text(start, end)}，共查处知识产权案件{total.current}件，{total.text('同比')}"
    highlights = [f"{IP_NAMES[t]}案件{g.current}件，{g.text()}" for t, g in types.items()
                  if g.current and g.rate is not None and total.rate is not None and g.rate > total.rate]
    if highlights:
        text += "，其中" + "，".join(highlights)
    return text + f"；结案{closed}件，移送公安机关{transferred}件，罚没款{wan(fines)}"
