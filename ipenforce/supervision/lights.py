"""The warning light of a supervised case (督办预警), one definition for the desk, the list, the API and the command
view:

- 红（red）: a progress report is overdue now (its report date has passed and it was not filed), or the
  supervision deadline has passed and the supervision is not closed;
- 黄（yellow）: a report or the deadline falls due within the due-soon window (settings.WORK_ITEM_DUE_SOON_DAYS),
  or an earlier report was filed late;
- 绿（green）: otherwise. A closed (销号) supervision has no light."""
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

RED, YELLOW, GREEN, NONE = "red", "yellow", "green", ""
LEGEND = (
    (RED, _("红色预警：进展报告已逾期未报，或督办期限已届满仍未销号")),
    (YELLOW, _("黄色预警：报告日或督办期限即将届满（%(days)s日内），或曾有报告逾期报送")),
    (GREEN, _("绿色：按期报告中")),
)
OPEN_STATES = ("supervising", "closing")


def soon_days() -> int:
    return settings.WORK_ITEM_DUE_SOON_DAYS


def legend() -> list[tuple[str, str]]:
    return [(key, str(text) % {"days": soon_days()} if "%(days)s" in str(text) else str(text))
            for key, text in LEGEND]


def light(*, state: str, next_report_due: date | None, deadline: date, late_reports: int, today: date) -> str:
    if state not in OPEN_STATES:
        return NONE
    report_late = state == "supervising" and next_report_due is not None and next_report_due < today
    if report_late or deadline < today:
        return RED
    soon = today + timedelta(days=soon_days())
    report_soon = state == "supervising" and next_report_due is not None and next_report_due <= soon
    if report_soon or deadline <= soon or late_reports:
        return YELLOW
    return GREEN


def red_q(today: date) -> Q:
    """The red light as a filter (for one aggregate query)."""
    return Q(state__in=OPEN_STATES) & (Q(state="supervising", next_report_due__lt=today) | Q(deadline__lt=today))


def yellow_q(today: date) -> Q:
    soon = today + timedelta(days=soon_days())
    return (Q(state__in=OPEN_STATES) & ~red_q(today)
            & (Q(state="supervising", next_report_due__lte=soon) | Q(deadline__lte=soon) | Q(late_reports__gt=0)))
