"""Reads of the kernel: the working-day calendar's years and days."""
from django.db.models import QuerySet

from ipenforce.core.models import CalendarDay, CalendarYear


def calendar_years() -> QuerySet[CalendarYear]:
    return CalendarYear.objects.order_by("-year")


def calendar_days(year: int) -> QuerySet[CalendarDay]:
    """The holidays and make-up working days of a year."""
    return CalendarDay.objects.filter(date__year=year).order_by("date")
