"""Each statutory time limit on a case, on fixed dates around the 2026 National Day holiday (Oct 1–7 off,
Sep 25 Mid-Autumn off, Sat Oct 10 a make-up working day)."""
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ipenforce.cases.penalty import surcharge
from ipenforce.orgs.selectors import work_queue

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI), tick=False)


def deadline(walker, rule):
    return next(d for d in walker.case["deadlines"] if d["rule"] == rule)


def test_verification_15_working_days_across_national_day_and_its_extension(walker):
    with at(date(2026, 9, 24)):
        walker.register("trademark", discovered_on="2026-09-24")
        t1 = deadline(walker, "admin.lead_verification")
        assert t1["due_on"] == "2026-10-22" and t1["unit"] == "working_days" and t1["status"] == "running"
        walker.act("ft_officer1", "extend_verification", reason="等待权利人鉴别")
        walker.approve_chain("ft_head")
        assert deadline(walker, "admin.lead_verification")["due_on"] == "2026-11-12"
        walker.refresh()
        refused = walker.act("ft_officer1", "extend_verification", expect=422, reason="再延")
        assert refused["code"] == "verification_extension_used"
    with at(date(2026, 11, 13)):
        walker.refresh()
        assert deadline(walker, "admin.lead_verification")["status"] == "overdue"


def test_decision_90_days_pauses_while_suspended_and_extends_30(walker):
    with at(date(2026, 7, 1)):
        walker.register("trademark", discovered_on="2026-06-30", illegal_turnover="80000")
        walker.to_investigation()
        t2 = deadline(walker, "admin.decision_ordinary")
        assert t2["due_on"] == "2026-09-29" and walker.case["filed_on"] == "2026-07-01"
    with at(date(2026, 7, 10)):
        walker.act("ft_officer1", "suspend", reason="商标权属争议，等待法院裁判")
        walker.approve_chain("ft_head")
        t2 = deadline(walker, "admin.decision_ordinary")
        assert walker.state == "suspended" and t2["status"] == "paused" and t2["due_on"] is None
    with at(date(2026, 7, 20)):
        walker.refresh()
        walker.act("ft_officer1", "resume", reason="争议已解决")
        walker.approve_chain("ft_head")
        # Jul 10–19 (10 days) do not count: 90 days from Jul 1 end on Oct 9, a working day.
        assert deadline(walker, "admin.decision_ordinary")["due_on"] == "2026-10-09"
        walker.refresh()
        walker.act("ft_officer1", "extend_decision", reason="案情复杂")
        walker.approve_chain("ft_head")
        # +30 days from Oct 9 → Nov 8, a Sunday: rolls to Monday Nov 9.
        assert deadline(walker, "admin.decision_ordinary")["due_on"] == "2026-11-09"
        walker.refresh()
        assert walker.act("ft_officer1", "extend_decision", expect=422, reason="x")["code"] == "decision_extension_used"
        walker.act("ft_head", "extend_decision_further", due_on="2026-12-31", record="集体讨论同意延长至年底")
        assert deadline(walker, "admin.decision_ordinary")["due_on"] == "2026-12-31"


def test_statement_period_hearing_notice_and_review(walker):
    with at(date(2026, 9, 28)):
        walker.register("trademark", discovered_on="2026-09-21", illegal_turnover="100000")
        walker.to_investigation()
        walker.act("ft_officer1", "submit_report", findings="事实清楚", proposed_fine="150000")
        assert deadline(walker, "admin.review")["due_on"] == "2026-10-16"  # 10 working days over the holiday
        walker.refresh("ft_officer1")
        assert walker.act("ft_officer1", "review_pass", expect=403, opinion="x")["code"] == "permission_denied"
        walker.refresh("ft_legal")
        walker.act("ft_legal", "review_pass", opinion="同意")
    with at(date(2026, 9, 29)):
        walker.refresh()
        walker.act("ft_officer1", "serve_notice", served_on="2026-09-29")
        assert walker.case["deadlines"] and deadline(walker, "admin.statement_period")["due_on"] == "2026-10-12"
        assert walker.act("ft_officer1", "end_statement", expect=422)["code"] == "statement_period_running"
    with at(date(2026, 10, 13)):
        late = walker.act("ft_officer1", "request_hearing", expect=422, requested_on="2026-10-13")
        assert late["code"] == "hearing_request_late"
        walker.act("ft_officer1", "request_hearing", requested_on="2026-10-12")
        assert walker.state == "hearing"
        assert deadline(walker, "admin.decision_ordinary")["status"] == "paused"
        # A hearing on Oct 22 needs notice 7 working days before: by Oct 13.
        short = walker.act("ft_officer1", "schedule_hearing", expect=422, notified_on="2026-10-13",
                           hearing_on="2026-10-21")
        assert short["code"] == "hearing_notice_too_short"
        walker.act("ft_officer1", "schedule_hearing", notified_on="2026-10-13", hearing_on="2026-10-22")
    with at(date(2026, 10, 22)):
        walker.act("ft_officer1", "hold_hearing", held_on="2026-10-22", report="当事人陈述理由不成立")
        assert walker.state == "reviewing"  # legal review again after a hearing (APL art. 58)
        assert deadline(walker, "admin.decision_ordinary")["status"] == "running"
        walker.refresh("ft_legal")
        walker.act("ft_legal", "review_pass", opinion="同意")
        assert walker.state == "deciding"
        walker.refresh()
        above = walker.act("ft_officer1", "decide", expect=422, outcome="penalty", fine="150000.01")
        assert above["code"] == "fine_above_notice"
        walker.act("ft_officer1", "decide", outcome="penalty", fine="150000", reason="")
        walker.approve_chain("ft_unithead", "ft_head")
        assert deadline(walker, "admin.decision_service")["due_on"] == "2026-11-02"  # 7 working days
        assert deadline(walker, "admin.publicity")["due_on"] == "2026-11-19"


def test_payment_15_days_and_late_surcharge(walker):
    with at(date(2026, 9, 21)):
        walker.register("patent", discovered_on="2026-09-20", illegal_gains="10000")
        walker.to_investigation()
        walker.to_decision(Decimal(20000))
        walker.act("ft_officer1", "decide", outcome="penalty", fine="20000", reason="")
        walker.approve_chain("ft_unithead", "ft_head")
        walker.refresh()
        walker.act("ft_officer1", "serve_decision", served_on="2026-09-21", method="direct")
        # 15 days from Sep 21 → Oct 6, inside the holiday: the period ends on the next working day, Oct 8.
        assert walker.case["payment_due_on"] == "2026-10-08"
    with at(date(2026, 10, 18)):
        walker.refresh()
        assert walker.case["amounts"]["surcharge"] == "6000.00"  # 10 days × 3 % × 20,000
        walker.act("ft_officer1", "record_payment", amount="20000", paid_on="2026-10-18")
        assert walker.state == "executing" and walker.case["amounts"]["outstanding"] == "6000.00"


def test_surcharge_excludes_review_or_litigation_and_is_capped_at_the_fine(work_calendar):
    fine, due = Decimal(1000), date(2026, 1, 1)
    assert surcharge(fine, due, date(2026, 1, 11), []) == Decimal("300.00")
    assert surcharge(fine, due, date(2026, 1, 11), [(date(2026, 1, 2), date(2026, 1, 6))]) == Decimal("150.00")
    assert surcharge(fine, due, date(2026, 1, 11), [(date(2026, 1, 5), None)]) == Decimal("90.00")
    assert surcharge(fine, due, date(2026, 6, 1), []) == fine


def test_deadlines_are_work_items_of_the_lead_officer(walker, demo):
    with at(date(2026, 9, 24)):
        walker.register("trademark", discovered_on="2026-09-24")
        walker.to_investigation()
        items = list(work_queue(demo.user("ft_officer1")).filter(kind__startswith="deadline:"))
        assert [i.kind for i in items] == ["deadline:admin.decision_ordinary"]
        assert not work_queue(demo.user("ns_officer1")).exists()
