"""Penalty publicity: the case's publish step opens the publication; the public page (no login) shows only the
信息摘要 with a natural person's identity number and address masked, hides it after its period and after a
withdrawal, and is rate limited; the withdrawal clock counts working days across the National Day holiday."""
from datetime import date, timedelta

import chinese_calendar
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from ipenforce.core import rules
from ipenforce.credit.models import Publication
from tests.credit.conftest import COMPANY, PERSON, act, published, today

pytestmark = pytest.mark.django_db


def _working_days_after(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def test_publishing_the_case_opens_the_publication_with_its_summary(walker):
    publication = published(walker)
    case = walker.case
    assert publication.state == "published"
    assert publication.decision_number == case["number"]
    assert publication.party_name == COMPANY["name"] and publication.party_uscc == COMPANY["uscc"]
    assert "罚款30,000.00元" in publication.penalty
    assert publication.ends_on == date(today().year + 3, today().month, today().day) or (
        today().month == 2 and today().day == 29)


def test_public_page_shows_a_person_masked_without_login(walker):
    publication = published(walker, party=PERSON)
    client = Client()
    listing = client.get("/public/penalties/", {"q": PERSON["name"]})
    assert listing.status_code == 200
    assert publication.decision_number in listing.content.decode()
    page = client.get(f"/public/penalties/{publication.pk}/").content.decode()
    assert PERSON["id_number"] not in page and PERSON["id_number"][:6] in page
    assert "110105********002X" in page
    assert PERSON["address"] not in page.replace(PERSON["address"] + "*", "")
    assert "深圳市****" in page or "深圳市福田区****" in page
    assert publication.case.parties.get().phone not in page or not publication.case.parties.get().phone


def test_search_by_uscc_and_decision_number(walker):
    publication = published(walker)
    client = Client()
    assert publication.decision_number in client.get("/public/penalties/", {"q": COMPANY["uscc"]}).content.decode()
    other = client.get("/public/penalties/", {"q": "没有这个当事人"}).content.decode()
    assert publication.decision_number not in other


def test_hidden_after_the_period(walker):
    publication = published(walker)
    assert publication.ends_on == rules.due_for("credit.publicity_period", publication.published_on)[0].due
    url = f"/public/penalties/{publication.pk}/"
    with time_machine.travel(timezone.make_aware(
            timezone.datetime.combine(publication.ends_on, timezone.datetime.min.time())), tick=False):
        assert Client().get(url).status_code == 200
    with time_machine.travel(timezone.make_aware(
            timezone.datetime.combine(publication.ends_on + timedelta(days=1), timezone.datetime.min.time())),
            tick=False):
        assert Client().get(url).status_code == 404
        assert publication.decision_number not in Client().get("/public/penalties/").content.decode()


def test_short_period_is_three_months(walker, demo):
    publication = published(walker)
    body = act(demo.api("ft_officer1"), "publications", publication.pk, "set_period", period="short",
               reason="仅处较低数额罚款")
    assert body["ends_on"] == str(rules.due_for("credit.publicity_period_short", publication.published_on)[0].due)
    month = publication.published_on.month + 3
    assert date.fromisoformat(body["ends_on"]).month == (month - 1) % 12 + 1


def test_withdrawal_after_the_decision_is_annulled(walker, demo):
    publication = published(walker)
    api = demo.api("ft_officer1")
    body = act(api, "publications", publication.pk, "decision_changed", changed_on=str(today()),
               reason="复议决定撤销原处罚决定")
    assert body["state"] == "withdrawal_due"
    clock = next(d for d in body["deadlines"] if d["rule"] == "admin.publicity_withdraw")
    assert clock["due_on"] == str(_working_days_after(today(), 3)) or clock["status"] == "running"
    assert Client().get(f"/public/penalties/{publication.pk}/").status_code == 404  # no longer shown at once
    body = act(api, "publications", publication.pk, "withdraw", withdrawn_on=str(today()))
    assert body["state"] == "withdrawn" and body["withdrawn_on"] == str(today())
    assert next(d for d in body["deadlines"] if d["rule"] == "admin.publicity_withdraw")["status"] == "met"


def test_withdrawal_clock_across_national_day(work_calendar):
    """3 working days from 2026-09-30 skip the National Day holiday (counted on chinese-calendar, independently)."""
    start = date(2026, 9, 30)
    due = rules.due_for("admin.publicity_withdraw", start)[0].due
    assert due == _working_days_after(start, 3)
    assert due > date(2026, 10, 7)
    publish_due = rules.due_for("admin.publicity", date(2026, 9, 25))[0].due
    assert publish_due == _working_days_after(date(2026, 9, 25), 20)


def test_only_officers_of_the_case_change_a_publication(walker, demo):
    publication = published(walker)
    refused = demo.api("ns_officer1").post(f"/api/v1/credit/publications/{publication.pk}/actions/decision_changed",
                                           {"version": publication.version, "changed_on": str(today()),
                                            "reason": "x"})
    assert refused.status_code == 404
    refused = demo.api("ft_legal").post(f"/api/v1/credit/publications/{publication.pk}/actions/decision_changed",
                                        {"version": publication.version, "changed_on": str(today()), "reason": "x"})
    assert refused.status_code == 403


def test_public_page_is_rate_limited(walker, settings):
    published(walker)
    settings.PUBLIC_RATE_LIMIT = 3
    client = Client()
    answers = [client.get("/public/penalties/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get("/public/penalties/").status_code == 200


def test_public_page_reveals_no_internal_record(walker):
    publication = published(walker)
    Publication.objects.filter(pk=publication.pk).update(state="withdrawal_due")
    assert Client().get(f"/public/penalties/{publication.pk}/").status_code == 404
    assert Client().get(f"/credit/publications/{publication.pk}/").status_code == 302
    assert Client().get(f"/api/v1/credit/publications/{publication.pk}").status_code == 401


def test_export_for_the_national_system(walker, demo):
    from io import BytesIO

    from openpyxl import load_workbook

    publication = published(walker, party=PERSON)
    response = demo.client("ft_officer1").get("/credit/publications/export.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "行政处罚决定书文号" and rows[1][0] == publication.decision_number
    assert PERSON["id_number"] not in str(rows) and "110105********002X" in str(rows)
    other = demo.client("ns_officer1").get("/credit/publications/export.xlsx")
    assert publication.decision_number not in str(list(load_workbook(BytesIO(other.content)).active.iter_rows(
        values_only=True)))


def test_service_tells_the_party_of_publication_and_the_publishing_clock_waits_on_the_officers(walker, demo):
    """D-16: the served decision's step records the written notice that it will be published; D-17: the
    20-working-day clock runs from the decision, reaches the officers' 我的待办, and publishing meets it."""
    from ipenforce.core.models import WorkItem
    from ipenforce.workflow.models import Step
    from tests.credit.conftest import decided

    case = decided(walker)
    served = Step.objects.filter(subject_type__model="case", subject_id=case["id"], action="serve_decision").get()
    assert "将依法通过国家企业信用信息公示系统向社会公示" in served.comment and "第八条" in served.comment
    body = demo.api("ft_officer1").get(f"/api/v1/cases/{case['id']}").json()
    clock = next(d for d in body["deadlines"] if d["rule"] == "admin.publicity")
    assert clock["status"] == "running"
    assert clock["due_on"] == str(rules.due_for("admin.publicity", date.fromisoformat(body["decided_on"]))[0].due)
    todo = [w["kind"] for w in demo.api("ft_officer1").get("/api/v1/work-items", limit=500).json()["items"]]
    assert "deadline:admin.publicity" in todo
    walker.act("ft_officer1", "publish", published_on=str(today()))
    body = demo.api("ft_officer1").get(f"/api/v1/cases/{case['id']}").json()
    assert next(d for d in body["deadlines"] if d["rule"] == "admin.publicity")["status"] == "met"
    assert not WorkItem.objects.filter(kind="deadline:admin.publicity", target_id=str(case["id"]),
                                       closed_at__isnull=True).exists()


def test_a_simple_procedure_decision_is_not_announced_for_publication(walker):
    from ipenforce.credit.extensions import _publicity_told

    class Ctx:
        comment = "送达"

    class Simple:
        procedure, outcome = "simple", "penalty"

    ctx = Ctx()
    _publicity_told(Simple(), ctx)
    assert ctx.comment == "送达"
