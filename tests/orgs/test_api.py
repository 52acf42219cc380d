"""The API: tokens, agencies and users, errors with stable codes, nothing saved on bad input."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ipenforce.core.models import AuditEvent
from ipenforce.orgs.models import Agency, ApiToken, User
from tests.conftest import CITY, FUTIAN, NANSHAN, ApiClient

pytestmark = pytest.mark.django_db


def _token(username="ft_officer1", password=None, demo=None):
    return ApiClient(None).post("/api/v1/auth/token", {"username": username, "password": password or demo.password})


def test_token_for_username_and_password(demo):
    response = _token(demo=demo)
    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith("ipe_") and body["prefix"] in body["token"]
    stored = ApiToken.objects.get(pk=body["id"])
    assert body["token"] not in (stored.digest, stored.prefix)  # only the digest is kept
    me = ApiClient(body["token"]).get("/api/v1/auth/me").json()
    assert me["username"] == "ft_officer1" and me["roles"] == ["case_officer"] and me["can_administer"] is False


def test_wrong_password_is_401_with_a_code(demo):
    response = _token(password="wrong-password", demo=demo)
    assert response.status_code == 401
    assert response.json() == {"code": "invalid_credentials", "message": "用户名或密码错误。", "field": "password"}


def test_repeated_failures_lock_the_account(demo, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _token(password="wrong-password", demo=demo)
    response = _token(demo=demo)  # even the right password is refused while locked
    assert response.status_code == 429 and response.json()["code"] == "account_locked"


def test_missing_expired_and_revoked_tokens(demo):
    assert ApiClient(None).get("/api/v1/agencies").json()["code"] == "not_authenticated"
    assert ApiClient("ipe_nope_nope").get("/api/v1/agencies").status_code == 401
    client = demo.api("ft_officer1")
    token = ApiToken.objects.filter(user__username="ft_officer1").latest("created_at")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/v1/agencies")
    assert response.status_code == 401 and response.json()["code"] == "token_expired"
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(days=1))
    assert client.get("/api/v1/agencies").status_code == 200
    assert client.delete(f"/api/v1/auth/tokens/{token.pk}").json()["revoked_at"]
    response = client.get("/api/v1/agencies")
    assert response.status_code == 401 and response.json()["code"] == "token_revoked"


def test_deactivated_user_token_stops_working(demo):
    client = demo.api("ns_officer1")
    admin = demo.api("sz_admin")
    user = demo.user("ns_officer1")
    assert admin.patch(f"/api/v1/users/{user.pk}", {"is_active": False}).json()["is_active"] is False
    assert client.get("/api/v1/agencies").json()["code"] == "user_inactive"


def test_malformed_json_is_400(demo):
    response = demo.api("sz_admin").post("/api/v1/agencies", raw="{not json")
    assert response.status_code == 400 and response.json()["code"] == "malformed_json"


def test_schema_errors_name_the_field_in_chinese(demo):
    response = demo.api("sz_admin").post("/api/v1/agencies", {"name": "x"})
    body = response.json()
    assert response.status_code == 422 and body["code"] == "validation_error"
    assert body["field"] in {"short_name", "kind", "level", "region_code"}
    assert "必填" in body["message"]


def _agency_payload(parent, **overrides):
    payload = {"parent_id": parent.pk, "name": "深圳市市场监督管理局福田监管局香蜜湖市场监管所",
               "short_name": "深福香蜜湖市监",
               "kind": "market_regulation", "level": "office", "region_code": "440304"}
    payload.update(overrides)
    return payload


def test_create_and_update_an_agency(demo):
    client = demo.api("ft_admin")
    futian = demo.agency(FUTIAN)
    response = client.post("/api/v1/agencies", _agency_payload(futian))
    assert response.status_code == 201, response.json()
    created = Agency.objects.get(pk=response.json()["id"])
    assert created.path.startswith(futian.path) and created.depth == 2
    assert AuditEvent.objects.filter(action="agency.create", target_id=str(created.pk)).exists()
    response = client.patch(f"/api/v1/agencies/{created.pk}", {"short_name": "深福香市监"})
    assert response.status_code == 200 and response.json()["short_name"] == "深福香市监"


@pytest.mark.parametrize("overrides, status, code, field", [
    ({"parent_id": 999999}, 422, "unknown_agency", "parent_id"),
    ({"region_code": "44030"}, 422, "invalid_region_code", "region_code"),
    ({"region_code": "440305"}, 422, "region_outside_parent", "region_code"),
    ({"level": "district"}, 422, "level_not_below_parent", "level"),
    ({"kind": "police"}, 422, "kind_mismatch", "kind"),
    ({"kind": "bakery"}, 422, "invalid_choice", "kind"),
    ({"name": "深圳市市场监督管理局南山监管局"}, 409, "duplicate_name", "name"),
    ({"short_name": "  "}, 422, "required", "short_name"),
])
def test_bad_agency_input_saves_nothing(demo, overrides, status, code, field):
    client = demo.api("ft_admin")
    agencies, events = Agency.objects.count(), AuditEvent.objects.count()
    response = client.post("/api/v1/agencies", _agency_payload(demo.agency(FUTIAN), **overrides))
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (status, code, field)
    assert response.json()["message"]
    assert (Agency.objects.count(), AuditEvent.objects.count()) == (agencies, events)


def test_district_admin_cannot_create_under_another_district(demo):
    payload = _agency_payload(demo.agency(NANSHAN), region_code="440305")
    response = demo.api("ft_admin").post("/api/v1/agencies", payload)
    assert response.status_code == 422 and response.json()["code"] == "unknown_agency"


def test_non_admin_cannot_create(demo):
    response = demo.api("ft_officer1").post("/api/v1/agencies", _agency_payload(demo.agency(FUTIAN)))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def _user_payload(agency, **overrides):
    payload = {"username": "ft_new", "password": "Xq7!long-enough-pw", "agency_id": agency.pk,
               "roles": ["case_officer"],
               "full_name": "新执法", "certificate_no": "44030020260001", "certificate_valid_from": "2026-01-01",
               "certificate_valid_to": "2031-12-31"}
    payload.update(overrides)
    return payload


def test_create_re_role_and_deactivate_a_user(demo):
    client = demo.api("ft_admin")
    response = client.post("/api/v1/users", _user_payload(demo.agency(FUTIAN)))
    assert response.status_code == 201, response.json()
    user_id = response.json()["id"]
    assert User.objects.get(pk=user_id).password.startswith("md5$")  # hashed (Argon2 outside the fast test hasher)
    response = client.patch(f"/api/v1/users/{user_id}", {"roles": ["case_officer", "unit_head"]})
    assert response.json()["roles"] == ["case_officer", "unit_head"]
    response = client.patch(f"/api/v1/users/{user_id}", {"is_active": False})
    assert response.json()["is_active"] is False
    assert AuditEvent.objects.filter(action="user.update", target_id=str(user_id)).count() == 2


@pytest.mark.parametrize("overrides, status, code, field", [
    ({"username": "FT_OFFICER1"}, 409, "duplicate_username", "username"),
    ({"username": "a b"}, 422, "invalid_username", "username"),
    ({"roles": ["police_liaison"]}, 422, "role_not_allowed", "roles"),
    ({"roles": []}, 422, "required", "roles"),
    ({"agency_id": 424242}, 422, "unknown_agency", "agency_id"),
    ({"password": "123"}, 422, "weak_password", "password"),
    ({"certificate_valid_to": "2020-01-01"}, 422, "invalid_range", "certificate_valid_to"),
    ({"certificate_valid_from": None}, 422, "required", "certificate_valid_from"),
    ({"certificate_valid_to": "not-a-date"}, 422, "validation_error", "certificate_valid_to"),
])
def test_bad_user_input_saves_nothing(demo, overrides, status, code, field):
    client = demo.api("ft_admin")
    users, events = User.objects.count(), AuditEvent.objects.count()
    response = client.post("/api/v1/users", _user_payload(demo.agency(FUTIAN), **overrides))
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (status, code, field)
    assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)


def test_role_must_fit_the_agency_kind_on_update(demo):
    user = demo.user("ft_officer1")
    response = demo.api("sz_admin").patch(f"/api/v1/users/{user.pk}", {"roles": ["court_liaison"]})
    assert response.status_code == 422 and response.json()["code"] == "role_not_allowed"
    assert demo.user("ft_officer1").role_set == {"case_officer"}


def test_admin_cannot_deactivate_self(demo):
    admin = demo.user("ft_admin")
    response = demo.api("ft_admin").patch(f"/api/v1/users/{admin.pk}", {"is_active": False})
    assert response.json()["code"] == "cannot_deactivate_self"


def test_lists_are_paginated(demo):
    body = demo.api("sz_supervisor").get("/api/v1/agencies", limit=5).json()
    assert body["count"] == Agency.objects.count() and len(body["items"]) == 5


def test_session_requests_need_csrf(demo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(demo.user("sz_admin"))
    assert client.get("/api/v1/agencies").status_code == 200
    response = client.post("/api/v1/agencies", "{}", content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "csrf_failed"


def test_city_agency_head_sees_own_tree(demo):
    names = {a["name"] for a in demo.api("sz_head").get("/api/v1/agencies", limit=100).json()["items"]}
    assert CITY in names and FUTIAN in names and "深圳市公安局" not in names
