"""Statutory clock arithmetic on the working-day calendar: add working / natural days, hours, months; pauses;
extensions.

Counting follows the Chinese procedural convention: the day (or hour) the period starts is not counted, and a
period in natural days or months whose last day is not a working day ends on the next working day
(`roll_forward`), except where the rule says otherwise (e.g. custody periods, CPL art. 105).
"""
import calendar as pycalendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

WORKING_DAYS = "working_days"
NATURAL_DAYS = "natural_days"
HOURS = "hours"
MONTHS = "months"
YEARS = "years"
UNITS = (WORKING_DAYS, NATURAL_DAYS, HOURS, MONTHS, YEARS)


def start_of(day: date) -> datetime:
    """The first moment of a day in Asia/Shanghai."""
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of(day: date) -> datetime:
    """The last second of a day in Asia/Shanghai: when a limit counted in days runs out."""
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


@dataclass(frozen=True)
class Pause:
    """Days from `start` to `end` inclusive do not count (testing, appraisal, hearing, suspension …).
    `end=None`: still running."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Duration:
    value: int
    unit: str

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")


@dataclass
class Due:
    due: date | datetime | None  # None while a pause with no end is running
    warnings: list[str] = field(default_factory=list)
    paused: bool = False


class Calendar:
    """Which days are working days. `exceptions` maps a date to True (working) / False (rest) where it differs
    from Monday–Friday; `known_years` are the years whose exceptions are complete."""

    def __init__(self, exceptions: dict[date, bool], known_years: Iterable[int]):
        self.exceptions = exceptions
        self.known_years = frozenset(known_years)
        self.unknown_seen: set[int] = set()

    def is_working_day(self, day: date) -> bool:
        if day.year not in self.known_years:
            self.unknown_seen.add(day.year)
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < 5

    def warnings(self) -> list[str]:
        return [
            _("%(year)s年的工作日历尚未维护，期限按周一至周五推算，可能不准确。") % {"year": year}
            for year in sorted(self.unknown_seen)
        ]


def _paused(day: date, pauses: Iterable[Pause]) -> bool:
    return any(p.covers(day) for p in pauses)


def _open_pause(pauses: Iterable[Pause]) -> bool:
    return any(p.end is None for p in pauses)


def add_working_days(cal: Calendar, start: date, n: int, pauses: tuple[Pause, ...] = ()) -> date:
    """The n-th working day after `start` (before it, for negative n), skipping paused days."""
    step = timedelta(days=1 if n >= 0 else -1)
    day = start
    for _counted in range(abs(n)):
        day += step
        while not cal.is_working_day(day) or _paused(day, pauses):
            day += step
    return day


def add_natural_days(start: date, n: int, pauses: tuple[Pause, ...] = ()) -> date:
    """The n-th day after `start` (before it, for negative n), skipping paused days."""
    step = timedelta(days=1 if n >= 0 else -1)
    day = start
    for _counted in range(abs(n)):
        day += step
        while _paused(day, pauses):
            day += step
    return day


def add_months(start: date, n: int) -> date:
    month_index = start.month - 1 + n
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last = pycalendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def _paused_days_between(start: date, end: date, pauses: tuple[Pause, ...]) -> int:
    return sum(1 for i in range(1, (end - start).days + 1) if _paused(start + timedelta(days=i), pauses))


def _shift_past_pauses(start: date, due: date, pauses: tuple[Pause, ...]) -> date:
    """Extend a month/year period by the paused days inside it (and inside each extension it causes)."""
    covered_until = start
    while True:
        extra = _paused_days_between(covered_until, due, pauses)
        if extra == 0:
            return due
        covered_until = due
        due = add_natural_days(due, extra, pauses)


def roll_to_working_day(cal: Calendar, day: date) -> date:
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    return day


def _add(cal: Calendar, start, duration: Duration, pauses: tuple[Pause, ...], roll_forward: bool):
    if duration.unit == HOURS:
        moment = start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
        due = moment + timedelta(hours=duration.value)
        for p in pauses:
            p_start = datetime.combine(p.start, datetime.min.time(), tzinfo=moment.tzinfo)
            p_end = datetime.combine((p.end or p.start) + timedelta(days=1), datetime.min.time(), tzinfo=moment.tzinfo)
            overlap = min(due, p_end) - max(moment, p_start)
            if overlap > timedelta(0):
                due += overlap
        return due
    day = start.date() if isinstance(start, datetime) else start
    if duration.unit == WORKING_DAYS:
        return add_working_days(cal, day, duration.value, pauses)
    if duration.unit == NATURAL_DAYS:
        due = add_natural_days(day, duration.value, pauses)
    else:
        months = duration.value * (12 if duration.unit == YEARS else 1)
        due = _shift_past_pauses(day, add_months(day, months), pauses)
    return roll_to_working_day(cal, due) if roll_forward else due


def compute_due(
    cal: Calendar,
    start: date | datetime,
    duration: Duration,
    *,
    pauses: tuple[Pause, ...] = (),
    extensions: tuple[Duration, ...] = (),
    roll_forward: bool = True,
) -> Due:
    """The due date of a period: the base duration, then each granted extension counted on from the previous due."""
    if _open_pause(pauses):
        return Due(due=None, warnings=[_("期限计算已中止（暂停期间不计入）。")], paused=True)
    due = _add(cal, start, duration, pauses, roll_forward)
    for extension in extensions:
        due = _add(cal, due, extension, pauses, roll_forward)
    return Due(due=due, warnings=cal.warnings())


def working_days_between(cal: Calendar, start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is before `start`)."""
    if end < start:
        return -working_days_between(cal, end, start)
    return sum(1 for i in range(1, (end - start).days + 1) if cal.is_working_day(start + timedelta(days=i)))
