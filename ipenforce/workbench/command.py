"""The command view (指挥调度): every unit under a head's or supervisor's agency on one screen, each figure a
traffic light that links to the list behind it.

A figure is counted by one aggregate query over the whole subtree, grouped by agency; the rows then add up each
unit's own count and those of the units under it (the district's row includes its 所). Red: something is already
late; yellow: something falls due within the due-soon window or waits on a decision that should not wait; green:
nothing to chase."""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipenforce.campaigns.choices import OPEN_REPORT_STATES, ReportState
from ipenforce.campaigns.selectors import visible_reports
from ipenforce.cases.choices import FINISHED_STATES, Progress
from ipenforce.command.selectors import open_assignments_by_unit, open_assistance_by_unit
from ipenforce.core.models import WorkItem
from ipenforce.orgs.models import Agency, path_ids
from ipenforce.orgs.selectors import visible_agencies, visible_cases
from ipenforce.supervision.lights import OPEN_STATES, red_q, yellow_q
from ipenforce.supervision.selectors import visible_supervised_cases
from ipenforce.workbench.permissions import ENFORCEMENT_KINDS
from ipenforce.workflow.models import DeadlineStatus

SHOWN_DEPTH = 2  # the root, its units and theirs; deeper units are one click away


@dataclass
class Tally:
    total: int = 0
    attention: int = 0
    late: int = 0

    def add(self, other: "Tally") -> None:
        self.total += other.total
        self.attention += other.attention
        self.late += other.late

    @property
    def light(self) -> str:
        return "red" if self.late else "yellow" if self.attention else "green"


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    meaning: str  # what the lights say, shown under the heading
    count: Callable[..., dict[int, Tally]]  # (user, root, now) → {agency id: that agency's own tally}
    link: Callable[[Agency, bool], str]  # (unit, late only) → the list behind the number


def _tallies(rows) -> dict[int, Tally]:
    return {row["unit"]: Tally(row["total"], row["attention"], row["late"]) for row in rows}


def _open_cases(user, root: Agency, now: datetime) -> dict[int, Tally]:
    soon = now + timedelta(days=settings.WORK_ITEM_DUE_SOON_DAYS)
    running = Q(deadlines__status=DeadlineStatus.RUNNING)
    return _tallies(
        visible_cases(user).filter(agency__path__startswith=root.path).exclude(state__in=FINISHED_STATES)
        .values(unit=F("agency_id")).annotate(
            total=Count("pk", distinct=True),
            attention=Count("pk", distinct=True, filter=running & Q(deadlines__due_at__gte=now,
                                                                    deadlines__due_at__lt=soon)),
            late=Count("pk", distinct=True, filter=running & Q(deadlines__due_at__lt=now))))


def _case_list(unit: Agency, late: bool) -> str:
    progress = Progress.OVERDUE if late else Progress.OPEN
    return f"{reverse('cases:list')}?{urlencode({'within': unit.pk, 'progress': progress})}"


def _supervised_cases(user, root: Agency, now: datetime) -> dict[int, Tally]:
    """Supervised cases (挂牌督办) still open, by the handling unit; red and yellow as on the supervisor's desk."""
    today = timezone.localdate(now)
    return _tallies(
        visible_supervised_cases(user).filter(case__agency__path__startswith=root.path, state__in=OPEN_STATES)
        .values(unit=F("case__agency_id")).annotate(
            total=Count("pk"), attention=Count("pk", filter=yellow_q(today)), late=Count("pk", filter=red_q(today))))


def _supervised_list(unit: Agency, late: bool) -> str:
    return f"{reverse('supervision:case_list')}?{urlencode({'within': unit.pk, **({'light': 'red'} if late else {})})}"


def open_work(user, root: Agency, kinds: tuple[str, ...] = ()) -> QuerySet[WorkItem]:
    """The open work items waiting at the units of `root`'s subtree (of the given kinds, if any)."""
    items = WorkItem.objects.filter(state=WorkItem.OPEN, assignee_agency__path__startswith=root.path,
                                    assignee_agency__in=visible_agencies(user))
    return items.filter(kind__in=kinds) if kinds else items


def _work(kinds: tuple[str, ...] = (), *, all_need_attention: bool = False):
    def count(user, root: Agency, now: datetime) -> dict[int, Tally]:
        soon = now + timedelta(days=settings.WORK_ITEM_DUE_SOON_DAYS)
        attention = Q() if all_need_attention else Q(due_at__gte=now, due_at__lt=soon)
        return _tallies(open_work(user, root, kinds).values(unit=F("assignee_agency_id")).annotate(
            total=Count("pk"), attention=Count("pk", filter=attention), late=Count("pk", filter=Q(due_at__lt=now))))
    return count


def _work_list(key: str):
    def link(unit: Agency, late: bool) -> str:
        query = {"figure": key, **({"due": "overdue"} if late else {})}
        return f"{reverse('workbench:unit_work', args=[unit.pk])}?{urlencode(query)}"
    return link


def _campaign_reports(user, root: Agency, now: datetime) -> dict[int, Tally]:
    """Campaign reports still with the unit (to write, to resubmit or awaiting its head); late: not yet submitted
    though the calendar's due day has passed; attention: due within the due-soon window."""
    today = timezone.localdate(now)
    soon = today + timedelta(days=settings.WORK_ITEM_DUE_SOON_DAYS)
    outstanding = Q(state__in=OPEN_REPORT_STATES, submitted_at__isnull=True)
    rows = (visible_reports(user).filter(agency__path__startswith=root.path,
                                         state__in=(*OPEN_REPORT_STATES, ReportState.SUBMITTED))
            .values("agency_id").annotate(
                total=Count("pk"), attention=Count("pk", filter=outstanding & Q(due_on__gte=today, due_on__lt=soon)),
                late=Count("pk", filter=outstanding & Q(due_on__lt=today))))
    return {row["agency_id"]: Tally(row["total"], row["attention"], row["late"]) for row in rows}


def _report_list(unit: Agency, late: bool) -> str:
    return f"{reverse('campaigns:reports')}?{urlencode({'within': unit.pk, **({'late': '1'} if late else {})})}"


def _command(selector):
    def count(user, root: Agency, now: datetime) -> dict[int, Tally]:
        return _tallies(selector(user, root, now, now + timedelta(days=settings.WORK_ITEM_DUE_SOON_DAYS)))
    return count


def _command_list(name: str, unit_param: str):
    def link(unit: Agency, late: bool) -> str:
        query = {"all": 1, "open": 1, unit_param: unit.pk, **({"overdue": 1} if late else {})}
        return f"{reverse(name)}?{urlencode(query)}"
    return link


FIGURES = [
    Figure("open_cases", _("在办案件"), _("红：有期限已超期的案件；黄：有期限即将届满的案件"), _open_cases, _case_list),
    Figure("work", _("待办事项"), _("红：已逾期的待办；黄：即将到期的待办"), _work(), _work_list("work")),
    Figure("crime_alerts", _("涉嫌犯罪待移送"), _("达到刑事追诉标准、尚未提请移送的案件"),
           _work(("case.crime_alert",), all_need_attention=True), _work_list("crime_alerts")),
    Figure("supervised_cases", _("督办案件"),
           _("红：进展报告逾期未报或督办期限已过；黄：报告日或期限将至，或曾逾期报告"),
           _supervised_cases, _supervised_list),
    Figure("assignments", _("在办交办单"), _("下发给该单位、尚未办结的交办单；红：已超过办理期限；黄：即将到期"),
           _command(open_assignments_by_unit), _command_list("command:assignments", "receiver")),
    Figure("assistance", _("待完成协查"), _("请该单位协查、尚未答复的协查函；红：已超过协查期限；黄：即将到期"),
           _command(open_assistance_by_unit), _command_list("command:assistance_list", "assisted")),
    Figure("campaign_reports", _("专项行动报告"), _("红：报送期限已过仍未报送的报告；黄：即将到报送期限的报告"),
           _campaign_reports, _report_list),
]
FIGURES_BY_KEY = {figure.key: figure for figure in FIGURES}
# The work-item kinds behind each work figure (the unit's work list filters by them).
WORK_KINDS = {"work": (), "crime_alerts": ("case.crime_alert",)}


@dataclass
class Row:
    unit: Agency
    depth: int
    has_units: bool
    tallies: dict[str, Tally] = field(default_factory=dict)

    def cells(self) -> list[tuple[Figure, Tally, str, str]]:
        """Each figure in order with its tally, the list behind it and the list of its late items."""
        return [(figure, self.tallies[figure.key], figure.link(self.unit, False), figure.link(self.unit, True))
                for figure in FIGURES]


def command_units(user) -> QuerySet[Agency]:
    """The enforcement units the user may put at the top of the view."""
    return visible_agencies(user).filter(kind__in=ENFORCEMENT_KINDS)


def command_root(user, unit_id: int | None = None) -> Agency | None:
    """The unit at the top of the view: the one asked for if it is among the user's units, else the user's own
    agency (the first top-level one for a superuser without an agency); None when there is none to show."""
    if unit_id is not None:
        return command_units(user).filter(pk=unit_id).first()
    if user.agency_id is not None:
        return user.agency
    return command_units(user).filter(parent__isnull=True).order_by("path").first()


def unit_work_items(user, unit: Agency, figure: str, *, overdue: bool, now: datetime) -> QuerySet[WorkItem]:
    items = open_work(user, unit, WORK_KINDS[figure]).select_related("assignee_agency")
    if overdue:
        items = items.filter(due_at__lt=now)
    return items.order_by("due_at", "created_at", "pk")


def board(user, root: Agency, now: datetime) -> list[Row]:
    """The root and the units under it to SHOWN_DEPTH, each with every figure of its whole subtree."""
    units = list(command_units(user).filter(path__startswith=root.path).only("id", "name", "path", "parent_id"))
    base = len(path_ids(root.path))
    parents = {unit.parent_id for unit in units}
    rows = {unit.pk: Row(unit, len(path_ids(unit.path)) - base, unit.pk in parents) for unit in units
            if len(path_ids(unit.path)) - base <= SHOWN_DEPTH}
    paths = {unit.pk: unit.path for unit in units}
    for figure in FIGURES:
        for row in rows.values():
            row.tallies[figure.key] = Tally()
        for agency_id, tally in figure.count(user, root, now).items():
            for ancestor in path_ids(paths.get(agency_id, "")):
                if ancestor in rows:
                    rows[ancestor].tallies[figure.key].add(tally)
    return sorted(rows.values(), key=lambda row: row.unit.path)
