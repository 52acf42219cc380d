"""Evidence preservation (T10, 7 working days), seizure (T11, 30 + 30 days) and testing that pauses the clocks."""
from datetime import date

import pytest

from tests.cases.test_time_limits import at, deadline

pytestmark = pytest.mark.django_db


def test_preservation_decision_within_7_working_days(walker):
    with at(date(2026, 9, 28)):
        walker.register("trademark", discovered_on="2026-09-21")
        walker.to_investigation()
        walker.act("ft_officer1", "preserve", items="蓝牙耳机200副\n包装盒50个", place="当事人仓库")
        walker.approve_chain("ft_head")
        # 7 working days from Sep 28 across the National Day holiday: Sep 29, 30, Oct 8, 9, 10 (Sat), 12, 13.
        assert deadline(walker, "admin.evidence_preservation")["due_on"] == "2026-10-13"
        assert walker.case["measures"][0]["items"] == ["蓝牙耳机200副", "包装盒50个"]
        walker.refresh()
        again = walker.act("ft_officer1", "preserve", expect=422, items="x", place="y")
        assert again["code"] == "preservation_open"
        walker.act("ft_officer1", "preservation_decide", outcome="seize", note="转为扣押")
        assert deadline(walker, "admin.evidence_preservation")["status"] == "met"
        assert walker.act("ft_officer1", "preservation_decide", expect=422,
                          outcome="release")["code"] == "no_preservation"


def test_seizure_30_days_extension_and_testing_pause(walker):
    with at(date(2026, 8, 3)):
        walker.register("trademark", discovered_on="2026-08-01")
        walker.to_investigation()
        walker.act("ft_officer1", "seize", items="假冒充电器1200个", place="当事人仓库")
        walker.approve_chain("ft_head")
        assert deadline(walker, "admin.seizure")["due_on"] == "2026-09-02"
        assert deadline(walker, "admin.decision_ordinary")["due_on"] == "2026-11-02"
    with at(date(2026, 8, 10)):
        walker.refresh()
        walker.act("ft_officer1", "testing_start", started_on="2026-08-10", place="深圳市某检测院",
                   items="充电器样品5个")
        assert deadline(walker, "admin.seizure")["status"] == "paused"
        assert deadline(walker, "admin.decision_ordinary")["status"] == "paused"
    with at(date(2026, 8, 19)):
        walker.act("ft_officer1", "testing_end", ended_on="2026-08-19", outcome="系假冒产品")
        # Aug 10–19 (10 days) do not count: seizure Sep 2 → Sep 12 (Sat) → Sep 14; decision Nov 1 → Nov 11.
        assert deadline(walker, "admin.seizure")["due_on"] == "2026-09-14"
        assert deadline(walker, "admin.decision_ordinary")["due_on"] == "2026-11-11"
        walker.act("ft_officer1", "extend_seizure", reason="需进一步鉴定")
        walker.approve_chain("ft_head")
        assert deadline(walker, "admin.seizure")["due_on"] == "2026-10-14"
        walker.refresh()
        assert walker.act("ft_officer1", "extend_seizure", expect=422, reason="x")["code"] == "seizure_extension_used"
        walker.act("ft_officer1", "release_seizure", outcome="依法没收")
        assert deadline(walker, "admin.seizure")["status"] == "met"
        assert walker.act("ft_officer1", "release_seizure", expect=422, outcome="x")["code"] == "no_seizure"
