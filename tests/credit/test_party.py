"""The party's record across the city: a repeat trademark infringer found across two districts (TML art 60, the
fine rule's aggravation reused) while neither district sees the other's case; supervisors see city-wide counts."""
import pytest

from tests.cases.conftest import CaseWalker
from tests.credit.conftest import COMPANY, decided, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def south_decision(demo):
    """A 南山 penalty decision on the same company, walked by 南山's own staff (its legal review is the city's)."""
    walker = CaseWalker(demo)
    walker.register("trademark", party=COMPANY, username="ns_officer1")
    walker.act("ns_unithead", "assign_officers", officers=[demo.user(n).pk for n in ("ns_officer1", "ns_officer2")])
    walker.act("ns_officer1", "triage", procedure="ordinary", reason="罚款须按违法经营额计算")
    walker.act("ns_officer1", "file", comment="拟立案")
    walker.approve_chain("ns_unithead", "ns_head")
    walker.act("ns_officer1", "submit_report", findings="事实清楚", proposed_fine="30000")
    walker.refresh("sz_legal")
    walker.act("sz_legal", "review_pass", opinion="同意")
    walker.refresh("ns_officer1")
    walker.act("ns_officer1", "serve_notice", served_on=str(today()))
    walker.act("ns_officer1", "end_statement", waived=True)
    walker.act("ns_officer1", "decide", outcome="penalty", fine="30000", reason="")
    walker.approve_chain("ns_unithead", "ns_head")
    walker.refresh("ns_officer1")
    walker.act("ns_officer1", "serve_decision", served_on=str(today()), method="direct")
    return walker.case


def test_repeat_infringer_across_two_districts(walker, demo, south_decision):
    ft_case = decided(walker)
    ns_case = south_decision
    ft = demo.api("ft_officer1").get(f"/api/v1/credit/parties/{COMPANY['uscc']}").json()
    assert [c["id"] for c in ft["cases"]] == [ft_case["id"]]  # only 福田's own case in detail
    numbers = {d["number"] for d in ft["decisions_citywide"]}
    assert numbers == {ft_case["number"], ns_case["number"]}
    flag = next(f for f in ft["repeat"] if f["rule"] == "tml_art60")
    assert {d["number"] for d in flag["decisions"]} == numbers
    assert all(d["case_id"] in (None, ft_case["id"]) for d in flag["decisions"])  # no link into 南山's case
    assert ft["city_counts"] is None
    ns = demo.api("ns_officer1").get(f"/api/v1/credit/parties/{COMPANY['uscc']}").json()
    assert [c["id"] for c in ns["cases"]] == [ns_case["id"]]
    assert demo.api("ns_officer1").get(f"/api/v1/cases/{ft_case['id']}").status_code == 404
    city = demo.api("sz_supervisor").get(f"/api/v1/credit/parties/{COMPANY['uscc']}").json()
    assert city["city_counts"]["cases"] == 2 and city["city_counts"]["agencies"] == 2
    page = demo.client("ft_officer1").get("/credit/parties/", {"identifier": COMPANY["uscc"]}).content.decode()
    assert "重复侵权" in page and ns_case["number"] in page and f"/cases/{ns_case['id']}/" not in page


def test_one_decision_is_no_repeat(walker, demo):
    decided(walker)
    body = demo.api("ft_officer1").get(f"/api/v1/credit/parties/{COMPANY['uscc']}").json()
    assert body["repeat"] == [] and body["listed"] is False


def test_a_bad_identifier_is_refused(demo):
    response = demo.api("ft_officer1").get("/api/v1/credit/parties/12345")
    assert response.status_code == 422 and response.json()["code"] == "invalid_identifier"
    page = demo.client("ft_officer1").get("/credit/parties/", {"identifier": "12345"})
    assert page.status_code == 422 and "有效的统一社会信用代码" in page.content.decode()
    assert demo.client("ft_police").get("/credit/parties/").status_code == 404


def test_complaints_and_takedown_notices_against_the_party_within_scope(walker, demo):
    from ipenforce.orgs.models import Agency
    from ipenforce.protection.demo import PLATFORM
    from tests.conftest import FUTIAN
    from tests.protection.conftest import COMPLETE, make_outside
    from tests.protection.helpers import ok, step

    make_outside(demo)
    walker.register("trademark", party=COMPANY)  # the party's name comes from its case
    holder, centre = demo.api("rights_holder"), demo.api("centre_staff")
    referred = ok(holder.post("/api/v1/complaints", {**COMPLETE, "accused_name": COMPANY["name"]}), 201)
    ok(step(centre, "complaints", referred["id"], "accept"))
    ok(step(centre, "complaints", referred["id"], "refer_to_bureau", bureau_id=Agency.objects.get(name=FUTIAN).pk))
    shop = ok(holder.post("/api/v1/complaints", {**COMPLETE, "accused_name": "某充电宝网店"}), 201)
    ok(step(centre, "complaints", shop["id"], "accept"))
    notice = ok(step(centre, "complaints", shop["id"], "send_takedown", seller=COMPANY["name"],
                     platform_id=Agency.objects.get(name=PLATFORM).pk, listings="https://shop.example/item/1"))
    ok(holder.post("/api/v1/complaints", {**COMPLETE, "accused_name": "无关网店"}), 201)  # another party's

    def seen(username):
        body = demo.api(username).get(f"/api/v1/credit/parties/{COMPANY['uscc']}").json()
        return {c["id"] for c in body["complaints"]}, {n["id"] for n in body["notices"]}

    # the centre: both complaints (one names the party as the seller in its notice) and the notice
    assert seen("centre_staff") == ({referred["id"], shop["id"]}, set(notice["notice_ids"]))
    # the city bureau: what was referred to a bureau under it, and the notices of its jurisdiction
    assert seen("sz_head") == ({referred["id"]}, set(notice["notice_ids"]))
    ft_complaints, _ = seen("ft_officer1")
    assert ft_complaints == {referred["id"]}  # referred to 福田; the centre's own takedown complaint is not 福田's
    assert seen("ns_officer1") == (set(), set())  # 南山 sees neither
    page = demo.client("sz_head").get("/credit/parties/", {"identifier": COMPANY["uscc"]}).content.decode()
    assert f"/protection/complaints/{referred['id']}/" in page
    assert f"/protection/notices/{notice['notice_ids'][0]}/" in page and "已送达平台" in page
