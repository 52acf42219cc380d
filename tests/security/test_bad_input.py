"""Bad input is a 4xx in the JSON error shape naming the field, never a 5xx: huge offsets, NUL characters,
explicit nulls, unexpected failures."""
import pytest

from ipenforce.orgs.models import User
from tests.cases.conftest import CaseWalker
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/agencies", "/api/v1/users", "/api/v1/cases", "/api/v1/work-items", "/api/v1/transfers"]


@pytest.mark.parametrize("path", LISTS)
def test_offset_beyond_64_bits_is_refused_naming_offset(demo, path):
    response = demo.api("sz_admin").get(path, offset="9223372036854775808")
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "offset"


@pytest.mark.parametrize("path", LISTS)
def test_large_offset_within_bounds_is_an_empty_page(demo, path):
    response = demo.api("sz_admin").get(path, offset="1000000000")
    assert response.status_code == 200 and response.json()["items"] == []


def test_nul_in_query_string_is_refused(demo):
    response = demo.api("sz_admin").get("/api/v1/cases", q="a\x00b")
    assert response.status_code == 422
    assert response.json() == {"code": "nul_character", "message": "不能包含空字符（NUL）。", "field": "q"}


def test_nul_in_query_string_of_a_page_is_a_400(demo):
    response = demo.client("sz_admin").get("/cases/", {"q": "a\x00b"})
    assert response.status_code == 400


def test_nul_in_json_string_is_refused_naming_the_field(demo):
    admin = demo.api("sz_admin")
    user = demo.user("ft_officer2")
    response = admin.patch(f"/api/v1/users/{user.pk}", {"full_name": "张\x00三"})
    assert response.status_code == 422
    assert response.json()["code"] == "nul_character" and response.json()["field"] == "full_name"
    response = admin.post("/api/v1/cases", {"parties": [{"name": "x\x00"}]})
    assert response.status_code == 422 and response.json()["field"] == "parties.0.name"
    assert User.objects.get(pk=user.pk).full_name != "张\x00三"


@pytest.mark.parametrize("field", ["is_active", "full_name", "roles", "agency_id"])
def test_explicit_null_in_user_patch_is_a_validation_error(demo, field):
    user = demo.user("ft_officer2")
    response = demo.api("sz_admin").patch(f"/api/v1/users/{user.pk}", {field: None})
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "validation_error" and response.json()["field"] == field
    assert User.objects.get(pk=user.pk).is_active


def test_explicit_null_in_agency_patch_is_a_validation_error(demo):
    agency = demo.agency("深圳市市场监督管理局福田监管局")
    response = demo.api("sz_admin").patch(f"/api/v1/agencies/{agency.pk}", {"is_active": None})
    assert response.status_code == 422 and response.json()["field"] == "is_active"


@pytest.mark.parametrize("field", ["title", "is_major", "discovered_on", "campaign_ids"])
def test_explicit_null_in_case_patch_is_a_validation_error(demo, field):
    walker = CaseWalker(demo)
    case = walker.register()
    response = walker.api("ft_officer1").patch(f"/api/v1/cases/{case['id']}", {"version": case["version"], field: None})
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field


def test_unexpected_failure_is_json_not_html(demo, monkeypatch):
    from ipenforce.orgs import api as orgs_api

    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setattr(orgs_api.selectors, "user_tokens", broken)
    response = demo.api("sz_admin").get("/api/v1/auth/tokens")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "server_error" and "boom" not in response.content.decode()


def test_unknown_api_path_is_json_404(demo):
    response = ApiClient(None).get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_due_date_endpoint_is_reachable_and_errors_are_json(demo):
    api = demo.api("ft_officer1")
    response = api.post("/api/v1/rules/due", {"rule": "no-such-rule", "start": "2026-01-05"})
    assert response.status_code in (404, 422) and response.json()["code"]
    response = api.client.put("/api/v1/rules", "{}", content_type="application/json", headers=api.headers)
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"


def test_a_forged_version_on_a_page_form_is_a_conflict_not_an_error(demo, walker):
    """Every page form posts the version it was made from; a forged one is refused like a stale one."""
    case = walker.register()
    walker.act("ft_unithead", "assign_officers", officers=[demo.user("ft_officer1").pk, demo.user("ft_officer2").pk])
    client = demo.client("ft_officer1")
    for action, data in (("triage", {"procedure": "ordinary", "reason": "罚款须按违法经营额计算"}),
                         ("approve", {"comment": "同意"})):
        response = client.post(f"/cases/{case['id']}/actions/{action}/", {"version": "abc", **data})
        assert response.status_code < 500, action
    assert walker.refresh()["procedure"] in ("", None)  # nothing was done
