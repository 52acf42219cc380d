"""The serious-violation list: proposed with the penalty, notified with the penalty notice, decided with the
decision (the district bureau's head, then the city bureau's), published within its clock, removed early only
after a year with the three conditions, ended at three years; the no-intent exclusion."""
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.core import rules
from ipenforce.credit.models import Listing
from ipenforce.credit.workflow import LISTING, ListingFacts, early_removal_allowed, no_intent_excludes
from tests.credit.conftest import act, today

pytestmark = pytest.mark.django_db
PROPOSAL = {"ground": "intentional_ip", "heavier_penalty": "fine_heavier",
            "seriousness": "故意侵权，持续两年，货值较大"}


def _at(day: date):
    return time_machine.travel(timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
                               + timedelta(hours=10), tick=False)


def _propose(walker, demo) -> int:
    walker.register("trademark")
    walker.to_investigation()
    party = Case.objects.get(pk=walker.case["id"]).parties.get().pk
    response = demo.api("ft_officer1").post(f"/api/v1/credit/cases/{walker.case['id']}/listings",
                                            {"party_id": party, **PROPOSAL})
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "proposed"
    return response.json()["id"]


def _listed(walker, demo) -> int:
    listing = _propose(walker, demo)
    api = demo.api("ft_officer1")
    act(api, "listings", listing, "notify", expect=422, served_on=str(today()))  # no penalty notice yet
    walker.to_decision(proposed_fine="200000")
    body = act(api, "listings", listing, "notify", served_on=str(today()))
    statement = next(d for d in body["deadlines"] if d["rule"] == "credit.listing_statement")
    assert statement["status"] == "running" and statement["due_on"] == str(
        rules.due_for("credit.listing_statement", today())[0].due)
    act(api, "listings", listing, "end_statement", statement="当事人放弃陈述申辩")
    act(api, "listings", listing, "decide", expect=422, listed_on=str(today()))  # no penalty decided yet
    walker.to_execution("200000")
    body = act(api, "listings", listing, "decide", listed_on=str(today()))
    assert body["approval"]["awaiting"] == "agency_head"
    act(demo.api("ft_head"), "listings", listing, "approve", comment="同意")
    body = act(demo.api("ns_head"), "listings", listing, "approve", expect=404, comment="同意")
    body = act(demo.api("sz_head"), "listings", listing, "approve", comment="同意")
    assert body["state"] == "listed"
    return listing


def test_listing_through_its_clocks(walker, demo):
    listing_id = _listed(walker, demo)
    listing = Listing.objects.get(pk=listing_id)
    assert listing.listed_on == today()
    assert listing.ends_on == rules.due_for("credit.listing_period", today())[0].due
    assert listing.ends_on.year == today().year + 3
    body = demo.api("ft_officer1").get(f"/api/v1/credit/listings/{listing_id}").json()
    publicity = next(d for d in body["deadlines"] if d["rule"] == "credit.listing_publicity")
    assert publicity["verified"] is False  # D-07 ⚠: shown as unverified
    page = demo.client("ft_officer1").get(f"/credit/listings/{listing_id}/").content.decode()
    assert "数值未核实" in page and "已列入" in page
    body = act(demo.api("ft_officer1"), "listings", listing_id, "publish", published_on=str(today()))
    assert next(d for d in body["deadlines"] if d["rule"] == "credit.listing_publicity")["status"] == "met"
    # The party is flagged on its record.
    record = demo.api("ft_officer1").get(f"/api/v1/credit/parties/{listing.party_identifier}").json()
    assert record["listed"] is True


def test_early_removal_after_a_year_on_known_dates(walker, demo):
    listing_id = _listed(walker, demo)
    listing = Listing.objects.get(pk=listing_id)
    conditions = {"fulfilled": True, "harm_removed": True, "no_heavier_penalty": True}
    earliest = rules.due_for("credit.listing_early_removal", listing.listed_on)[0].due
    with _at(earliest - timedelta(days=1)):
        refused = demo.api("ft_officer1").post(f"/api/v1/credit/listings/{listing_id}/actions/remove_early", {
            "version": listing.version, "removed_on": str(earliest - timedelta(days=1)), **conditions})
        assert refused.status_code == 422 and refused.json()["code"] == "listed_less_than_a_year"
    with _at(earliest):
        refused = demo.api("ft_officer1").post(f"/api/v1/credit/listings/{listing_id}/actions/remove_early", {
            "version": listing.version, "removed_on": str(earliest), "fulfilled": True})
        assert refused.json()["code"] == "removal_conditions_unmet"
        act(demo.api("ft_officer1"), "listings", listing_id, "remove_early", removed_on=str(earliest), **conditions)
        body = act(demo.api("ft_head"), "listings", listing_id, "approve", comment="同意")
        assert body["state"] == "removed" and body["removed_on"] == str(earliest)


def test_expiry_only_at_the_end(walker, demo):
    listing_id = _listed(walker, demo)
    listing = Listing.objects.get(pk=listing_id)
    refused = demo.api("ft_officer1").post(f"/api/v1/credit/listings/{listing_id}/actions/expire",
                                           {"version": listing.version})
    assert refused.json()["code"] == "listing_period_running"
    with _at(listing.ends_on):
        assert act(demo.api("ft_officer1"), "listings", listing_id, "expire")["state"] == "removed"


def test_guards_without_a_database():
    facts = ListingFacts(state="listed", today=date(2027, 1, 1), listed_on=date(2026, 1, 5),
                         earliest_removal=date(2027, 1, 5))
    assert early_removal_allowed(facts, {"removed_on": date(2027, 1, 4), "fulfilled": True, "harm_removed": True,
                                         "no_heavier_penalty": True}).code == "listed_less_than_a_year"
    assert early_removal_allowed(facts, {"removed_on": date(2027, 1, 5), "fulfilled": True, "harm_removed": True,
                                         "no_heavier_penalty": True}) is None
    assert no_intent_excludes(facts, {"no_intent_evidence": True}).code == "no_intent"
    assert set(LISTING.actions["decide"].approval) != set(LISTING.actions["decide_top"].approval)


def test_no_intent_blocks_the_listing(walker, demo):
    listing = _propose(walker, demo)
    api = demo.api("ft_officer1")
    walker.to_decision(proposed_fine="200000")
    act(api, "listings", listing, "notify", served_on=str(today()))
    act(api, "listings", listing, "end_statement", statement="当事人提交了无主观故意的证据")
    walker.to_execution("200000")
    refused = act(api, "listings", listing, "decide", expect=422, listed_on=str(today()), no_intent_evidence=True)
    assert refused["code"] == "no_intent"
    act(api, "listings", listing, "not_list", reason="当事人有证据足以证明没有主观故意")
    assert act(demo.api("ft_head"), "listings", listing, "approve", comment="同意")["state"] == "not_listed"


def test_proposal_refused_outside_the_case_and_the_penalty(walker, demo):
    walker.register("trademark")
    walker.to_investigation()
    party = Case.objects.get(pk=walker.case["id"]).parties.get().pk
    url = f"/api/v1/credit/cases/{walker.case['id']}/listings"
    assert demo.api("ns_officer1").post(url, {"party_id": party, **PROPOSAL}).status_code == 404
    assert demo.api("ft_legal").post(url, {"party_id": party, **PROPOSAL}).status_code == 403
    bad = demo.api("ft_officer1").post(url, {"party_id": party, **PROPOSAL, "ground": "nonsense"})
    assert bad.status_code == 422 and bad.json()["field"] == "ground"
    bad = demo.api("ft_officer1").post(url, {"party_id": 10 ** 9, **PROPOSAL})
    assert bad.status_code == 422 and bad.json()["code"] == "unknown_party"


def test_funding_bar_for_three_years_after_an_intentional_infringement_listing(walker, demo):
    from ipenforce.credit.selectors import funding_bar

    listing = Listing.objects.get(pk=_listed(walker, demo))
    assert funding_bar(listing.party_identifier, listing.listed_on)[0]["kind"] == "listing"
    until = rules.due_for("credit.funding_bar", listing.listed_on)[0].due
    assert funding_bar(listing.party_identifier, until) and not funding_bar(listing.party_identifier,
                                                                              until + timedelta(days=1))
    assert funding_bar("91440300708461136T" if listing.party_identifier != "91440300708461136T"
                       else "91110000802100433B", listing.listed_on) == []


def test_case_page_links_its_listing_and_offers_the_proposal(walker, demo):
    walker.register("trademark")
    walker.to_investigation()
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
    assert "提出列入严重违法失信名单" in page
    assert "propose-listing" not in demo.client("ft_legal").get(f"/cases/{walker.case['id']}/").content.decode()
    form = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/listings/new/")
    assert form.status_code == 200
    party = Case.objects.get(pk=walker.case["id"]).parties.get().pk
    bad = demo.client("ft_officer1").post(f"/cases/{walker.case['id']}/listings/new/", {"party_id": party})
    assert bad.status_code == 422 and "列入事由" in bad.content.decode()
    done = demo.client("ft_officer1").post(f"/cases/{walker.case['id']}/listings/new/", {"party_id": party,
                                                                                        **PROPOSAL})
    listing = Listing.objects.get(case_id=walker.case["id"])
    assert done.status_code == 302 and done["Location"] == f"/credit/listings/{listing.pk}/"
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
    assert f"/credit/listings/{listing.pk}/" in page
    # The step forms on the listing page run the engine.
    walker.to_decision(proposed_fine="200000")
    response = demo.client("ft_officer1").post(f"/credit/listings/{listing.pk}/actions/notify/", {
        "version": listing.version, "notify-served_on": str(today())})
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.state == "notified"
    stale = demo.client("ft_officer1").post(f"/credit/listings/{listing.pk}/actions/end_statement/", {
        "version": "abc", "end_statement-statement": "放弃"})
    assert stale.status_code == 409


def test_a_new_lead_on_a_listed_party_is_flagged_to_its_officers(walker, demo):
    listing = Listing.objects.get(pk=_listed(walker, demo))
    first = walker.case["id"]
    items = demo.api("ft_officer1").get("/api/v1/work-items").json()["items"]
    assert not any(i["kind"] == "credit.listed_party" for i in items)  # not on the listing's own case
    walker.register("trademark")  # the same company again
    assert Case.objects.get(pk=walker.case["id"]).parties.get().identifier == listing.party_identifier
    items = demo.api("ft_officer1").get("/api/v1/work-items").json()["items"]
    flagged = [i for i in items if i["kind"] == "credit.listed_party"]
    assert [i["target_id"] for i in flagged] == [str(walker.case["id"])] and str(first) != flagged[0]["target_id"]
