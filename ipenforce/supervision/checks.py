"""Supervision rules on known data (执法监督规则): each a scoped query over the cases a supervisor may see — overdue
steps, approvals waiting too long, filed cases without a step for a while, fines unpaid past their deadline, fines
at the very edge of the legal range (rules/fines.yaml), decisions without the legal review the rules require
(rules/thresholds.yaml legal_review.fine_threshold, 《行政处罚法》第五十八条).

The numbers that are not law — how many working days an approval may wait, how many days without a step make a
case idle, how close to the edge of the range a fine must be — are configurable settings (Django settings
SUPERVISION_*), labelled as such on the page."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.cases.choices import FINE_RULE_BY_IP_TYPE, FINISHED_STATES, THRESHOLD_COLUMN, Outcome
from ipenforce.cases.models import Case, Party, Payment
from ipenforce.core import clock, rules
from ipenforce.core.calendar import calendar_for
from ipenforce.core.clock import end_of
from ipenforce.orgs.choices import OVERSIGHT_KINDS
from ipenforce.orgs.selectors import visible_cases
from ipenforce.supervision.permissions import supervises
from ipenforce.workflow.models import Approval, DeadlineStatus

MONEY = DecimalField(max_digits=16, decimal_places=2)
ZERO = Value(Decimal(0), output_field=MONEY)
DEFAULTS = {"SUPERVISION_STALE_APPROVAL_WORKING_DAYS": 3, "SUPERVISION_IDLE_DAYS": 30,
            "SUPERVISION_FINE_EDGE_PERCENT": 5}


def setting(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


def reads_checks(user) -> bool:
    """Supervisors and heads of agencies with units below them, and the oversight bodies."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or supervises(user) or bool(user.agency_id and user.agency.kind in OVERSIGHT_KINDS)


def _scope(user) -> QuerySet[Case]:
    return visible_cases(user) if reads_checks(user) else Case.objects.none()


def working_days_before(day: date, n: int) -> date:
    """The day `n` working days before `day` on the stored calendar."""
    due = clock.compute_due(calendar_for(day), day, clock.Duration(-n, clock.WORKING_DAYS))
    return due.due if isinstance(due.due, date) else day - timedelta(days=n)


def overdue_steps(user, now: datetime) -> QuerySet[Case]:
    late = Q(deadlines__status=DeadlineStatus.RUNNING, deadlines__due_at__lt=now)
    return (_scope(user).annotate(late_count=Count("deadlines", filter=late), first_due=Min("deadlines__due_at",
                                                                                           filter=late))
            .filter(late_count__gt=0).select_related("agency").order_by("first_due", "pk"))


def stale_approvals(user, now: datetime) -> QuerySet[Case]:
    cutoff = end_of(working_days_before(timezone.localdate(now), setting("SUPERVISION_STALE_APPROVAL_WORKING_DAYS")))
    waiting = Approval.objects.filter(case=OuterRef("pk"), status=Approval.PENDING).order_by("created_at")
    return (_scope(user).annotate(waiting_since=Subquery(waiting.values("created_at")[:1]))
            .filter(waiting_since__lt=cutoff).select_related("agency").order_by("waiting_since", "pk"))


def idle_cases(user, now: datetime) -> QuerySet[Case]:
    cutoff = now - timedelta(days=setting("SUPERVISION_IDLE_DAYS"))
    return (_scope(user).filter(filed_on__isnull=False).exclude(state__in=FINISHED_STATES)
            .annotate(last_step=Max("steps__created_at")).filter(Q(last_step__lt=cutoff) | Q(last_step__isnull=True))
            .select_related("agency").order_by("last_step", "pk"))


def unpaid_fines(user, now: datetime) -> QuerySet[Case]:
    paid = (Payment.objects.filter(case=OuterRef("pk")).order_by().values("case")
            .annotate(net=Sum(F("amount") - F("surcharge"))).values("net"))
    due = Coalesce(F("fine"), ZERO) + Coalesce(F("confiscation"), ZERO)
    return (_scope(user).filter(payment_due_on__lt=timezone.localdate(now))
            .annotate(paid=Coalesce(Subquery(paid, output_field=MONEY), ZERO),
                      owed=ExpressionWrapper(due, output_field=MONEY))
            .filter(owed__gt=F("paid")).select_related("agency").order_by("payment_due_on", "pk"))


def _range_bound(which: str):
    """The legal fine range's `low` or `high` of each case as SQL, from every version of every fine rule (the
    version picked by the conduct date, else the discovery date, as `fine_range` does)."""
    rule_date = Coalesce(F("conduct_on"), F("discovered_on"))
    whens = []
    for ip_type, key in FINE_RULE_BY_IP_TYPE.items():
        for version in rules.get_rule(key).versions:
            in_force = Q(ip_type=ip_type)
            if version.effective_from:
                in_force &= Q(fine_rule_date__gte=version.effective_from)
            if version.effective_to:
                in_force &= Q(fine_rule_date__lte=version.effective_to)
            fixed = getattr(version.fixed, "min" if which == "low" else "max")
            if version.serious is not None:  # a fixed range without a multiple, higher where 情节严重
                serious = getattr(version.serious, "min" if which == "low" else "max")
                whens.append(When(in_force & Q(serious_circumstances=True),
                                  then=Value(serious, output_field=MONEY)))
            if version.pivot is not None:
                basis = "illegal_turnover" if version.basis == "turnover" else "illegal_gains"
                factor = getattr(version.multiple, "min" if which == "low" else "max")
                whens.append(When(in_force & Q(**{f"{basis}__gte": version.pivot}),
                                  then=ExpressionWrapper(F(basis) * Value(factor), output_field=MONEY)))
            whens.append(When(in_force, then=Value(fixed, output_field=MONEY)))
    return SqlCase(*whens, default=None, output_field=MONEY), rule_date


def edge_fines(user, now: datetime) -> QuerySet[Case]:
    share = Decimal(setting("SUPERVISION_FINE_EDGE_PERCENT")) / 100
    high, rule_date = _range_bound("high")
    low, _unused = _range_bound("low")
    at_top = Q(fine__gte=ExpressionWrapper(F("range_high") * Value(1 - share), output_field=MONEY))
    at_bottom = Q(range_low__gt=0, fine__lte=ExpressionWrapper(F("range_low") * Value(1 + share), output_field=MONEY))
    return (_scope(user).filter(decided_on__isnull=False, fine__gt=0)
            .annotate(fine_rule_date=rule_date).annotate(range_high=high, range_low=low)
            .filter(range_high__isnull=False).filter(at_top | at_bottom)
            .select_related("agency").order_by("-decided_on", "pk"))


def _legal_review_threshold(kind: str, on: date) -> tuple[Decimal, str]:
    value = rules.version_on("legal_review.fine_threshold", on).values[THRESHOLD_COLUMN[kind]]
    return value.amount, value.comparison


def unreviewed_decisions(user, now: datetime) -> QuerySet[Case]:
    """Penalty decisions made without legal review although the rules require it: a major case, one that went
    through a hearing, or a fine over the legal-review threshold for its party (first party, as the case page)."""
    on = timezone.localdate(now)
    amount_rule = Q()
    for kind in THRESHOLD_COLUMN:
        amount, comparison = _legal_review_threshold(kind, on)
        amount_rule |= Q(first_party_kind=kind, **{f"fine__{comparison}": amount})
    first_kind = Party.objects.filter(case=OuterRef("pk")).order_by("pk").values("kind")[:1]
    required = Q(is_major=True) | Q(hearing_held_on__isnull=False) | amount_rule
    return (_scope(user).filter(decided_on__isnull=False, legal_reviewed_at__isnull=True, outcome=Outcome.PENALTY)
            .annotate(first_party_kind=Subquery(first_kind)).filter(required)
            .select_related("agency").order_by("-decided_on", "pk"))


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    setting: Callable[[], str]  # the configurable value it uses, labelled; "" when it uses only rules
    rows: Callable[[object, datetime], QuerySet[Case]]
    detail: Callable[[Case], str]


def _dt(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else "—"


CHECKS = [
    Check("overdue_steps", gettext_lazy("超期环节"), lambda: "", overdue_steps,
          lambda c: _("%(n)s个期限已超期，最早届满 %(due)s") % {"n": c.late_count, "due": _dt(c.first_due)}),
    Check("stale_approvals", gettext_lazy("审批超时"),
          lambda: _("可配置设置（非法定）：待审批超过%(n)s个工作日") % {
              "n": setting("SUPERVISION_STALE_APPROVAL_WORKING_DAYS")},
          stale_approvals, lambda c: _("自 %(since)s 起待审批") % {"since": _dt(c.waiting_since)}),
    Check("idle_cases", gettext_lazy("久未办理"),
          lambda: _("可配置设置（非法定）：已立案未结、%(n)s日内无办理记录") % {"n": setting("SUPERVISION_IDLE_DAYS")},
          idle_cases, lambda c: _("最近办理 %(last)s") % {"last": _dt(c.last_step)}),
    Check("unpaid_fines", gettext_lazy("罚没款逾期未缴"), lambda: "", unpaid_fines,
          lambda c: _("应缴 %(owed)s 元，已缴 %(paid)s 元，缴款期限 %(due)s") % {
              "owed": c.owed, "paid": c.paid, "due": c.payment_due_on}),
    Check("edge_fines", gettext_lazy("罚款处于法定幅度边缘"),
          lambda: _("可配置设置（非法定）：距法定幅度上限或下限%(n)s%%以内；幅度见 rules/fines.yaml") % {
              "n": setting("SUPERVISION_FINE_EDGE_PERCENT")},
          edge_fines, lambda c: _("罚款 %(fine)s 元，法定幅度 %(low)s—%(high)s 元") % {
              "fine": c.fine, "low": c.range_low, "high": c.range_high}),
    Check("unreviewed_decisions", gettext_lazy("应审未审作出决定"), lambda: "", unreviewed_decisions,
          lambda c: _("决定日期 %(on)s，未经法制审核") % {"on": c.decided_on}),
]
CHECKS_BY_KEY = {check.key: check for check in CHECKS}
