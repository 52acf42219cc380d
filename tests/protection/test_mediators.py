"""The mediators' roster with caseloads counted by query (E-01, E-03), used when designating; a court's online
designation (E-09): the court's 3 working days from the application and the centre's 3 working days to confirm
or decline, across the National Day holiday; the mediation period from the confirmation (E-12)."""
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from ipenforce.protection.models import Mediation
from tests.protection.helpers import ok

COURT = "深圳市中级人民法院"


def _act(api, pk: int, action: str, **data):
    version = Mediation.objects.get(pk=pk).version
    return api.post(f"/api/v1/mediations/{pk}/actions/{action}", {"version": version, **data})


def _deadline(data: dict, rule: str) -> dict:
    return next(d for d in data["deadlines"] if d["rule"] == rule)


def _loads(api) -> dict:
    return {m["name"]: (m["open"], m["closed"]) for m in ok(api.get("/api/v1/mediators"))}


def test_an_online_designation_confirmed_and_mediators_chosen_from_the_roster(outside):
    centre, court = outside.api("centre_staff"), outside.api("sz_court")
    with time_machine.travel(datetime(2026, 10, 12, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        for name in ("王调解", "李调解"):
            ok(centre.post("/api/v1/mediators", {"name": name, "roster": "人民法院特邀调解员名册",
                                                 "speciality": "专利"}), 201)
        again = centre.post("/api/v1/mediators", {"name": "王调解"})
        assert again.status_code == 409 and again.json()["code"] == "duplicate"
        assert outside.api("rights_holder").post("/api/v1/mediators", {"name": "张某"}).status_code == 403
        opened = ok(centre.post("/api/v1/mediations", {
            "kind": "assigned", "parties": "甲公司；乙公司", "dispute": "专利侵权赔偿", "court_id":
            outside.agency(COURT).pk, "online_applied_on": "2026-09-29", "online_designated_on": "2026-10-09"}), 201)
        pk = opened["id"]
        assert opened["state"] == "designated"
        designation = _deadline(opened, "protection.online_designation")
        # 3 working days from 09-29: 09-30, then the holiday to 10-07, 10-08, 10-09 — the court was in time.
        assert (designation["due_on"], designation["status"]) == ("2026-10-09", "met")
        acceptance = _deadline(opened, "protection.online_acceptance")
        assert (acceptance["due_on"], acceptance["status"]) == ("2026-10-13", "running")  # 10-10 a working Saturday
        assert "mediation.accept" in {i["kind"] for i in ok(centre.get("/api/v1/work-items"))["items"]}
        assert _act(court, pk, "accept_designation", received_on="2026-10-12").status_code == 403
        accepted = ok(_act(centre, pk, "accept_designation", received_on="2026-10-12"))
        assert accepted["state"] == "received" and accepted["received_on"] == "2026-10-12"
        assert _deadline(accepted, "protection.online_acceptance")["status"] == "met"
        assert _deadline(accepted, "protection.mediation_assigned")["due_on"] == "2026-11-11"  # from the confirmation
        page = outside.client("centre_staff").get(f"/protection/mediations/{pk}/").content.decode()
        assert 'data-testid="roster"' in page and "王调解" in page
        off_roster = _act(centre, pk, "designate", mediators="赵某")
        assert off_roster.status_code == 422 and off_roster.json()["code"] == "mediator_not_on_roster"
        designated = ok(_act(centre, pk, "designate", mediators="王调解、李调解"))
        assert sorted(designated["designated"]) == sorted(["王调解", "李调解"])
        assert _loads(centre) == {"王调解": (1, 0), "李调解": (1, 0)}
        ok(_act(centre, pk, "fail", reason="双方分歧较大"))
        assert _loads(centre) == {"王调解": (0, 1), "李调解": (0, 1)}
        assert _loads(court) == {}  # the court sees its own roster, not the centre's
        declined = ok(centre.post("/api/v1/mediations", {
            "kind": "entrusted_simple", "parties": "丙；丁", "dispute": "商标", "court_id": outside.agency(COURT).pk,
            "online_applied_on": "2026-10-09", "online_designated_on": "2026-10-12"}), 201)
        refused = ok(_act(centre, declined["id"], "decline_designation", reason="调解员与一方当事人有利害关系"))
        assert refused["state"] == "declined"
        assert "mediation.reassign" in {i["kind"] for i in ok(court.get("/api/v1/work-items"))["items"]}
        organisations = ok(centre.get("/api/v1/mediation-organisations"))
        assert [(o["open"], o["closed"]) for o in organisations] == [(0, 2)]
        bad = centre.post("/api/v1/mediations", {
            "kind": "administrative", "parties": "甲；乙", "dispute": "x", "online_applied_on": "2026-10-09",
            "online_designated_on": "2026-10-12"})
        assert bad.status_code == 422 and bad.json()["code"] == "invalid_online_designation"
    listing = outside.client("centre_staff").get("/protection/mediators/")
    assert listing.status_code == 200 and "人民法院特邀调解员名册" in listing.content.decode()
    assert outside.client("rights_holder").get("/protection/mediators/").status_code == 403
    posted = outside.client("centre_staff").post("/protection/mediators/", {"name": "周调解", "roster": "行政调解员"})
    assert posted.status_code == 302 and "周调解" in _loads(centre)
