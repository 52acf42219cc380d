"""Headers and exposure: CSP without inline script, HSTS over TLS, no-store on private answers, docs for
signed-in users only, `check --deploy` clean with production settings."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def test_csp_allows_no_inline_script(demo):
    response = demo.client("ft_officer1").get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and "unsafe" not in directives["script-src"]
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["style-src-elem"]


def test_templates_hold_no_inline_script():
    """Inline <script> blocks and on…= handlers would be refused by the CSP: they live in static/js instead."""
    offenders = []
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("ipenforce/*/templates/**/*.html")]:
        text = path.read_text(encoding="utf-8")
        inline = re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text)
        if inline or re.search(r"\son[a-z]+=\"", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_hsts_over_tls_only(demo):
    client = demo.client("ft_officer1")
    assert "Strict-Transport-Security" not in client.get("/accounts/login/")
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith(f"max-age={settings.SECURE_HSTS_SECONDS}")


def test_private_answers_are_not_stored(demo):
    page = demo.client("ft_officer1").get("/cases/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    api = demo.api("ft_officer1").get("/api/v1/auth/me")
    assert api.status_code == 200 and "no-store" in api["Cache-Control"]
    assert "no-store" not in Client().get("/static/js/app.js").get("Cache-Control", "")


def test_api_docs_for_signed_in_users_only(demo):
    anonymous = Client()
    assert anonymous.get("/api/v1/docs").status_code == 302
    response = anonymous.get("/api/v1/openapi.json")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    assert demo.client("ft_officer1").get("/api/v1/docs").status_code == 200
    assert demo.api("ft_officer1").get("/api/v1/openapi.json").json()["info"]["title"] == "ipenforce API"
    assert ApiClient("ipe_bad_token").get("/api/v1/openapi.json").status_code == 401


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {**os.environ, "IPENFORCE_SECRET_KEY": "k9$Qv!2mZp#7wLx@4rTb^8nYc&1sJd*6hGf%3uEa(5oKi)0-Wq8+Zr3=Lm5",
           "IPENFORCE_AUDIT_KEY": "audit-key-outside-the-database-0123456789abcdef",
           "IPENFORCE_BEHIND_TLS_PROXY": "1", "IPENFORCE_ALLOWED_HOSTS": "ipenforce.example.gov.cn",
           "IPENFORCE_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("IPENFORCE_DEBUG", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
