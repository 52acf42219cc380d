"""Patent-infringement dispute adjudication (C-32…C-42): from a complaint to the patent department, acceptance,
the copy served and the defence, a suspension on an accepted invalidation request (its days not counted in the
three months), a decision approved by the head, the 15 days to sue, then the court's enforcement."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from ipenforce.protection.models import Adjudication
from tests.conftest import FUTIAN
from tests.protection.conftest import COMPLETE
from tests.protection.helpers import ok, step


def _at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
                               tick=False)


def _act(api, pk: int, action: str, **data):
    version = Adjudication.objects.get(pk=pk).version
    return api.post(f"/api/v1/adjudications/{pk}/actions/{action}", {"version": version, **data})


def _closing(data: dict):
    return next(d for d in data["deadlines"] if d["rule"] == "protection.adjudication_closing")


def test_an_adjudication_with_a_suspension_and_a_decision(outside):
    holder, centre = outside.api("rights_holder"), outside.api("centre_staff")
    officer, head = outside.api("ft_officer1"), outside.api("ft_head")
    with _at(date(2026, 3, 2)):
        complaint = ok(holder.post("/api/v1/complaints", COMPLETE), 201)
        ok(step(centre, "complaints", complaint["id"], "accept"))
        routed = ok(step(centre, "complaints", complaint["id"], "refer_to_adjudication",
                         bureau_id=outside.agency(FUTIAN).pk, patent="实用新型专利 ZL202120000001.X"))
        assert routed["state"] == "adjudication"
        pk = Adjudication.objects.get(complaint_id=complaint["id"]).pk
        assert _act(holder, pk, "accept").status_code == 403  # the department decides, not the parties
        accepted = ok(_act(officer, pk, "accept"))
        assert _closing(accepted)["due_on"] == "2026-06-02"  # three months (C-39)
        served = ok(_act(officer, pk, "serve_copy", served_on="2026-03-04"))
        defence = next(d for d in served["deadlines"] if d["rule"] == "protection.adjudication_defence")
        assert defence["due_on"] == "2026-03-19" and defence["verified"] is False  # C-40: a pattern, not law
        ok(_act(officer, pk, "hear", defence="被请求人答辩称其产品结构不同"))
    with _at(date(2026, 3, 20)):
        proposed = ok(_act(officer, pk, "suspend", invalidation="无效宣告请求受理通知书 4W1234567",
                           from_date="2026-03-20"))
        assert proposed["state"] == "hearing"  # waits on the head (the suspension is discretionary, C-36)
        page = outside.client("ft_head").get(f"/protection/adjudications/{pk}/")  # the head answers on the page
        assert page.status_code == 200 and 'data-testid="answer-approve"' in page.content.decode()
        outside.client("ft_head").post(f"/protection/adjudications/{pk}/actions/approve/",
                                       {"version": Adjudication.objects.get(pk=pk).version, "comment": "同意中止"})
        suspended = ok(outside.api("ft_head").get(f"/api/v1/adjudications/{pk}"))
        assert suspended["state"] == "suspended" and _closing(suspended)["status"] == "paused"
    with _at(date(2026, 4, 20)):
        resumed = ok(_act(officer, pk, "resume", until_date="2026-04-19",
                          reason="无效宣告请求审查决定维持专利权有效"))
        due = date.fromisoformat(_closing(resumed)["due_on"])
        assert due == date(2026, 6, 2) + timedelta(days=31)  # 03-20…04-19 not counted
        ok(_act(officer, pk, "decide", outcome="infringement", decision="被请求人立即停止制造、销售侵权产品。"))
        decided = ok(_act(head, pk, "approve", comment="同意"))
        assert decided["state"] == "decided" and _closing(decided)["status"] == "met"
        served = ok(_act(officer, pk, "serve_decision", served_on="2026-04-20"))
        window = next(d for d in served["deadlines"] if d["rule"] == "protection.adjudication_suit_window")
        assert window["due_on"] == "2026-05-06"  # 15 days end on 05-05 (Labour Day holiday) → 05-06
        early = _act(officer, pk, "take_effect")
        assert early.status_code == 422 and early.json()["code"] == "suit_window_running"
    with _at(date(2026, 5, 7)):
        ok(_act(officer, pk, "take_effect"))
        ok(_act(officer, pk, "apply_enforcement", court="深圳市中级人民法院"))
        done = ok(_act(head, pk, "approve", comment="同意申请强制执行"))
        assert done["state"] == "enforcement"
    seen = ok(holder.get(f"/api/v1/adjudications/{pk}"))
    assert seen["decision"].startswith("被请求人立即停止")
    assert outside.api("other_holder").get(f"/api/v1/adjudications/{pk}").status_code == 404
    assert outside.client("ft_officer1").get(f"/protection/adjudications/{pk}/").status_code == 200
