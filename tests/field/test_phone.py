"""The phone app's page, manifest and service worker, the officer's case list, and the CSP it needs."""
import json

import pytest

pytestmark = pytest.mark.django_db


def test_the_phone_app_is_an_installable_pwa_under_m(demo, case):
    client = demo.client("ft_officer1")
    page = client.get("/m/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'rel="manifest"' in body and "signature_pad.umd.min.js" in body and "移动执法办案" in body
    csp = page["Content-Security-Policy"]
    assert "img-src 'self' data: blob:" in csp and "worker-src 'self'" in csp and "unsafe-inline" not in csp.split(
        "style-src-attr")[0]
    manifest = json.loads(client.get("/m/manifest.webmanifest").content)
    assert manifest["start_url"] == "/m/" and manifest["scope"] == "/m/" and manifest["display"] == "standalone"
    worker = client.get("/m/sw.js")
    assert worker["Content-Type"].startswith("application/javascript")
    text = worker.content.decode()
    assert "__ASSETS__" not in text and "/static/js/field-phone.js" in text
    assert "移动执法" in client.get("/").content.decode()


def test_the_phone_lists_the_officers_open_cases_only(demo, case):
    mine = demo.api("ft_officer1").get("/api/v1/field/cases").json()
    assert [c["id"] for c in mine] == [case["id"]]
    assert [o["certificate_no"] for o in mine[0]["officers"]] == [demo.user("ft_officer1").certificate_no,
                                                                  demo.user("ft_officer2").certificate_no]
    assert demo.api("ns_officer1").get("/api/v1/field/cases").json() == []


def test_people_without_field_work_do_not_get_the_phone_app(demo):
    assert demo.client("ft_police").get("/m/").status_code == 403
    assert "移动执法" not in demo.client("ft_police").get("/").content.decode()
    assert demo.client("ft_officer1").get("/m/").status_code == 200


def test_a_lead_without_officers_offers_its_agencys_officers_on_the_phone(demo, walker):
    lead = walker.register("trademark")
    mine = demo.api("ft_officer1").get("/api/v1/field/cases").json()
    names = [o["name"] for o in mine[0]["officers"]] if mine and mine[0]["id"] == lead["id"] else []
    assert demo.user("ft_officer1").display_name in names and demo.user("ft_officer2").display_name in names
    assert all(o["certificate_no"] for o in mine[0]["officers"])
