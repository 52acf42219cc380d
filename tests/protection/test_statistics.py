"""The centre's figures by month: complaints received, takedown notices sent, complaints closed and the average
days from registration to closing — on a page and the API for the centre, and read by the stats app's selector."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from ipenforce.orgs.models import Agency
from ipenforce.protection.demo import PLATFORM
from ipenforce.protection.selectors import centre_statistics
from tests.protection.conftest import COMPLETE
from tests.protection.helpers import ok, step


def _at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
                               tick=False)


def test_the_centre_counts_complaints_takedowns_and_days_to_close_by_month(outside):
    holder, centre = outside.api("rights_holder"), outside.api("centre_staff")
    with _at(date(2026, 3, 2)):
        first = ok(holder.post("/api/v1/complaints", COMPLETE), 201)
        ok(step(centre, "complaints", first["id"], "accept"))
        ok(step(centre, "complaints", first["id"], "send_takedown",
                platform_id=Agency.objects.get(name=PLATFORM).pk, listings="https://shop.example/1"))
    with _at(date(2026, 3, 5)):
        second = ok(holder.post("/api/v1/complaints", {**COMPLETE, "evidence": ""}), 201)
    with _at(date(2026, 3, 12)):
        ok(step(centre, "complaints", first["id"], "conclude", outcome="平台已删除链接"))
    with _at(date(2026, 4, 5)):
        ok(step(centre, "complaints", second["id"], "refuse", reason="证据不足且未补正"))
        ok(holder.post("/api/v1/complaints", COMPLETE), 201)
    with _at(date(2026, 12, 1)):
        figures = ok(centre.get("/api/v1/protection/statistics", year=2026))
        march, april, may = figures["months"][2], figures["months"][3], figures["months"][4]
        assert (march["complaints"], march["takedowns"], march["closed"], march["average_days"]) == (2, 1, 1, 10.0)
        assert (april["complaints"], april["takedowns"], april["closed"], april["average_days"]) == (1, 0, 1, 31.0)
        assert may == {"month": 5, "complaints": 0, "takedowns": 0, "closed": 0, "average_days": None}
        assert (figures["complaints"], figures["takedowns"], figures["closed"], figures["average_days"]) == (
            3, 1, 2, 20.5)
        assert ok(centre.get("/api/v1/protection/statistics", year=2025))["complaints"] == 0
        assert centre_statistics(outside.user("centre_staff"), 2026)["average_days"] == 20.5  # what stats reads
        page = outside.client("centre_staff").get("/protection/statistics/", {"year": "2026"})
        html = page.content.decode()
        assert page.status_code == 200 and 'data-testid="total-average">20.5<' in html
        assert 'data-testid="total-takedowns">1<' in html
        assert 'data-testid="statistics-link"' in outside.client("centre_staff").get("/protection/").content.decode()
    denied = holder.get("/api/v1/protection/statistics")
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    assert outside.client("rights_holder").get("/protection/statistics/").status_code == 403
    assert outside.client("ft_officer1").get("/protection/statistics/").status_code == 403
