"""The registries: key enterprises (直通车), alliances with the letter's figures, stations; scope, refusals and
.xlsx export."""
from datetime import date

import pytest

from ipenforce.programs.selectors import is_key_enterprise
from tests.programs.conftest import API, uscc

pytestmark = pytest.mark.django_db


def test_key_enterprise_listing_scope_and_checks(demo):
    api, head = demo.api("ft_officer1"), demo.api("ft_head")
    liaison = demo.user("ft_officer2")
    body = {"name": "深圳市直通车科技有限公司", "uscc": uscc(30), "industry": "互联网", "liaison_id": liaison.pk,
            "service_level": "一级", "grounds": "高新技术企业，海外纠纷多"}
    created = api.post(f"{API}/key-enterprises", body)
    assert created.status_code == 201, created.content
    entry = created.json()
    assert entry["liaison"] == liaison.display_name and entry["state"] == "nominated"
    assert not is_key_enterprise(uscc(30))  # nominated, not yet listed
    assert api.post(f"{API}/key-enterprises", body).json()["code"] == "duplicate"
    bad = api.post(f"{API}/key-enterprises", {**body, "uscc": "123"})
    assert bad.status_code == 422 and bad.json()["field"] == "uscc"
    other = api.post(f"{API}/key-enterprises", {**body, "uscc": uscc(31), "liaison_id": demo.user("ns_officer1").pk})
    assert other.status_code == 404  # a user out of reach
    assert "key_enterprise.review" in {i["kind"] for i in head.get("/api/v1/work-items").json()["items"]}
    by_clerk = api.post(f"{API}/key-enterprises/{entry['id']}/actions/approve_listing",
                        {"version": entry["version"], "valid_until": "2099-12-31"})
    assert by_clerk.status_code == 403
    past = head.post(f"{API}/key-enterprises/{entry['id']}/actions/approve_listing",
                     {"version": entry["version"], "valid_until": "2020-01-01"})
    assert past.status_code == 422 and past.json()["field"] == "valid_until"
    listed = head.post(f"{API}/key-enterprises/{entry['id']}/actions/approve_listing",
                       {"version": entry["version"], "valid_until": "2099-12-31"})
    assert listed.status_code == 200 and listed.json()["state"] == "listed"
    assert is_key_enterprise(uscc(30))
    assert [e["name"] for e in api.get(f"{API}/key-enterprises", state="listed").json()] == ["深圳市直通车科技有限公司"]
    assert demo.api("ns_officer1").get(f"{API}/key-enterprises").json() == []
    assert demo.api("ns_police").get(f"{API}/key-enterprises").json() == []
    assert demo.api("ft_legal").post(f"{API}/key-enterprises", {**body, "uscc": uscc(32)}).status_code == 403
    page = demo.client("ft_head").get(f"/programs/key-enterprises/{entry['id']}/")
    assert page.status_code == 200 and "移出名录" in page.content.decode()
    delisted = demo.client("ft_head").post(f"/programs/key-enterprises/{entry['id']}/actions/delist/",
                                           {"version": listed.json()["version"], "delist-reason": "不再符合标准"})
    assert delisted.status_code == 302 and not is_key_enterprise(uscc(30))


def test_alliance_figures_counted_from_the_registry(demo):
    api = demo.api("sz_head")
    for n in range(3):
        assert api.post(f"{API}/alliances", {"kind": "ip", "name": f"知识产权联盟{n}", "filed_on": "2018-03-01",
                                             "member_count": 10}).status_code == 201
    for n, published in enumerate((5, 7)):
        api.post(f"{API}/alliances", {"kind": "standards", "name": f"标准联盟{n}", "filed_on": "2018-05-01",
                                      "standards_published": published})
    api.post(f"{API}/alliances", {"kind": "standards", "name": "七月备案", "filed_on": "2018-07-15",
                                  "standards_published": 100})
    figures = api.get(f"{API}/alliances/figures", as_of="2018-06-30").json()
    assert figures == {"as_of": "2018-06-30", "ip": 3, "standards": 2, "published": 12}
    bad = api.post(f"{API}/alliances", {"kind": "other", "name": "x", "filed_on": "2018-01-01"})
    assert bad.status_code == 422 and bad.json()["field"] == "kind"
    assert demo.api("ft_officer1").get(f"{API}/alliances").json() == []  # the city's registry is above 福田


def test_stations_and_exports(demo):
    api = demo.api("ft_officer1")
    created = api.post(f"{API}/stations", {"kind": "workstation", "name": "工业设计行业协会工作站",
                                           "host": "工业设计行业协会", "year": 2018, "trainings": 3})
    assert created.status_code == 201
    assert api.post(f"{API}/stations", {"kind": "workstation", "name": "x", "host": "", "year": 2018}).status_code \
        == 422
    for path in ("key-enterprises.xlsx", "alliances.xlsx", "stations.xlsx", "applications.xlsx", "tasks.xlsx"):
        assert api.get(f"{API}/{path}").status_code == 200, path
    client = demo.client("ft_officer1")
    for url in ("/programs/key-enterprises/", "/programs/alliances/", "/programs/stations/",
                "/programs/stations/export.xlsx", "/programs/ledgers/"):
        assert client.get(url).status_code == 200, url
    posted = client.post("/programs/stations/", {"kind": "overseas", "name": "海外站", "host": "中小企业促进会",
                                                 "year": 2018, "trainings": 0, "guidance": 2, "aid_cases": 1})
    assert posted.status_code == 302
    assert date.today().year >= 2018


def test_rights_contacts_reach_down_the_tree(demo):
    city, futian = demo.api("sz_head"), demo.api("ft_officer1")
    created = city.post(f"{API}/rights-contacts", {
        "kind": "key_trademark", "right_holder": "深圳市驰名品牌有限公司", "mark_number": "1234567",
        "classes": "9", "products": "手机", "verification_contact": "张律师 0755-12345678"})
    assert created.status_code == 201, created.content
    bad = city.post(f"{API}/rights-contacts", {"kind": "key_trademark", "right_holder": "某公司",
                                               "mark_number": "ABC", "verification_contact": "x"})
    assert bad.status_code == 422 and bad.json()["field"] == "mark_number"
    missing = city.post(f"{API}/rights-contacts", {"kind": "right_holder", "right_holder": "某公司",
                                                   "verification_contact": " "})
    assert missing.status_code == 422 and missing.json()["field"] == "verification_contact"
    # a district's officers read the city's list (they call the right holder to identify goods); police do not
    found = futian.get(f"{API}/rights-contacts", q="手机").json()
    assert [c["right_holder"] for c in found] == ["深圳市驰名品牌有限公司"]
    assert futian.get(f"{API}/rights-contacts", q="1234567").json()[0]["mark_number"] == "1234567"
    assert futian.get(f"{API}/rights-contacts", q="电视").json() == []
    assert demo.api("ns_police").get(f"{API}/rights-contacts").json() == []
    futian.post(f"{API}/rights-contacts", {"kind": "right_holder", "right_holder": "福田权利人",
                                           "verification_contact": "李经理"})
    assert [c["right_holder"] for c in demo.api("ns_officer1").get(f"{API}/rights-contacts").json()] \
        == ["深圳市驰名品牌有限公司"]  # 南山 sees the city's, not 福田's
    page = demo.client("ft_officer1").get("/programs/rights-contacts/", {"q": "手机"})
    assert page.status_code == 200 and "深圳市驰名品牌有限公司" in page.content.decode()
    assert demo.client("ft_officer1").get("/programs/rights-contacts/export.xlsx").status_code == 200


def test_only_bureau_and_ip_office_staff_read_programs(demo):
    demo.api("sz_head").post(f"{API}/alliances", {"kind": "ip", "name": "范围联盟", "filed_on": "2018-03-01"})
    assert [a["name"] for a in demo.api("sz_head").get(f"{API}/alliances").json()] == ["范围联盟"]
    for outsider in ("sz_procurator", "sz_police", "sz_court"):
        assert demo.api(outsider).get(f"{API}/alliances").json() == [], outsider
        assert demo.client(outsider).get("/programs/alliances/").status_code == 403, outsider
