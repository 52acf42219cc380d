"""Mediation by the centre (§E): a court-assigned (委派) mediation from the signed receipt (30 days, E-05) to an
agreement, the 30 days for judicial confirmation (E-14) and the court's confirmation; a court-entrusted one in
the simple procedure (7 days) across National Day, extended by the parties' consent; an administrative one."""
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from ipenforce.protection.models import Mediation
from tests.protection.helpers import ok

COURT = "深圳市中级人民法院"


def _act(api, pk: int, action: str, **data):
    version = Mediation.objects.get(pk=pk).version
    return api.post(f"/api/v1/mediations/{pk}/actions/{action}", {"version": version, **data})


def _due(data: dict, rule: str) -> str:
    return next(d["due_on"] for d in data["deadlines"] if d["rule"] == rule)


def test_a_court_assigned_mediation_to_judicial_confirmation(outside):
    centre, court = outside.api("centre_staff"), outside.api("sz_court")
    with time_machine.travel(datetime(2026, 10, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        opened = ok(centre.post("/api/v1/mediations", {
            "kind": "assigned", "parties": "深圳市鹏城新能源科技有限公司；某储能电源经营部", "court_id":
            outside.agency(COURT).pk, "court_reference": "（2026）粤03民诉前调1号", "dispute": "实用新型专利侵权赔偿",
            "received_on": "2026-09-28"}), 201)
        pk = opened["id"]
        assert _due(opened, "protection.mediation_assigned") == "2026-10-28"  # 30 days from the signed receipt
        assert court.get(f"/api/v1/mediations/{pk}").status_code == 200  # the assigning court follows it
        assert outside.api("ns_police").get(f"/api/v1/mediations/{pk}").status_code == 404
        assert _act(court, pk, "designate", mediators="王调解").status_code == 403
        ok(_act(centre, pk, "designate", mediators="王调解（特邀调解员）"))
        ok(_act(centre, pk, "session", notes="双方就赔偿数额达成初步一致"))
        agreed = ok(_act(centre, pk, "agree", agreement="被申请人停止销售并赔偿五万元", agreement_on="2026-10-09"))
        assert agreed["state"] == "agreed"
        assert _due(agreed, "protection.judicial_confirmation") == "2026-11-09"  # 11-08 is a Sunday
        assert _act(centre, pk, "confirm", ruling="x").status_code == 403  # only the court confirms
        ok(_act(centre, pk, "report_to_court", report="已达成调解协议，报送备案"))
        assert "mediation.court" in {i["kind"] for i in ok(court.get("/api/v1/work-items"))["items"]}
        confirmed = ok(_act(court, pk, "confirm", ruling="（2026）粤03民特1号"))
        assert confirmed["state"] == "confirmed"
        assert all(d["status"] != "running" for d in confirmed["deadlines"])
    assert outside.client("sz_court").get(f"/protection/mediations/{pk}/").status_code == 200


def test_an_entrusted_mediation_across_national_day_extended_by_consent(outside):
    centre = outside.api("centre_staff")
    with time_machine.travel(datetime(2026, 10, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        opened = ok(centre.post("/api/v1/mediations", {
            "kind": "entrusted_simple", "parties": "甲公司；乙公司", "court_id": outside.agency(COURT).pk,
            "dispute": "商标侵权", "received_on": "2026-09-30"}), 201)
        assert _due(opened, "protection.mediation_entrusted_simple") == "2026-10-08"  # 10-07 in the holiday
        extended = ok(_act(centre, opened["id"], "extend", until="2026-10-15", consent="双方书面同意延长"))
        assert _due(extended, "protection.mediation_entrusted_simple") == "2026-10-15"
    with time_machine.travel(datetime(2026, 10, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        ordinary = ok(centre.post("/api/v1/mediations", {
            "kind": "entrusted_ordinary", "parties": "甲公司；乙公司", "court_id": outside.agency(COURT).pk,
            "dispute": "专利侵权", "received_on": "2026-09-30"}), 201)
        assert _due(ordinary, "protection.mediation_entrusted_ordinary") == "2026-10-15"  # 15 days (E-05)
    missing_court = centre.post("/api/v1/mediations", {"kind": "assigned", "parties": "甲；乙", "dispute": "x",
                                                       "received_on": "2026-09-30"})
    assert missing_court.status_code == 422 and missing_court.json()["code"] == "court_required"
    admin = ok(centre.post("/api/v1/mediations", {"kind": "administrative", "parties": "甲；乙", "dispute": "x",
                                                  "received_on": "2026-11-02"}), 201)
    assert _due(admin, "protection.mediation_administrative") == "2026-12-02"  # 深圳 30 days (E-17)
    assert outside.api("rights_holder").post("/api/v1/mediations", {
        "kind": "administrative", "parties": "甲；乙", "dispute": "x", "received_on": "2026-11-02"}).status_code == 403
