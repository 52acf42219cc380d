"""Performance assessment on hand-made data with known answers: every indicator per unit and per officer,
scores and ranks against the year's weights, who sees what, the yearly weights and the downloads."""
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from ipenforce.cases.choices import Outcome, Procedure
from ipenforce.cases.models import AppealPeriod, Case
from ipenforce.core.clock import end_of, start_of
from ipenforce.core.models import AuditEvent
from ipenforce.linkage.models import Transfer
from ipenforce.stats.assessment import Row, achievement, score
from ipenforce.workflow.models import Approval, Deadline, of_subject
from tests.stats.test_reports import _case

pytestmark = pytest.mark.django_db
FUTIAN, HQB = "深圳市市场监督管理局福田监管局", "福田监管局华强北市场监管所"
YEAR = {"start": "2025-01-01", "end": "2025-12-31"}
WEIGHTS = [{"indicator": "filed", "weight": "50", "unit_target": "6", "officer_target": "4"},
           {"indicator": "closure_rate", "weight": "50", "unit_target": "100", "officer_target": "100"}]


def _at(day: date, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _deadline(case, rule, due, stopped=None):
    Deadline.objects.create(**of_subject(case), rule=rule, title=rule, owner="officers", started_at=start_of(
        date(2025, 1, 1)), due_at=end_of(due), unit="days", status="met" if stopped else "running",
        stopped_at=start_of(stopped) if stopped else None, citation="x")


def _approval(case, created, decided=None):
    approval = Approval.objects.create(**of_subject(case), action="file", chain=["unit_head"], proposer=case.created_by,
                                       status=Approval.APPROVED if decided else Approval.PENDING)
    Approval.objects.filter(pk=approval.pk).update(created_at=_at(created),
                                                   decided_at=_at(decided) if decided else None)


@pytest.fixture
def year_2025(demo):
    """Futian's own cases, one in its 华强北 field office and one in Nanshan, with known figures for 2025."""
    o1, o2, hqb = demo.user("ft_officer1"), demo.user("ft_officer2"), demo.user("hqb_officer")
    decided = {"outcome": Outcome.PENALTY}
    c1 = _case(demo, FUTIAN, "trademark", date(2025, 2, 1), decided_on=date(2025, 3, 3), fine=Decimal(10000),
               confiscation=Decimal(2000), closed_on=date(2025, 4, 1), **decided)
    c2 = _case(demo, FUTIAN, "patent", date(2025, 5, 1), decided_on=date(2025, 6, 20), fine=Decimal(5000), **decided)
    c3 = _case(demo, FUTIAN, "copyright", date(2025, 7, 1))
    Case.objects.filter(pk=c3.pk).update(procedure=Procedure.SIMPLE, filed_on=None, decided_on=date(2025, 7, 1),
                                         fine=Decimal(200), closed_on=date(2025, 7, 1))
    c4 = _case(demo, FUTIAN, "trademark", date(2024, 12, 1), closed_on=date(2025, 1, 10))
    c5 = _case(demo, HQB, "trademark", date(2025, 3, 1), decided_on=date(2025, 3, 11), fine=Decimal(1000),
               closed_on=date(2025, 3, 20), **decided)
    c6 = _case(demo, "深圳市市场监督管理局南山监管局", "trademark", date(2025, 3, 1))
    c1.officers.set([o1, o2]), c2.officers.set([o1]), c3.officers.set([o2]), c4.officers.set([o1])
    c5.officers.set([hqb]), c6.officers.set([demo.user("ns_officer1")])
    _deadline(c1, "a", date(2025, 2, 20), stopped=date(2025, 2, 25))  # met late
    _deadline(c1, "b", date(2025, 3, 10), stopped=date(2025, 3, 1))  # met in time
    _deadline(c2, "c", date(2025, 12, 20))  # still running at the end of the period: overdue
    _deadline(c2, "d", date(2026, 1, 5))  # due after the period
    Transfer.objects.create(case=c2, bureau=c2.agency, state="sent", report="r", created_by=o1,
                            sent_at=_at(date(2025, 8, 1)))
    AppealPeriod.objects.create(case=c1, kind="review", started_on=date(2025, 5, 1), ended_on=date(2025, 9, 1),
                                outcome="annulled")
    AppealPeriod.objects.create(case=c3, kind="litigation", started_on=date(2025, 7, 2), ended_on=date(2025, 9, 1),
                                outcome="upheld")
    _approval(c1, date(2025, 2, 1), date(2025, 2, 10))  # 9 days: too long
    _approval(c2, date(2025, 5, 1), date(2025, 5, 2))
    _approval(c2, date(2025, 12, 30))  # waiting 1 day at the end of the period
    _approval(c4, date(2025, 11, 1))  # waiting two months
    return demo


def _get(client, **params):
    response = client.get("/api/v1/assessment", **{**YEAR, **params})
    assert response.status_code == 200, response.json()
    return response.json()


def _scheme(demo, weights=WEIGHTS, username="sz_admin", year=2025, days=5):
    return demo.api(username).put(f"/api/v1/assessment/schemes/{year}",
                                  {"stale_approval_days": days, "weights": weights})


def test_every_indicator_per_unit_and_officer(year_2025):
    assert _scheme(year_2025).status_code == 200
    report = _get(year_2025.api("ft_head"))
    units = {r["name"]: r["values"] for r in report["units"]}
    assert units[f"{FUTIAN}（本级）"] == {
        "filed": "3", "closed": "3", "closure_rate": "66.7", "decision_days": "40.0", "overdue": "2",
        "overdue_rate": "66.7", "transfers": "1", "fines": "17200.00", "corrected": "1", "stale_approvals": "2",
        "file_review": None}
    assert units[HQB] == {"filed": "1", "closed": "1", "closure_rate": "100.0", "decision_days": "10.0", "overdue": "0",
                          "overdue_rate": None, "transfers": "0", "fines": "1000.00", "corrected": "0",
                          "stale_approvals": "0", "file_review": None}
    shatou = units["福田监管局沙头市场监管所"]
    assert shatou["filed"] == "0" and shatou["closure_rate"] is None
    officers = {r["name"].split("（")[0]: r["values"] for r in report["officers"]}
    assert set(officers) == {"林科长", "李执法", "王执法", "孙执法", "周执法"}  # Nanshan's officer is not below ft_head
    assert officers["李执法"] == {
        "filed": "2", "closed": "2", "closure_rate": "50.0", "decision_days": "40.0", "overdue": "2",
        "overdue_rate": "66.7", "transfers": "1", "fines": "17000.00", "corrected": "1", "stale_approvals": None,
        "file_review": None}
    assert officers["王执法"]["closure_rate"] == "100.0" and officers["王执法"]["decision_days"] == "30.0"
    assert officers["王执法"]["overdue_rate"] == "50.0" and officers["王执法"]["fines"] == "12200.00"


def test_scores_contributions_and_ranks(year_2025):
    _scheme(year_2025)
    report = _get(year_2025.api("ft_head"))
    units = [(r["rank"], r["name"], r["score"], r["contributions"]) for r in report["units"]]
    assert units == [
        (1, f"{FUTIAN}（本级）", "58.35", {"filed": "25.00", "closure_rate": "33.35"}),
        (2, HQB, "58.33", {"filed": "8.33", "closure_rate": "50.00"}),
        (3, "福田监管局沙头市场监管所", "0.00", {"filed": "0.00"}),  # closure rate has no base: left out
    ]
    officers = [(r["rank"], r["name"].split("（")[0], r["score"]) for r in report["officers"]]
    assert officers == [(1, "王执法", "75.00"), (2, "孙执法", "62.50"), (3, "李执法", "50.00"), (4, "林科长", "0.00"),
                        (4, "周执法", "0.00")]
    # Half a year: the annual target of 6 cases becomes 6 × 181 / 365.
    half = _get(year_2025.api("ft_head"), start="2025-01-01", end="2025-06-30")
    own = next(r for r in half["units"] if r["name"].endswith("（本级）"))
    assert own["contributions"] == {"filed": "33.61", "closure_rate": "25.00"} and own["score"] == "58.61"


def test_achievement_and_shared_ranks():
    assert achievement(Decimal(2), Decimal(1), False) == Decimal("0.5")
    assert achievement(Decimal(0), Decimal(0), False) == 1 and achievement(Decimal(1), Decimal(0), False) == 0
    assert achievement(Decimal(5), Decimal(0), True) == 1 and achievement(Decimal(9), Decimal(6), True) == 1

    class Weight:
        indicator, weight, unit_target, officer_target = "filed", Decimal(100), Decimal(10), Decimal(1)

    class Scheme:
        weights = type("W", (), {"all": staticmethod(lambda: [Weight])})

    rows = [Row(n, str(n), {**dict.fromkeys(["closed", "closure_rate", "decision_days", "overdue", "overdue_rate",
                                             "transfers", "fines", "corrected", "stale_approvals", "file_review"]),
                            "filed": v})
            for n, v in enumerate([5, 10, 5, 2])]
    ranked = score(rows, Scheme, "unit", date(2025, 1, 1), date(2025, 12, 31))
    assert [(r.key, r.rank, r.score) for r in ranked] == [(1, 1, Decimal("100.00")), (0, 2, Decimal("50.00")),
                                                          (2, 2, Decimal("50.00")), (3, 4, Decimal("20.00"))]


def test_who_sees_what(year_2025):
    own = _get(year_2025.api("ft_officer1"))
    assert own["units"] == [] and [r["name"] for r in own["officers"]] == [f"李执法（{FUTIAN}）"]
    city = year_2025.agency("深圳市市场监督管理局").pk
    assert year_2025.api("ft_head").get("/api/v1/assessment", **YEAR, agency=city).json()["field"] == "agency"
    whole = {r["name"]: r["values"]["filed"] for r in _get(year_2025.api("sz_supervisor"), agency=city)["units"]}
    assert whole[FUTIAN] == "4" and whole["深圳市市场监督管理局南山监管局"] == "1"
    nanshan = _get(year_2025.api("ns_head"))
    assert {r["name"].split("（")[0] for r in nanshan["officers"]} == {"赵执法", "钱执法"}
    police = year_2025.api("sz_police").get("/api/v1/assessment", **YEAR)
    assert police.status_code == 403 and police.json()["code"] == "assessment_forbidden"
    assert year_2025.client("sz_police").get("/assessment/").status_code == 404
    crossing = year_2025.api("ft_head").get("/api/v1/assessment", start="2025-12-01", end="2026-01-31")
    assert crossing.json()["code"] == "period_crosses_year"
    admin = year_2025.client("sz_admin")  # sets the weights; reads the assessment, not the period report
    assert admin.get("/assessment/").status_code == 200 and admin.get("/reports/").status_code in (403, 404)
    assert _get(year_2025.api("sz_admin"), agency=city)["units"]


def test_few_queries_however_many_cases(year_2025):
    _scheme(year_2025)
    client = year_2025.api("sz_head")
    city = year_2025.agency("深圳市市场监督管理局").pk
    _get(client, agency=city)
    with CaptureQueriesContext(connection) as first:
        _get(client, agency=city)
    for n in range(20):
        _case(year_2025, HQB, "trademark", date(2025, 4, 1 + n)).officers.set([year_2025.user("hqb_officer")])
    with CaptureQueriesContext(connection) as second:
        _get(client, agency=city)
    assert len(second) == len(first) <= 25


def test_weights_are_set_by_administrators_of_the_top_agency(year_2025):
    assert _scheme(year_2025, username="ft_admin").json()["code"] == "assessment_admin_only"
    refused = _scheme(year_2025, weights=[{**WEIGHTS[0], "weight": "40"}, WEIGHTS[1]])
    assert refused.status_code == 422 and refused.json()["field"] == "weights" and "100" in refused.json()["message"]
    negative = _scheme(year_2025, weights=[{**WEIGHTS[0], "weight": "-1"}, WEIGHTS[1]])
    assert negative.json()["field"] == "weights[0].weight"
    unknown = _scheme(year_2025, weights=[{**WEIGHTS[0], "indicator": "popularity"}, WEIGHTS[1]])
    assert unknown.json()["field"] == "weights[0].indicator"
    rate = _scheme(year_2025, weights=[WEIGHTS[0], {**WEIGHTS[1], "unit_target": "120"}])
    assert rate.json()["code"] == "rate_above_100"
    assert _scheme(year_2025, days=0).json()["field"] == "stale_approval_days"
    assert year_2025.api("ft_head").get("/api/v1/assessment/schemes/2025").status_code == 404
    assert _scheme(year_2025).status_code == 200
    saved = year_2025.api("ft_head").get("/api/v1/assessment/schemes/2025").json()
    assert saved["stale_approval_days"] == 5 and [w["indicator"] for w in saved["weights"]] == ["filed", "closure_rate"]
    assert AuditEvent.objects.filter(action="assessment_scheme.save").count() == 1


def test_scheme_page_and_assessment_page_with_downloads(year_2025):
    admin = year_2025.client("sz_admin")
    assert year_2025.client("ft_admin").get("/assessment/schemes/2025/").status_code == 404
    form = {"stale_approval_days": "5", **{f"{k}_{code}": "0" for code in
                                           ["filed", "closed", "closure_rate", "decision_days", "overdue",
                                            "overdue_rate",
                                            "transfers", "fines", "corrected", "stale_approvals", "file_review"]
                                           for k in ("weight", "unit_target", "officer_target")}}
    page = admin.post("/assessment/schemes/2025/", {**form, "weight_filed": "60"})
    assert "各指标权重之和须为100（现为60）" in page.content.decode()
    saved = admin.post("/assessment/schemes/2025/", {**form, "weight_filed": "50", "unit_target_filed": "6",
                                                       "officer_target_filed": "4", "weight_closure_rate": "50",
                                                       "unit_target_closure_rate": "100",
                                                       "officer_target_closure_rate": "100"})
    assert saved.status_code == 302
    head = year_2025.client("ft_head")
    html = head.get("/assessment/", YEAR).content.decode()
    assert "58.35" in html and "33.35分" in html and "统计口径与计分方法" in html
    export = head.get("/assessment/unit.xlsx", YEAR)
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("排名", "单位", "得分", "查处案件（件）", "查处案件得分")
    assert rows[1][:5] == (1, f"{FUTIAN}（本级）", 58.35, 3, 25)
    officers = list(load_workbook(BytesIO(head.get("/assessment/officer.xlsx", YEAR).content)).active.iter_rows(
        values_only=True))
    assert len(officers) == 6 and officers[1][1].startswith("王执法")
    assert "绩效考核" in year_2025.client("ft_officer1").get("/").content.decode()
