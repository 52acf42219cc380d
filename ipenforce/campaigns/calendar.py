"""The reporting calendar of a campaign: its periods and the day each period's report is due.

Weekly (B-01): a period ends the day before the campaign's report weekday and is due on that weekday; monthly
(B-02): a calendar month, due on the campaign's report day of the next month. Periods are clipped to the
campaign's dates; the last one is due on the first report day after the campaign ends."""
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from ipenforce.campaigns.choices import Cadence

RULES = {Cadence.WEEKLY: "campaign.weekly_report", Cadence.MONTHLY: "campaign.monthly_report"}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    due: date


def _next_weekday(after: date, weekday: int) -> date:
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def _month_due(end: date, day: int) -> date:
    first = end.replace(day=1) + timedelta(days=monthrange(end.year, end.month)[1])
    return first.replace(day=day)


def periods(*, cadence: str, starts_on: date, ends_on: date, weekday: int = 0, day: int = 4,
            until: date | None = None) -> list[Period]:
    """The periods of the calendar, those begun by `until` when given."""
    found, start = [], starts_on
    last = min(ends_on, until) if until else ends_on
    while start <= last:
        if cadence == Cadence.WEEKLY:
            end = min(_next_weekday(start, weekday) - timedelta(days=1), ends_on)
            due = _next_weekday(end, weekday)
        else:
            end = min(start.replace(day=monthrange(start.year, start.month)[1]), ends_on)
            due = _month_due(end, day)
        found.append(Period(start, end, due))
        start = end + timedelta(days=1)
    return found


def campaign_periods(campaign, until: date | None = None) -> list[Period]:
    return periods(cadence=campaign.cadence, starts_on=campaign.starts_on, ends_on=campaign.ends_on,
                   weekday=campaign.report_weekday, day=campaign.report_day, until=until)
