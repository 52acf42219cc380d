"""Scope: a rights holder sees only its own complaints and notices, a platform only the notices addressed to it;
outside organisations see no cases and no other desks."""
from ipenforce.protection.demo import seed_demo_protection
from ipenforce.protection.models import Complaint, TakedownNotice


def test_each_outside_organisation_sees_only_its_own(outside):
    seed_demo_protection()
    own = set(Complaint.objects.filter(complainant__name="深圳市鹏城新能源科技有限公司").values_list("pk", flat=True))
    assert own
    holder = outside.api("rights_holder").get("/api/v1/complaints").json()
    assert {c["id"] for c in holder["items"]} == own
    assert outside.api("other_holder").get("/api/v1/complaints").json()["count"] == 0
    some = min(own)
    assert outside.api("other_holder").get(f"/api/v1/complaints/{some}").status_code == 404
    assert outside.client("other_holder").get(f"/protection/complaints/{some}/").status_code == 404

    notices = set(TakedownNotice.objects.values_list("pk", flat=True))
    assert {n["id"] for n in outside.api("platform_agent").get("/api/v1/platform/notices").json()["items"]} == notices
    assert outside.api("other_platform").get("/api/v1/platform/notices").json()["count"] == 0
    assert outside.api("other_platform").get("/api/v1/complaints").json()["count"] == 0
    assert outside.api("rights_holder").get("/api/v1/platform/notices").status_code == 403

    for username in ("rights_holder", "platform_agent"):
        assert outside.api(username).get("/api/v1/cases").json()["count"] == 0
        page = outside.client(username).get("/protection/").content.decode()
        assert "快速维权" in page and "/cases/" not in page and "/transfers/" not in page


def test_the_desks(outside):
    seed_demo_protection()
    for username, marker in (("centre_staff", "complaint-new"), ("rights_holder", "complaint-new"),
                             ("platform_agent", "notice-table")):
        page = outside.client(username).get("/protection/")
        assert page.status_code == 200 and marker in page.content.decode()
    platform_desk = outside.client("platform_agent").get("/protection/").content.decode()
    assert "complaint-new" not in platform_desk
    assert outside.client("ft_police").get("/protection/").status_code == 403
    assert outside.client("platform_agent").get("/protection/complaints/new/").status_code == 403
    home = outside.client("platform_agent").get("/").content.decode()
    assert "待采取必要措施" in home  # the platform's work reaches its 我的待办
