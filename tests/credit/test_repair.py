"""Credit repair and objections: the handling limit in force on the day of acceptance (15 working days under the
2021 measures, 7 from 2025-12-25), the minimum publicity before repair, the materials, a granted repair taking
the information off the public page the same day, and an objection flagging it on acceptance."""
from datetime import date, timedelta

import chinese_calendar
import pytest
from django.test import Client

from ipenforce.core import rules
from ipenforce.credit.models import Publication, RepairRequest
from tests.credit.conftest import act, published, today

pytestmark = pytest.mark.django_db
ALL_MATERIALS = {"application": True, "pledge": True, "proof": True}


def _working_days_after(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def _older(publication: Publication, published_on: date) -> Publication:
    """The same publication as if published on an earlier day (its period runs from then)."""
    Publication.objects.filter(pk=publication.pk).update(published_on=published_on)
    return Publication.objects.get(pk=publication.pk)


def _apply(demo, publication, kind="publicity_stop", materials=ALL_MATERIALS, applied_on=None, expect=201):
    response = demo.api("ft_officer1").post("/api/v1/credit/repairs", {
        "kind": kind, "publication_id": publication.pk, "applicant": publication.party_name,
        "applied_on": str(applied_on or today()), "grounds": "已履行处罚决定并完成整改", "materials": materials})
    assert response.status_code == expect, response.json()
    return response.json()


def test_repair_limit_by_the_rule_in_force_on_acceptance(walker, demo):
    earlier = _older(published(walker), date(2025, 5, 6))
    before = _apply(demo, earlier, applied_on=date(2025, 12, 19))
    body = act(demo.api("ft_officer1"), "repairs", before["id"], "accept", accepted_on="2025-12-22")
    clock = next(d for d in body["deadlines"] if d["rule"] == "credit.repair_decision")
    assert clock["due_on"] == str(_working_days_after(date(2025, 12, 22), 15))

    later = _older(published(walker), date(2025, 6, 3))
    after = _apply(demo, later, applied_on=date(2026, 1, 5))
    body = act(demo.api("ft_officer1"), "repairs", after["id"], "accept", accepted_on="2026-01-05")
    clock = next(d for d in body["deadlines"] if d["rule"] == "credit.repair_decision")
    assert clock["due_on"] == str(_working_days_after(date(2026, 1, 5), 7))
    assert "2025" in clock["citation"]


def test_granted_repair_stops_publicity_the_same_day(walker, demo):
    publication = _older(published(walker), date(2025, 5, 6))
    url = f"/public/penalties/{publication.pk}/"
    assert Client().get(url).status_code == 200
    repair = _apply(demo, publication)
    act(demo.api("ft_officer1"), "repairs", repair["id"], "accept", accepted_on=str(today()))
    refused = demo.api("ft_officer1").post(f"/api/v1/credit/repairs/{repair['id']}/actions/grant", {
        "version": RepairRequest.objects.get(pk=repair["id"]).version, "decided_on": str(today()), "reason": "x"})
    assert refused.status_code == 403  # the head decides
    body = act(demo.api("ft_head"), "repairs", repair["id"], "grant", decided_on=str(today()), reason="符合修复条件")
    assert body["state"] == "granted"
    assert next(d for d in body["deadlines"] if d["rule"] == "credit.repair_decision")["status"] == "met"
    publication.refresh_from_db()
    assert publication.state == "stopped" and publication.stopped_on == today()
    assert Client().get(url).status_code == 404


def test_too_early_and_incomplete(walker, demo):
    publication = published(walker)
    incomplete = _apply(demo, publication, materials={"application": True})
    refused = demo.api("ft_officer1").post(f"/api/v1/credit/repairs/{incomplete['id']}/actions/accept", {
        "version": incomplete["version"], "accepted_on": str(today())})
    assert refused.status_code == 422 and refused.json()["code"] == "materials_incomplete"
    assert "守信承诺书" in refused.json()["message"]
    early = _apply(demo, publication)
    refused = demo.api("ft_officer1").post(f"/api/v1/credit/repairs/{early['id']}/actions/accept", {
        "version": early["version"], "accepted_on": str(today())})
    assert refused.status_code == 422 and refused.json()["code"] == "too_early"
    earliest = rules.due_for("credit.repair_min_publicity", publication.published_on)[0].due
    assert earliest > today() and earliest.isoformat() in refused.json()["message"]


def test_objection_flags_the_record_on_acceptance(walker, demo):
    publication = published(walker)
    objection = _apply(demo, publication, kind="objection", materials={"application": True, "proof": True})
    assert "异议处理中" not in Client().get(f"/public/penalties/{publication.pk}/").content.decode()
    body = act(demo.api("ft_officer1"), "repairs", objection["id"], "accept", accepted_on=str(today()))
    clock = next(d for d in body["deadlines"] if d["rule"] == "credit.objection_decision")
    assert clock["due_on"] == str(_working_days_after(today(), 2))
    publication.refresh_from_db()
    assert publication.objection_pending
    assert "异议处理中" in Client().get(f"/public/penalties/{publication.pk}/").content.decode()
    body = act(demo.api("ft_head"), "repairs", objection["id"], "extend_objection", reason="需核查")
    clock = next(d for d in body["deadlines"] if d["rule"] == "credit.objection_decision")
    assert clock["due_on"] == str(_working_days_after(today(), 5))
    act(demo.api("ft_head"), "repairs", objection["id"], "refuse", decided_on=str(today()), reason="信息准确")
    publication.refresh_from_db()
    assert not publication.objection_pending and publication.state == "published"
