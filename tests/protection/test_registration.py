"""Self-registration of outside organisations: a rights holder or a platform applies on the public page or the
public API (rate limited); the centre's staff check the identity on their desk and approve (the organisation and
its active account are created, audited) or refuse with a reason; no login before approval."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ipenforce.core.identifiers import uscc_check_char
from ipenforce.core.models import AuditEvent
from ipenforce.core.workitems import open_work_kinds
from ipenforce.orgs.choices import AgencyKind, Role
from ipenforce.orgs.models import Agency, User
from ipenforce.protection.models import Registration
from tests.protection.helpers import ok

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BASE = "91440300MA5F00001"
USCC = BASE + uscc_check_char(BASE)
OTHER_BASE = "91440300MA5F00002"
OTHER_USCC = OTHER_BASE + uscc_check_char(OTHER_BASE)
APPLICATION = {"organisation_name": "深圳市新申请科技有限公司", "kind": "rights_holder", "uscc": USCC,
               "contact_name": "王申请", "phone": "0755-12345678", "email": "ip@example.cn",
               "username": "new_holder", "password": "Str0ng-Passw0rd-2026"}


def _apply(client=None, content=PDF, **data):
    client = client or Client()
    return client.post("/api/v1/public/registrations",
                       {**APPLICATION, **data, "file": SimpleUploadedFile("执照.pdf", content)})


def _token():
    return Client().post("/api/v1/auth/token", {"username": "new_holder", "password": APPLICATION["password"]},
                         content_type="application/json")


def _act(api, pk, action, **data):
    version = Registration.objects.get(pk=pk).version
    return api.post(f"/api/v1/registrations/{pk}/actions/{action}", {"version": version, **data})


def test_an_application_waits_for_the_centre_then_the_account_logs_in(outside):
    received = ok(_apply(), 201)
    assert received["state"] == "pending"
    registration = Registration.objects.get(pk=received["id"])
    assert registration.password_hash != APPLICATION["password"] and len(registration.sha256) == 64
    assert not User.objects.filter(username="new_holder").exists()
    assert _token().status_code == 401
    assert "registration.check" in open_work_kinds(registration)

    centre = outside.api("centre_staff")
    listed = ok(centre.get("/api/v1/registrations", awaiting_me=True))
    assert [r["id"] for r in listed["items"]] == [registration.pk] and listed["items"][0]["available_actions"] == [
        "approve", "refuse"]
    assert outside.api("rights_holder").get("/api/v1/registrations").status_code == 403
    assert outside.api("rights_holder").post(f"/api/v1/registrations/{registration.pk}/actions/approve",
                                          {"version": registration.version}).status_code in (403, 404)
    approved = ok(_act(centre, registration.pk, "approve"))
    assert approved["state"] == "approved"
    agency = Agency.objects.get(pk=approved["agency_id"])
    assert agency.kind == AgencyKind.RIGHTS_HOLDER and agency.parent is None and agency.is_active
    user = User.objects.get(username="new_holder")
    assert user.agency == agency and user.has_role(Role.RIGHTS_HOLDER_AGENT) and user.is_active
    assert _token().status_code == 201
    assert AuditEvent.objects.filter(action="user.create", target_id=str(user.pk)).exists()
    assert "registration.check" not in open_work_kinds(registration)
    again = _act(centre, registration.pk, "approve")  # no second approval
    assert again.status_code in (409, 422, 403) and User.objects.filter(agency=agency).count() == 1


def test_a_refusal_names_its_reason_and_creates_nothing(outside):
    received = ok(_apply(kind="ecommerce_platform", username="new_platform"), 201)
    centre = outside.api("centre_staff")
    missing = _act(centre, received["id"], "refuse")
    assert missing.status_code == 422 and missing.json()["field"] == "reason"
    refused = ok(_act(centre, received["id"], "refuse", reason="营业执照与单位名称不符"))
    assert refused["state"] == "refused" and refused["reason"] == "营业执照与单位名称不符"
    assert not User.objects.filter(username="new_platform").exists()
    assert not Agency.objects.filter(name=APPLICATION["organisation_name"]).exists()
    # a refused application does not block a corrected one
    ok(_apply(kind="ecommerce_platform", username="new_platform"), 201)


@pytest.mark.parametrize(("data", "content", "field", "code"), [
    ({"uscc": "91440300MA5F0000"}, PDF, "uscc", "invalid_uscc"),
    ({"uscc": BASE + "0" if uscc_check_char(BASE) != "0" else BASE + "1"}, PDF, "uscc", "invalid_uscc"),
    ({"password": "123"}, PDF, "password", "weak_password"),
    ({"username": "bad name!"}, PDF, "username", "invalid_username"),
    ({"kind": "police"}, PDF, "kind", "invalid_choice"),
    ({"email": "not-an-email"}, PDF, "email", "invalid"),
    ({}, b"plain text", "file", "invalid_file"),
])
def test_invalid_applications_are_refused_naming_the_field(outside, data, content, field, code):
    refused = _apply(content=content, **data)
    assert refused.status_code == 422, refused.content
    assert (refused.json()["field"], refused.json()["code"]) == (field, code)
    assert not Registration.objects.exists()


def test_a_duplicate_uscc_or_username_is_refused(outside):
    ok(_apply(), 201)
    again = _apply(username="someone_else", organisation_name="另一家公司")
    assert again.status_code == 409 and again.json()["field"] == "uscc"
    assert "统一社会信用代码" in again.json()["message"]
    taken = _apply(uscc=OTHER_USCC, organisation_name="另一家公司", username="rights_holder")
    assert taken.status_code == 409 and taken.json()["field"] == "username"
    pending = _apply(uscc=OTHER_USCC, organisation_name="另一家公司", username="NEW_HOLDER")
    assert pending.status_code == 409 and pending.json()["code"] == "duplicate_username"


def test_the_public_page_and_the_centre_desk(outside, settings):
    settings.PUBLIC_RATE_LIMIT = 100
    anonymous = Client()
    assert 'href="/public/register/"' in anonymous.get("/accounts/login/").content.decode()
    assert anonymous.get("/public/register/").status_code == 200
    form = {**APPLICATION, "password_again": APPLICATION["password"], "file": SimpleUploadedFile("执照.pdf", PDF)}
    bad = anonymous.post("/public/register/", {**form, "uscc": "123",
                                               "file": SimpleUploadedFile("执照.pdf", PDF)})
    assert bad.status_code == 422 and "统一社会信用代码应为18位" in bad.content.decode()
    done = anonymous.post("/public/register/", form)
    assert done.status_code == 200 and "保护中心核验身份后开通账号" in done.content.decode()
    registration = Registration.objects.get()

    staff = outside.client("centre_staff")
    listing = staff.get("/protection/registrations/").content.decode()
    assert APPLICATION["organisation_name"] in listing and "单位注册审核" in listing  # the menu entry
    assert "单位注册审核" not in outside.client("rights_holder").get("/protection/").content.decode()
    page = staff.get(f"/protection/registrations/{registration.pk}/")
    assert page.status_code == 200 and USCC in page.content.decode()
    download = staff.get(f"/protection/registrations/{registration.pk}/file/")
    assert download.status_code == 200 and download["X-Document-SHA256"] == registration.sha256
    posted = staff.post(f"/protection/registrations/{registration.pk}/actions/approve/",
                        {"version": registration.version})
    assert posted.status_code == 302
    assert Registration.objects.get().state == "approved"
    assert outside.client("rights_holder").get("/protection/registrations/").status_code == 403
    assert outside.client("rights_holder").get(f"/protection/registrations/{registration.pk}/").status_code == 404


def test_the_public_page_and_api_are_rate_limited(outside, settings):
    settings.PUBLIC_RATE_LIMIT = 2
    client = Client(REMOTE_ADDR="10.9.9.8")
    assert client.get("/public/register/").status_code == 200
    assert client.get("/public/register/").status_code == 200
    assert client.get("/public/register/").status_code == 429
    api = Client(REMOTE_ADDR="10.9.9.9")
    codes = [_apply(api, username=f"user_{i}", uscc="1").status_code for i in range(3)]
    assert codes == [422, 422, 429]
    assert _apply(api).json()["code"] == "rate_limited"


def test_the_demo_leaves_an_application_on_the_centre_desk(outside):
    from ipenforce.protection.demo import seed_demo_protection

    seed_demo_protection()
    pending = ok(outside.api("centre_staff").get("/api/v1/registrations", awaiting_me=True))
    assert [r["username"] for r in pending["items"]] == ["qianhai_ip"]
