"""The statutory clock on the real 2026 calendar (Spring Festival, National Day and their make-up days)."""
from datetime import date, datetime, timedelta, timezone

from chinese_calendar import constants

from ipenforce.core.clock import (
    HOURS,
    MONTHS,
    NATURAL_DAYS,
    WORKING_DAYS,
    Calendar,
    Duration,
    Pause,
    add_working_days,
    compute_due,
    working_days_between,
)


def package_calendar() -> Calendar:
    exceptions = {d: False for d in constants.holidays if d.weekday() < 5}
    exceptions.update({d: True for d in constants.workdays if d.weekday() >= 5})
    return Calendar(exceptions, range(2004, 2027))


CAL = package_calendar()


def test_spring_festival_2026_with_make_up_saturday():
    # Thu 12 Feb: Fri 13 (1), Sat 14 is a make-up working day (2), 15–23 Feb holiday, Tue 24 (3).
    assert add_working_days(CAL, date(2026, 2, 12), 3) == date(2026, 2, 24)
    assert CAL.is_working_day(date(2026, 2, 14)) and CAL.is_working_day(date(2026, 2, 28))
    assert not CAL.is_working_day(date(2026, 2, 16))


def test_national_day_2026_with_make_up_sunday_and_saturday():
    assert add_working_days(CAL, date(2026, 9, 18), 1) == date(2026, 9, 20)  # Sunday 20 Sep is worked
    assert add_working_days(CAL, date(2026, 9, 30), 1) == date(2026, 10, 8)  # 1–7 Oct off
    assert add_working_days(CAL, date(2026, 10, 8), 2) == date(2026, 10, 10)  # Saturday 10 Oct is worked


def test_fifteen_working_days_across_national_day():
    due = compute_due(CAL, date(2026, 9, 25), Duration(15, WORKING_DAYS))
    # 28, 29, 30 Sep (3); 8, 9, Sat 10 (make-up), 12–16, 19–22 Oct (12) → 22 Oct.
    assert due.due == date(2026, 10, 22)
    assert due.warnings == []


def test_natural_days_ending_on_a_holiday_roll_to_next_working_day():
    assert compute_due(CAL, date(2026, 9, 16), Duration(15, NATURAL_DAYS)).due == date(2026, 10, 8)
    assert compute_due(CAL, date(2026, 9, 16), Duration(15, NATURAL_DAYS), roll_forward=False).due == date(2026, 10, 1)


def test_pause_stops_the_clock_and_extension_counts_on():
    start = date(2026, 3, 2)
    plain = compute_due(CAL, start, Duration(90, NATURAL_DAYS)).due
    paused = compute_due(CAL, start, Duration(90, NATURAL_DAYS), pauses=(Pause(date(2026, 3, 10), date(2026, 3, 19)),))
    assert plain == date(2026, 6, 1)  # 31 May is a Sunday
    assert paused.due == date(2026, 6, 10)
    extended = compute_due(CAL, start, Duration(90, NATURAL_DAYS), extensions=(Duration(30, NATURAL_DAYS),))
    assert extended.due == date(2026, 7, 1)


def test_running_pause_has_no_due_date():
    due = compute_due(CAL, date(2026, 3, 2), Duration(10, WORKING_DAYS), pauses=(Pause(date(2026, 3, 5)),))
    assert due.due is None and due.paused


def test_working_day_pause_skips_paused_days():
    assert add_working_days(CAL, date(2026, 3, 2), 5, (Pause(date(2026, 3, 4), date(2026, 3, 5)),)) == date(2026, 3, 11)


def test_hours_and_months():
    start = datetime(2026, 2, 13, 18, 0, tzinfo=timezone.utc)
    assert compute_due(CAL, start, Duration(24, HOURS)).due == start + timedelta(hours=24)
    assert compute_due(CAL, date(2026, 1, 31), Duration(1, MONTHS), roll_forward=False).due == date(2026, 2, 28)
    # Sat 30 May 2026 is a rest day: the period ends on Monday 1 June.
    assert compute_due(CAL, date(2026, 4, 30), Duration(1, MONTHS)).due == date(2026, 6, 1)


def test_before_direction_counts_back():
    # A hearing on Fri 16 Oct 2026 needs notice 7 working days before: 15, 14, 13, 12, Sat 10, 9, 8 Oct.
    assert add_working_days(CAL, date(2026, 10, 16), -7) == date(2026, 10, 8)
    # and one on Tue 13 Oct reaches back over the National Day holiday into September.
    assert add_working_days(CAL, date(2026, 10, 13), -7) == date(2026, 9, 28)


def test_unknown_year_gives_a_warning_not_silence():
    due = compute_due(CAL, date(2026, 12, 24), Duration(10, WORKING_DAYS))
    assert due.due == date(2027, 1, 7)
    assert len(due.warnings) == 1 and "2027" in due.warnings[0]


def test_working_days_between():
    assert working_days_between(CAL, date(2026, 2, 12), date(2026, 2, 24)) == 3
    assert working_days_between(CAL, date(2026, 2, 24), date(2026, 2, 12)) == -3
