"""D-35 / F-08: the credit module's answer on a funding applicant and a key-enterprise nomination — a party on
the serious-violation list is refused at the review step with the rule's citation naming the field, and flagged
on the application's and the nomination's page and API; an applicant the platform knows nothing of passes on the
hand-recorded check."""
from datetime import date

import pytest

from ipenforce.core.rules import due_for
from ipenforce.credit.models import Listing
from ipenforce.programs.workflow import FundingFacts, credit_bar
from tests.cases.conftest import COMPANY
from tests.credit.test_listing import _listed
from tests.programs.conftest import API, act, application_body, make_call

pytestmark = pytest.mark.django_db


def test_listed_applicant_is_refused_at_review_and_flagged(walker, demo):
    listing = Listing.objects.get(pk=_listed(walker, demo))
    api = demo.api("ft_officer1")
    call = make_call(api)
    body = application_body(40, applicant_uscc=COMPANY["uscc"], applicant_name=COMPANY["name"])
    app = api.post(f"{API}/calls/{call['id']}/applications", body).json()
    clean = api.post(f"{API}/calls/{call['id']}/applications", application_body(41)).json()
    for pk in (app["id"], clean["id"]):
        assert act(api, "applications", pk, "accept").status_code == 200
    known = api.get(f"{API}/applications/{app['id']}").json()["platform_credit"]
    until = due_for("credit.funding_bar", listing.listed_on)[0].due
    assert known["listed"] is True and known["barred_until"] == until.isoformat()
    assert known["bars"][0]["kind"] == "listing"
    refused = act(api, "applications", app["id"], "review", materials_complete=True, credit_result="clear",
                  credit_source="信用中国")  # the hand check says clear; the platform knows better
    assert refused.status_code == 422, refused.content
    assert refused.json()["code"] == "credit_barred" and refused.json()["field"] == "credit_result"
    assert until.isoformat() in refused.json()["message"] and "第四十九条" in refused.json()["message"]
    page = demo.client("ft_officer1").get(f"/programs/applications/{app['id']}/").content.decode()
    assert "列入严重违法失信名单" in page and "前不得申报政府资金项目和奖项" in page
    other = api.get(f"{API}/applications/{clean['id']}").json()["platform_credit"]
    assert other["listed"] is False and other["bars"] == [] and other["barred_until"] is None
    assert act(api, "applications", clean["id"], "review", materials_complete=True, credit_result="clear",
               credit_source="信用中国").json()["state"] == "verified"
    assert "未发现本平台记录" in demo.client("ft_officer1").get(
        f"/programs/applications/{clean['id']}/").content.decode()


def test_listed_nominee_is_flagged_on_the_key_enterprise_list(walker, demo):
    _listed(walker, demo)
    api = demo.api("ft_officer1")
    nominee = {"name": COMPANY["name"], "uscc": COMPANY["uscc"], "industry": "电子信息", "grounds": "高新技术企业"}
    entry = api.post(f"{API}/key-enterprises", nominee)
    assert entry.status_code == 201, entry.content
    assert api.get(f"{API}/key-enterprises/{entry.json()['id']}").json()["credit_listed"] is True
    page = demo.client("ft_officer1").get(f"/programs/key-enterprises/{entry.json()['id']}/").content.decode()
    assert 'data-testid="credit-listed"' in page
    clean = api.post(f"{API}/key-enterprises", {**nominee, "name": "深圳市守信科技有限公司",
                                                "uscc": application_body(42)["applicant_uscc"]}).json()
    assert api.get(f"{API}/key-enterprises/{clean['id']}").json()["credit_listed"] is False


def test_listed_without_a_funding_bar_is_still_refused():
    listed_only = {"listed": True, "bars": [], "barred_until": None, "citation": "x", "listed_citation": "F-08 条文"}
    facts = FundingFacts(state="accepted", track="approval", today=date(2026, 5, 1), platform_credit=listed_only)
    refusal = credit_bar(facts, {"credit_result": "clear"})
    assert refusal.code == "credit_listed" and refusal.field == "credit_result" and "F-08 条文" in refusal.message
    assert credit_bar(FundingFacts(state="accepted", track="approval", today=date(2026, 5, 1)),
                      {"credit_result": "clear"}) is None
