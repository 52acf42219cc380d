"""Single sign-on against an OpenID Connect provider the test runs on 127.0.0.1: a login maps to one existing
user by username or 执法证号, never creates anyone and never changes roles; local passwords can be switched off."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.test import Client

from ipenforce.core.models import AuditEvent
from ipenforce.orgs.models import Agency, User

pytestmark = pytest.mark.django_db
CLIENT_ID, SECRET = "ipenforce-test", "provider-shared-secret-for-hs256-0123456789"


class Provider:
    """A minimal OIDC provider: the test plays the user's consent by handing a code to `issue`."""

    def __init__(self):
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):  # noqa: N802 - the token endpoint
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                grant = provider.codes.pop(form.get("code", [""])[0], None)
                if grant is None or form.get("client_secret", [""])[0] != SECRET:
                    return self._json(400, {"error": "invalid_grant"})
                now = int(time.time())
                claims = {"iss": provider.url, "aud": CLIENT_ID, "sub": grant["claims"]["sub"],
                          "nonce": grant["nonce"], "iat": now, "exp": now + 300}
                id_token = jwt.encode(claims, SECRET, algorithm="HS256")
                access = f"at-{now}-{len(provider.tokens)}"
                provider.tokens[access] = grant["claims"]
                return self._json(200, {"access_token": access, "id_token": id_token, "token_type": "Bearer"})

            def do_GET(self):  # noqa: N802 - the userinfo endpoint
                claims = provider.tokens.get(self.headers.get("Authorization", "")[7:])
                return self._json(200, claims) if claims else self._json(401, {"error": "invalid_token"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def issue(self, nonce: str, **claims) -> str:
        code = f"code-{len(self.codes)}-{time.time()}"
        self.codes[code] = {"nonce": nonce, "claims": {"sub": "sub-1", **claims}}
        return code

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings):
    running = Provider()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{running.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{running.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{running.url}/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "ipenforce.orgs.oidc.IpenforceOIDCBackend"]
    yield running
    running.stop()


def _sign_in(provider: Provider, **claims) -> Client:
    client = Client()
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == [CLIENT_ID] and "code_challenge" in query  # PKCE
    code = provider.issue(query["nonce"][0], **claims)
    client.callback = client.get("/oidc/callback/", {"code": code, "state": query["state"][0]})
    return client


def test_login_page_offers_single_sign_on(demo, provider):
    assert "oidc-login" in Client().get("/accounts/login/").content.decode()


def test_sign_in_maps_to_the_existing_user_by_username(demo, provider):
    client = _sign_in(provider, preferred_username="ft_officer1", roles=["sysadmin"], groups=["admins"])
    assert client.callback.status_code == 302 and "sso=failed" not in client.callback["Location"]
    me = client.get("/api/v1/auth/me").json()
    assert me["username"] == "ft_officer1" and me["roles"] == ["case_officer"]  # claims grant nothing
    assert AuditEvent.objects.filter(action="login.oidc", actor__username="ft_officer1").exists()


def test_sign_in_by_certificate_number(demo, provider, settings):
    settings.OIDC_MATCH, settings.OIDC_CLAIM = "certificate_no", "certificate_no"
    officer = demo.user("ft_officer2")
    assert officer.certificate_no
    client = _sign_in(provider, certificate_no=officer.certificate_no)
    assert client.get("/api/v1/auth/me").json()["username"] == "ft_officer2"


def test_unknown_or_inactive_identity_creates_nobody(demo, provider):
    users = User.objects.count()
    client = _sign_in(provider, preferred_username="stranger")
    assert "sso=failed" in client.callback["Location"]
    assert client.get("/api/v1/auth/me").status_code == 401
    User.objects.filter(username="ft_officer1").update(is_active=False)
    client = _sign_in(provider, preferred_username="ft_officer1")
    assert "sso=failed" in client.callback["Location"] and User.objects.count() == users


def test_sign_on_only_agency_refuses_passwords_but_not_sso(demo, provider):
    Agency.objects.filter(name="深圳市市场监督管理局福田监管局").update(password_login=False)
    refused = Client().post("/accounts/login/", {"username": "ft_officer1", "password": demo.password})
    assert refused.status_code == 200 and "统一身份认证" in refused.content.decode()
    client = _sign_in(provider, preferred_username="ft_officer1")
    assert client.get("/api/v1/auth/me").json()["username"] == "ft_officer1"


def test_single_sign_on_is_off_unless_configured(demo):
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert "oidc-login" not in Client().get("/accounts/login/").content.decode()


def test_administrator_switches_local_passwords_off_audited(demo):
    agency = Agency.objects.get(name="深圳市市场监督管理局福田监管局")
    response = demo.api("sz_admin").patch(f"/api/v1/agencies/{agency.pk}", {"password_login": False})
    assert response.status_code == 200 and response.json()["password_login"] is False
    event = AuditEvent.objects.filter(action="agency.update", target_id=str(agency.pk)).latest("seq")
    assert event.before["password_login"] is True and event.after["password_login"] is False
