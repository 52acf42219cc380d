"""The working-day calendar stored in the database: loading it for the clock, filling it from chinese-calendar,
editing it."""
from datetime import date

from chinese_calendar import constants as cc_constants
from django.db import transaction
from django.utils.translation import gettext as _

from ipenforce.core.audit import audit_append
from ipenforce.core.clock import Calendar
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.core.models import CalendarDay, CalendarYear
from ipenforce.core.permissions import may_edit_calendar


def package_years() -> list[int]:
    """The years chinese-calendar has holiday data for."""
    return sorted({d.year for d in cc_constants.holidays} | {d.year for d in cc_constants.workdays})


def load_calendar(first_year: int, last_year: int) -> Calendar:
    """The calendar for a span of years, in two queries."""
    exceptions = dict(
        CalendarDay.objects.filter(date__year__gte=first_year, date__year__lte=last_year).values_list(
            "date", "is_working_day"
        )
    )
    years = CalendarYear.objects.filter(year__gte=first_year, year__lte=last_year).values_list("year", flat=True)
    return Calendar(exceptions, years)


def calendar_for(start: date) -> Calendar:
    """Enough calendar for any statutory period starting on `start` (the longest runs a few years)."""
    return load_calendar(start.year - 1, start.year + 6)


def _package_exceptions(year: int) -> list[CalendarDay]:
    days = []
    for day, name in cc_constants.holidays.items():
        if day.year == year and day.weekday() < 5:
            days.append(CalendarDay(date=day, is_working_day=False, name=_holiday_name(name),
                                    source=CalendarYear.SOURCE_PACKAGE))
    for day, name in cc_constants.workdays.items():
        if day.year == year and day.weekday() >= 5:
            days.append(CalendarDay(date=day, is_working_day=True, name=_holiday_name(name) + "调休",
                                    source=CalendarYear.SOURCE_PACKAGE))
    return days


HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _holiday_name(value) -> str:
    return HOLIDAY_NAMES.get(str(value), str(value))


def calendar_sync_from_package(*, actor=None) -> list[int]:
    """Copy every year chinese-calendar knows into the tables; years an administrator maintains are left alone."""
    synced = []
    admin_years = set(CalendarYear.objects.filter(source=CalendarYear.SOURCE_ADMIN).values_list("year", flat=True))
    for year in package_years():
        if year in admin_years:
            continue
        with transaction.atomic():
            CalendarDay.objects.filter(date__year=year).delete()
            CalendarDay.objects.bulk_create(_package_exceptions(year))
            CalendarYear.objects.update_or_create(year=year, defaults={"source": CalendarYear.SOURCE_PACKAGE})
        synced.append(year)
    if synced and actor is not None:
        audit_append(actor=actor, action="calendar.sync", target_type="core.calendaryear",
                     target_id=f"{synced[0]}-{synced[-1]}", after={"years": synced})
    return synced


def _may_edit(actor) -> None:
    if not may_edit_calendar(actor):
        raise PermissionDenied(_("工作日历由全市共用，只有市级单位的系统管理员可以维护。"))


def calendar_year_add(*, actor, year: int) -> CalendarYear:
    """Start maintaining a year by hand (one chinese-calendar does not know yet): Monday–Friday until days are added."""
    _may_edit(actor)
    if year < 2000 or year > 2100:
        raise ValidationFailed(_("年份必须在2000至2100之间。"), code="invalid_year", field="year")
    if CalendarYear.objects.filter(year=year).exists():
        raise ValidationFailed(_("%(year)s年的工作日历已存在。") % {"year": year}, code="year_exists", field="year")
    with transaction.atomic():
        entry = CalendarYear.objects.create(year=year, source=CalendarYear.SOURCE_ADMIN)
        audit_append(actor=actor, action="calendar.year_add", target=entry, after={"year": year})
    return entry


def calendar_day_set(*, actor, day: date, is_working_day: bool, name: str) -> CalendarDay | None:
    """Mark a day of an administrator-maintained year as a holiday or a make-up working day (or back to normal)."""
    _may_edit(actor)
    entry = CalendarYear.objects.filter(year=day.year).first()
    if entry is None:
        raise ValidationFailed(_("请先添加%(year)s年度。") % {"year": day.year}, code="year_missing", field="date")
    if entry.source != CalendarYear.SOURCE_ADMIN:
        raise ValidationFailed(_("%(year)s年的日历来自 chinese-calendar 数据包，不能手工修改。") % {"year": day.year},
                               code="year_from_package", field="date")
    if len(name) > 50:
        raise ValidationFailed(_("说明不能超过50个字符。"), code="too_long", field="name")
    default_working = day.weekday() < 5
    with transaction.atomic():
        before = CalendarDay.objects.filter(date=day).values("is_working_day", "name").first()
        if is_working_day == default_working:
            CalendarDay.objects.filter(date=day).delete()
            result = None
        else:
            result, _created = CalendarDay.objects.update_or_create(
                date=day, defaults={"is_working_day": is_working_day, "name": name, "source": CalendarYear.SOURCE_ADMIN}
            )
        entry.save(update_fields=["updated_at"])
        audit_append(actor=actor, action="calendar.day_set", target_type="core.calendarday", target_id=day.isoformat(),
                     target_label=day.isoformat(), before=before,
                     after={"is_working_day": is_working_day, "name": name})
    return result

