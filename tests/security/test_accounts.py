"""Accounts: a token alone cannot take over an account, password changes and resets end every other credential,
deactivation ends tokens for good, 等保 password rules, lock-out per account and address with growing locks,
the TOTP second factor and the per-agency switch for local passwords — all audited."""
import json
from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from ipenforce.core.models import AuditEvent
from ipenforce.orgs.models import ApiToken, LoginThrottle, User
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Futian-New-Pass-77"


def _token(username, password, address="10.0.0.1", **extra):
    client = Client(REMOTE_ADDR=address)
    return client.post("/api/v1/auth/token", json.dumps({"username": username, "password": password, **extra}),
                       content_type="application/json")


def _password(client: ApiClient, user: User, password=NEW_PASSWORD, **extra):
    return client.post(f"/api/v1/users/{user.pk}/password", {"password": password, **extra})


# -- a token alone cannot take over the account --------------------------------------------------------------

def test_own_password_change_needs_the_current_password(demo):
    officer = demo.user("ft_officer1")
    client = demo.api("ft_officer1")
    response = _password(client, officer)
    assert response.status_code == 422 and response.json()["code"] == "wrong_current_password"
    assert response.json()["field"] == "current_password"
    assert _password(client, officer, current_password="wrong-one").json()["code"] == "wrong_current_password"
    assert User.objects.get(pk=officer.pk).check_password(demo.password)
    assert _password(client, officer, current_password=demo.password).status_code == 204
    assert User.objects.get(pk=officer.pk).check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="user.change_password", target_id=str(officer.pk)).exists()


def test_password_change_revokes_every_token_and_other_session(demo):
    officer = demo.user("ft_officer1")
    first, second = demo.api("ft_officer1"), demo.api("ft_officer1")
    web_here, web_elsewhere = demo.client("ft_officer1"), demo.client("ft_officer1")
    assert web_elsewhere.get("/profile/").status_code == 200
    response = web_here.post("/accounts/password/", {"old_password": demo.password, "new_password1": NEW_PASSWORD,
                                                     "new_password2": NEW_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert web_here.get("/profile/").status_code == 200  # this session stays
    assert web_elsewhere.get("/profile/").status_code == 302  # the other one is signed out
    for client in (first, second):
        assert client.get("/api/v1/auth/me").json()["code"] == "token_revoked"
    assert not ApiToken.objects.filter(user=officer, revoked_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="user.change_password", target_id=str(officer.pk))
    assert event.after == {"tokens_revoked": 2}


def test_administrator_reset_is_audited_and_revokes_tokens_and_sessions(demo):
    officer = demo.user("ft_officer2")
    token_client, web = demo.api("ft_officer2"), demo.client("ft_officer2")
    admin = demo.api("sz_admin")
    assert _password(admin, officer).status_code == 204
    assert token_client.get("/api/v1/auth/me").json()["code"] == "token_revoked"
    assert web.get("/profile/").status_code == 302
    event = AuditEvent.objects.get(action="user.reset_password", target_id=str(officer.pk))
    assert event.actor.username == "sz_admin" and event.after["tokens_revoked"] == 1


def test_deactivation_revokes_tokens_for_good(demo):
    officer = demo.user("ns_officer1")
    token_client, web = demo.api("ns_officer1"), demo.client("ns_officer1")
    admin = demo.api("sz_admin")
    assert admin.patch(f"/api/v1/users/{officer.pk}", {"is_active": False}).status_code == 200
    assert admin.patch(f"/api/v1/users/{officer.pk}", {"is_active": True}).json()["is_active"] is True
    assert token_client.get("/api/v1/auth/me").json()["code"] == "token_revoked"
    assert web.get("/profile/").status_code == 302
    event = AuditEvent.objects.filter(action="user.update", target_id=str(officer.pk)).order_by("seq").first()
    assert event.after["tokens_revoked"] == 1 and event.after["is_active"] is False


# -- password rules -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("password", ["shenzhen2026", "a" * 30, "ft_officer1-Pass-2026", "Short-1a"])
def test_weak_passwords_are_refused(demo, password):
    officer = demo.user("ft_officer1")
    response = _password(demo.api("sz_admin"), officer, password=password)
    assert response.status_code == 422 and response.json()["code"] == "weak_password", password
    assert response.json()["field"] == "password"


def test_recent_passwords_cannot_be_reused(demo):
    officer = demo.user("ft_officer1")
    admin = demo.api("sz_admin")
    assert _password(admin, officer).status_code == 204
    assert _password(admin, officer, password="Another-Pass-2026!").status_code == 204
    response = _password(admin, officer, password=NEW_PASSWORD)
    assert response.status_code == 422 and "最近" in response.json()["message"]
    response = _password(admin, officer, password=demo.password)  # the first one, from the demo seed
    assert response.status_code == 422


def test_expired_password_must_be_changed(demo, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    User.objects.filter(username="ft_officer1").update(password_changed_at=timezone.now() - timedelta(days=91))
    web = demo.client("ft_officer1")
    response = web.get("/cases/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    assert web.get("/accounts/password/").status_code == 200
    response = _token("ft_officer1", demo.password)
    assert response.status_code == 401 and response.json()["code"] == "password_expired"


# -- lock-out -------------------------------------------------------------------------------------------------

def test_lock_is_per_account_and_address_so_others_still_sign_in(demo, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert _token("sz_admin", "wrong", address="10.6.6.6").status_code == 401
    assert _token("sz_admin", "wrong", address="10.6.6.6").status_code == 429  # this failure starts the lock
    locked = _token("sz_admin", demo.password, address="10.6.6.6")
    assert locked.status_code == 429 and locked.json()["code"] == "account_locked"
    assert _token("sz_admin", demo.password, address="10.1.1.1").status_code == 201  # the real admin elsewhere
    assert AuditEvent.objects.filter(action="login.locked").count() == 1


def test_tries_during_a_lock_do_not_extend_it_and_locks_grow(demo, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            _token("ft_officer1", "wrong")
        first = LoginThrottle.objects.get(scope=LoginThrottle.PAIR).locked_until
        assert first == start + settings.LOGIN_LOCKOUT
        traveller.shift(timedelta(minutes=10))
        for _ in range(10):
            assert _token("ft_officer1", "wrong").status_code == 429
        assert LoginThrottle.objects.get(scope=LoginThrottle.PAIR).locked_until == first  # not restarted
        traveller.shift(settings.LOGIN_LOCKOUT)
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            _token("ft_officer1", "wrong")
        second = LoginThrottle.objects.get(scope=LoginThrottle.PAIR)
        assert second.lockouts == 2
        assert second.locked_until - timezone.now() == 2 * settings.LOGIN_LOCKOUT  # twice as long


def test_one_address_guessing_many_accounts_is_throttled(demo, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for index in range(6):
        _token(f"nobody{index}", "wrong", address="10.9.9.9")
    response = _token("ft_officer1", demo.password, address="10.9.9.9")
    assert response.status_code == 429
    assert _token("ft_officer1", demo.password, address="10.9.9.10").status_code == 201


def test_administrator_unlocks_a_user_and_an_address(demo, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _token("ft_officer1", "wrong")
    assert _token("ft_officer1", demo.password).status_code == 429
    officer = demo.user("ft_officer1")
    assert demo.api("ft_officer2").post(f"/api/v1/users/{officer.pk}/unlock").status_code == 403
    response = demo.api("sz_admin").post(f"/api/v1/users/{officer.pk}/unlock")
    assert response.status_code == 200 and response.json()["released"] >= 1
    assert _token("ft_officer1", demo.password).status_code == 201
    assert AuditEvent.objects.filter(action="login.unlock", actor__username="sz_admin").exists()
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    _token("x1", "wrong", address="10.2.2.2"), _token("x2", "wrong", address="10.2.2.2")
    assert _token("ft_officer1", demo.password, address="10.2.2.2").status_code == 429
    response = demo.api("sz_admin").post("/api/v1/login-locks/release", {"address": "10.2.2.2"})
    assert response.json()["released"] >= 1
    assert _token("ft_officer1", demo.password, address="10.2.2.2").status_code == 201


def test_web_login_shows_the_lock(demo, settings):
    client = Client(REMOTE_ADDR="10.3.3.3")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "ft_officer1", "password": "nope"})
    response = client.post("/accounts/login/", {"username": "ft_officer1", "password": demo.password})
    assert response.status_code == 429 and "锁定至" in response.content.decode()


# -- TOTP and single sign-on only ------------------------------------------------------------------------------

def _enrol(client: ApiClient) -> pyotp.TOTP:
    secret = client.post("/api/v1/auth/totp").json()["secret"]
    totp = pyotp.TOTP(secret)
    assert client.post("/api/v1/auth/totp/confirm", {"code": totp.now()}).status_code == 204
    return totp


def test_totp_is_asked_for_once_enrolled_and_codes_are_not_replayed(demo):
    totp = _enrol(demo.api("ft_officer1"))
    assert AuditEvent.objects.filter(action="user.totp_enable").exists()
    response = _token("ft_officer1", demo.password)
    assert response.status_code == 401 and response.json()["code"] == "otp_required"
    assert _token("ft_officer1", demo.password, otp="000000").json()["code"] == "invalid_otp"
    with time_machine.travel(timezone.now() + timedelta(seconds=60), tick=False):
        code = totp.now()
        assert _token("ft_officer1", demo.password, otp=code).status_code == 201
        assert _token("ft_officer1", demo.password, otp=code).json()["code"] == "invalid_otp"  # used once


def test_totp_failures_count_towards_the_lock(demo, settings):
    _enrol(demo.api("ft_officer1"))
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _token("ft_officer1", demo.password, otp="000000")
    assert _token("ft_officer1", demo.password).status_code == 429


def test_role_policy_requires_totp_enrolment(demo):
    admin = demo.api("admin")
    assert demo.api("ft_admin").put("/api/v1/security/role-policies/case_officer",
                                    {"require_totp": True}).status_code == 403
    response = admin.put("/api/v1/security/role-policies/case_officer", {"require_totp": True})
    assert response.status_code == 200 and response.json() == {"role": "case_officer", "require_totp": True}
    assert AuditEvent.objects.filter(action="security.role_policy").exists()
    response = _token("ft_officer1", demo.password)
    assert response.status_code == 401 and response.json()["code"] == "otp_enrollment_required"
    web = Client()
    assert web.post("/accounts/login/", {"username": "ft_officer1", "password": demo.password}).status_code == 302
    assert web.get("/cases/")["Location"] == "/accounts/totp/"
    web.post("/accounts/totp/", {"start": "1"})
    secret = User.objects.get(username="ft_officer1").totp_device.secret
    assert web.post("/accounts/totp/", {"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert web.get("/cases/").status_code == 200


def test_local_passwords_switched_off_for_an_agency(demo):
    demo.agency("深圳市市场监督管理局福田监管局").__class__.objects.filter(
        name="深圳市市场监督管理局福田监管局").update(password_login=False)
    response = _token("ft_officer1", demo.password)
    assert response.status_code == 401 and response.json()["code"] == "password_login_disabled"
    assert _token("ns_officer1", demo.password).status_code == 201


def test_administrator_unlocks_from_the_user_page(demo, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _token("ft_officer1", "wrong")
    officer = demo.user("ft_officer1")
    response = demo.client("sz_admin").post(f"/users/{officer.pk}/security/", {"op": "unlock"})
    assert response.status_code == 302
    assert _token("ft_officer1", demo.password).status_code == 201
    assert demo.client("ft_officer2").post(f"/users/{officer.pk}/security/", {"op": "unlock"}).status_code == 404
