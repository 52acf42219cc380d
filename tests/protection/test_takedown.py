"""E-commerce notice-and-takedown through a fake platform over HTTP (《电子商务法》第四十二条至第四十四条, C-14…C-24):
the measures, the declaration starting 15 days (C-17), notarisation not counted up to 20 working days (C-18), a
lawsuit keeping the measures, the period ending them, copyright notices ending at once (C-24), the public page."""
from contextlib import contextmanager
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ipenforce.core import rules
from ipenforce.core.models import WorkItem
from ipenforce.protection.models import TakedownNotice
from ipenforce.protection.services import notices_check_waiting
from tests.protection.conftest import COMPLETE
from tests.protection.helpers import ok, step


@contextmanager
def on(day: date):
    """The platform's and the sweep's "today" (the tasks of a notice depend on it)."""
    with time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
                             tick=False):
        yield


def check_on(day: date) -> int:
    with on(day):
        return notices_check_waiting()


def _notice(demo, agencies, ip_type="patent") -> int:
    centre = demo.api("centre_staff")
    complaint = ok(demo.api("rights_holder").post("/api/v1/complaints", {**COMPLETE, "ip_type": ip_type}), 201)
    assert complaint["complainant"] == agencies["holder"].name
    ok(step(centre, "complaints", complaint["id"], "accept"))
    done = ok(step(centre, "complaints", complaint["id"], "send_takedown", platform_id=agencies["platform"].pk,
                   listings="https://shop.example/item/1\nhttps://shop.example/item/2"))
    assert done["state"] == "takedown" and len(done["notice_ids"]) == 1
    return done["notice_ids"][0]


def _measures_and_declaration(platform, notice_id: int, arrived_on: str) -> dict:
    ok(platform.act(notice_id, "take_measures", measures="delete", measures_on="2026-01-02",
                    forwarded_on="2026-01-02"), 201)
    return ok(platform.act(notice_id, "record_declaration", declaration="不落入专利保护范围的声明及比对",
                           arrived_on=arrived_on), 201)["notice"]


def _open_kinds(notice_id: int) -> set[str]:
    return set(WorkItem.objects.filter(target_type="protection.takedownnotice", target_id=str(notice_id),
                                       state=WorkItem.OPEN).values_list("kind", flat=True))


@on(date(2026, 1, 5))
def test_the_fifteen_days_end_the_measures(outside, agencies, platform):
    notice_id = _notice(outside, agencies)
    assert [n["id"] for n in platform.new_notices()] == [notice_id]
    assert "takedown_notice.measures" in _open_kinds(notice_id)  # the platform's desk has it
    first = platform.act(notice_id, "take_measures", reference="PLAT-1", measures="delete",
                         measures_on="2026-01-02", forwarded_on="2026-01-02")
    assert ok(first, 201)["done"] is True
    again = ok(platform.act(notice_id, "take_measures", reference="PLAT-1", measures="block",
                            measures_on="2026-01-03", forwarded_on="2026-01-03"))
    assert again["done"] is False and again["notice"]["measures"] == "delete"  # idempotent: nothing changed
    reused = platform.act(notice_id, "record_declaration", reference="PLAT-1", declaration="x",
                          arrived_on="2026-01-05")
    assert reused.status_code == 409 and reused.json()["code"] == "reference_reused"
    assert platform.new_notices() == []

    notice = ok(platform.act(notice_id, "record_declaration", declaration="不侵权声明及初步证据",
                             arrived_on="2026-01-05"), 201)["notice"]
    assert notice["state"] == "declared" and notice["wait_ends_on"] == "2026-01-20"  # 15 natural days
    assert "deadline:protection.declaration_wait" in _open_kinds(notice_id)  # the rights holder's clock
    assert notice["wait_ends_on"] == str(rules.due_for("protection.declaration_wait", date(2026, 1, 5))[0].due)

    assert "takedown_notice.end" not in _open_kinds(notice_id)
    assert check_on(date(2026, 1, 20)) == 0  # the last day still counts
    assert check_on(date(2026, 1, 21)) == 1  # the day after: the platform must end the measures
    assert check_on(date(2026, 1, 22)) == 0  # said once
    assert "takedown_notice.end" in _open_kinds(notice_id)
    with on(date(2026, 1, 21)):
        page = outside.client("platform_agent").get(f"/protection/notices/{notice_id}/")
        assert "平台应当及时终止所采取的措施" in page.content.decode()

    with on(date(2026, 1, 21)):
        late = step(outside.api("rights_holder"), "takedown-notices", notice_id, "notify_action", kind="lawsuit",
                    authority="深圳市中级人民法院", notified_on="2026-01-21")
        assert late.status_code == 422 and late.json()["code"] == "wait_over"
        ended = ok(platform.act(notice_id, "end_measures", ended_on="2026-01-21"), 201)["notice"]
    assert ended["state"] == "ended" and ended["ended_on"] == "2026-01-21"
    assert not _open_kinds(notice_id)


@on(date(2026, 1, 5))
def test_a_lawsuit_notified_in_time_keeps_the_measures(outside, agencies, platform):
    notice_id = _notice(outside, agencies)
    _measures_and_declaration(platform, notice_id, "2026-01-05")
    holder = outside.api("rights_holder")
    kept = ok(step(holder, "takedown-notices", notice_id, "notify_action", kind="lawsuit",
                   authority="深圳市中级人民法院", notified_on="2026-01-15"))
    assert kept["state"] == "kept"
    assert check_on(date(2026, 2, 1)) == 0
    refused = platform.act(notice_id, "end_measures", ended_on="2026-02-01")
    assert refused.status_code == 422 and refused.json()["code"] == "wrong_state"
    assert TakedownNotice.objects.get(pk=notice_id).state == "kept"


def test_the_measures_may_not_end_while_the_period_runs(outside, agencies, platform):
    notice_id = _notice(outside, agencies)
    today = date.today().isoformat()
    _measures_and_declaration(platform, notice_id, today)
    refused = platform.act(notice_id, "end_measures", ended_on=today)
    assert refused.status_code == 422 and refused.json()["code"] == "wait_running"


@on(date(2026, 9, 20))
def test_notarisation_is_not_counted_but_never_beyond_twenty_working_days(outside, agencies, platform):
    """Arrival on Sunday 2026-09-20: 15 days end on 2026-10-05, in the National Day holiday, so 2026-10-08.
    Notarisation from 09-22 to 10-20 is not counted, but the wait may not pass 20 working days from the arrival:
    09-21…24 (09-25 is the Mid-Autumn Festival), 28…30, 10-08…10 (10-10 a make-up working day), 12…16, 19…23
    → 2026-10-23."""
    notice_id = _notice(outside, agencies)
    notice = _measures_and_declaration(platform, notice_id, "2026-09-20")
    assert notice["wait_ends_on"] == "2026-10-08"
    holder = outside.api("rights_holder")
    ok(step(holder, "takedown-notices", notice_id, "notarisation_start", from_date="2026-09-22"))
    paused = ok(step(holder, "takedown-notices", notice_id, "notarisation_end", until_date="2026-10-20"))
    assert paused["wait_ends_on"] == "2026-10-23"
    assert str(rules.due_for("protection.declaration_wait_cap", date(2026, 9, 20))[0].due) == "2026-10-23"
    assert check_on(date(2026, 10, 23)) == 0
    assert check_on(date(2026, 10, 24)) == 1


@on(date(2026, 1, 5))
def test_a_copyright_declaration_ends_the_measures_at_once(outside, agencies, platform):
    notice_id = _notice(outside, agencies, ip_type="copyright")
    notice = _measures_and_declaration(platform, notice_id, "2026-01-05")
    assert notice["state"] == "must_end" and notice["wait_ends_on"] is None and notice["must_end_measures"]
    assert "takedown_notice.end" in _open_kinds(notice_id)
    assert ok(platform.act(notice_id, "end_measures", ended_on="2026-01-05"), 201)["notice"]["state"] == "ended"


def test_a_platform_that_does_not_act_is_shown_with_the_article(outside, agencies):
    notice_id = _notice(outside, agencies)
    TakedownNotice.objects.filter(pk=notice_id).update(sent_on=date(2026, 1, 2))
    page = outside.client("centre_staff").get(f"/protection/notices/{notice_id}/").content.decode()
    assert "尚未报告必要措施" in page and "第八十四条" in page


def test_the_public_page_shows_notices_declarations_and_results(outside, agencies, platform, client):
    notice_id = _notice(outside, agencies)
    assert f"#{notice_id}" not in client.get("/public/takedown-notices/").content.decode()  # not yet acted on
    _measures_and_declaration(platform, notice_id, "2026-01-05")
    page = client.get("/public/takedown-notices/")
    text = page.content.decode()
    assert page.status_code == 200 and f"#{notice_id}" in text and "已提交" in text
    assert COMPLETE["identity"] not in text  # identity documents are not published


@pytest.mark.parametrize("action", ["take_measures", "record_declaration"])
def test_another_platform_cannot_act(outside, agencies, action):
    from tests.protection.conftest import FakePlatform

    notice_id = _notice(outside, agencies)
    other = FakePlatform("other_platform")
    assert other.new_notices() == []
    response = other.act(notice_id, action, measures="delete", measures_on="2026-01-02", forwarded_on="2026-01-02")
    assert response.status_code == 404


def test_the_platform_gives_the_sellers_identity_and_a_local_bureau_gets_a_lead(outside, agencies, platform):
    """全国电商领域专利执法维权协作机制 (C-27): the centre asks, the platform answers, the lead goes to the bureau."""
    from ipenforce.cases.models import Case
    from tests.conftest import NANSHAN

    notice_id = _notice(outside, agencies)
    centre = outside.api("centre_staff")
    early = platform.act(notice_id, "provide_identity", seller_identity="x", bureau_id=outside.agency(NANSHAN).pk)
    assert early.status_code == 422 and early.json()["code"] == "identity_not_requested"
    ok(step(centre, "takedown-notices", notice_id, "request_identity"))
    assert "takedown_notice.identity" in _open_kinds(notice_id)
    again = step(centre, "takedown-notices", notice_id, "request_identity")
    assert again.status_code == 422 and again.json()["code"] == "identity_already_requested"
    answered = ok(platform.act(notice_id, "provide_identity", bureau_id=outside.agency(NANSHAN).pk,
                               seller_identity="深圳某电子商行，91440300MA5EXAMPLE，南山区某路1号"), 201)["notice"]
    case = Case.objects.get(pk=answered["case_id"])
    assert case.agency.name == NANSHAN and case.source == "ecommerce" and "南山区某路1号" in case.description
    assert "takedown_notice.identity" not in _open_kinds(notice_id)
    assert ok(outside.api("ns_officer1").get(f"/api/v1/cases/{case.pk}"))["id"] == case.pk
