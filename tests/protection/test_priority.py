"""直通车 (G-01: no rule text): a complaint from an enterprise on the key-enterprise list goes first and gets the
centre's shorter acceptance target (a target, not law); the public notices page is rate limited."""
from datetime import date

from django.test import Client

from ipenforce.protection.models import CentreSettings, Complaint
from ipenforce.protection.priority import complainant_uscc, is_priority
from ipenforce.protection.selectors import complaint_list
from ipenforce.protection.services import complaint_register
from tests.programs.conftest import API, uscc
from tests.protection.conftest import COMPLETE
from tests.protection.helpers import ok


def _list_key_enterprise(demo, code: str) -> None:
    entry = ok(demo.api("ft_officer1").post(f"{API}/key-enterprises", {
        "name": "深圳市直通车新能源有限公司", "uscc": code, "industry": "新能源",
        "liaison_id": demo.user("ft_officer2").pk, "service_level": "一级", "grounds": "重点企业"}), 201)
    ok(demo.api("ft_head").post(f"{API}/key-enterprises/{entry['id']}/actions/approve_listing",
                                {"version": entry["version"], "valid_until": "2099-12-31"}))


def test_a_key_enterprise_complaint_goes_first_with_the_shorter_target(outside):
    code = uscc(41)
    assert complainant_uscc(f"统一社会信用代码：{code.lower()}。") == code and complainant_uscc("无") == ""
    assert not is_priority(f"统一社会信用代码 {code}")  # not listed yet
    holder = outside.api("rights_holder")
    ordinary = ok(holder.post("/api/v1/complaints", COMPLETE), 201)
    _list_key_enterprise(outside, code)
    staff = outside.user("centre_staff")
    CentreSettings.objects.create(centre=staff.agency, acceptance_working_days=5, priority_working_days=2)
    first = complaint_register(actor=staff, data={**COMPLETE, "complainant_name": "直通车企业",
                                                  "identity": f"统一社会信用代码 {code}"},
                               received_on=date(2026, 9, 29))
    assert first.key_enterprise
    # 2 working days from 09-29: 09-30, then the National Day holiday, 10-08.
    assert first.deadlines.get(rule="protection.complaint_acceptance").due_on == date(2026, 10, 8)
    later = complaint_register(actor=staff, data={**COMPLETE, "complainant_name": "一般企业"},
                               received_on=date(2026, 9, 29))
    assert not later.key_enterprise
    assert later.deadlines.get(rule="protection.complaint_acceptance").due_on == date(2026, 10, 12)
    assert [c.pk for c in complaint_list(staff)][0] == first.pk  # first in the queue, though not the newest
    listed = ok(outside.api("centre_staff").get("/api/v1/complaints"))["items"]
    assert listed[0]["id"] == first.pk and listed[0]["key_enterprise"] is True
    assert Complaint.objects.get(pk=ordinary["id"]).key_enterprise is False


def test_the_priority_target_may_not_exceed_the_ordinary_one(outside):
    from ipenforce.orgs.models import RoleGrant

    staff = outside.user("centre_staff")
    RoleGrant.objects.create(user=staff, role="agency_head")
    client = outside.client("centre_staff")
    bad = client.post("/protection/targets/", {"acceptance_working_days": 3, "priority_working_days": 4})
    assert bad.status_code == 200 and "重点企业（直通车）的目标" in bad.content.decode()
    assert client.post("/protection/targets/", {"acceptance_working_days": 3,
                                                "priority_working_days": 1}).status_code == 302
    assert CentreSettings.objects.get(centre=staff.agency).priority_working_days == 1


def test_the_public_notices_page_is_rate_limited(outside, settings):
    settings.PUBLIC_RATE_LIMIT = 3
    client = Client()
    assert [client.get("/public/takedown-notices/").status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = client.get("/public/takedown-notices/")
    assert limited["Retry-After"] == "60" and "访问过于频繁" in limited.content.decode()
    assert Client(REMOTE_ADDR="10.0.0.9").get("/public/takedown-notices/").status_code == 200
