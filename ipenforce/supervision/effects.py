"""What each step of a supervision changes beyond its state and clocks: the report calendar of a supervised case
(each report date a work item of the handling bureau, on the interval the supervisor set) and what an order
records. Called by the workflow engine inside its transaction."""
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.core.errors import ValidationFailed
from ipenforce.supervision.models import Stage, SupervisedCase, SupervisionOrder
from ipenforce.supervision.workflow import REPORT
from ipenforce.workflow.deadlines import deadline_extend


def next_report_date(previous: date, interval_days: int, today: date, deadline: date) -> date:
    """The report date after `previous` on the supervision's calendar that is still ahead of today, never after
    the supervision deadline."""
    due = previous
    while due <= today:
        due += timedelta(days=interval_days)
    return min(due, deadline) if deadline > today else due


def _schedule(item: SupervisedCase, due: date) -> None:
    item.next_report_due = due
    deadline_extend(item, REPORT, due)  # the report date set in the 督办通知, not the rule's default


def _open(item: SupervisedCase, ctx):
    today = ctx.today
    _schedule(item, next_report_date(today, item.interval_days, today, item.deadline))


def _sites(value) -> int:
    try:
        sites = int(str(value or 0).strip())
    except ValueError:
        sites = -1
    if sites < 0:
        raise ValidationFailed(_("关闭网站（网店）数：应为不小于0的整数。"), code="invalid", field="sites_closed")
    return sites


def _report(item: SupervisedCase, ctx):
    today = ctx.today
    if item.next_report_due and item.next_report_due < today:
        item.late_reports += 1
        ctx.payload["late"] = True
    item.last_report_on = today
    item.stage = ctx.payload.get("stage") or item.stage
    item.publicised = item.publicised or bool(ctx.payload.get("publicised"))
    item.sites_closed = _sites(ctx.payload.get("sites_closed"))
    _schedule(item, next_report_date(item.next_report_due or today, item.interval_days, today, item.deadline))


def _request_close(item: SupervisedCase, ctx):
    item.stage = Stage.CONCLUDED
    item.next_report_due = None


def _accept(item: SupervisedCase, ctx):
    item.closed_at = timezone.now()


def _send_back(item: SupervisedCase, ctx):
    _schedule(item, next_report_date(ctx.today, item.interval_days, ctx.today, item.deadline))


CASE_EFFECTS = {"open": _open, "report": _report, "request_close": _request_close, "accept": _accept,
                "send_back": _send_back}


def _explain(order: SupervisionOrder, ctx):
    order.explanation = ctx.payload["explanation"]


def _decide(order: SupervisionOrder, ctx):
    order.decision, order.correct_by, order.decided_on = ctx.payload["decision"], ctx.payload["correct_by"], ctx.today


def _answer_review(order: SupervisionOrder, ctx):
    if ctx.payload.get("outcome") == "changed":
        order.correct_by = ctx.payload["correct_by"]


def _record_correction(order: SupervisionOrder, ctx):
    order.corrected_on = ctx.payload["corrected_on"]


def _send_back_order(order: SupervisionOrder, ctx):
    order.corrected_on = None


ORDER_EFFECTS = {"explain": _explain, "decide": _decide, "answer_review": _answer_review,
                 "record_correction": _record_correction, "redo": _send_back_order}
