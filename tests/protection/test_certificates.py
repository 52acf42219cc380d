"""Rights certificates filed once by a rights holder (the file stored under its hash) and reused: a complaint
names them, the takedown notice sent from it carries them to the platform, which may download the file."""
from django.core.files.uploadedfile import SimpleUploadedFile

from ipenforce.orgs.models import Agency
from ipenforce.protection.demo import PLATFORM
from ipenforce.protection.models import RightsCertificate
from tests.protection.conftest import COMPLETE
from tests.protection.helpers import ok, step

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CERTIFICATE = {"ip_type": "patent", "number": "ZL202120000001.X", "title": "一种便携式储能电源",
               "owner_name": "深圳市鹏城新能源科技有限公司", "valid_until": "2031-05-20"}


def _upload(api, content=PDF, **data):
    return api.client.post("/api/v1/rights-certificates", {**CERTIFICATE, **data,
                                                           "file": SimpleUploadedFile("证书.pdf", content)},
                           headers=api.headers)


def test_a_certificate_filed_once_is_reused_by_a_complaint_and_its_notice(outside):
    holder, centre = outside.api("rights_holder"), outside.api("centre_staff")
    filed = ok(_upload(holder), 201)
    assert filed["number"] == "ZL202120000001.X" and len(filed["sha256"]) == 64
    again = _upload(holder)
    assert again.status_code == 409 and again.json()["code"] == "duplicate"
    not_a_file = _upload(holder, content=b"plain text", number="ZL2")
    assert not_a_file.status_code == 422 and not_a_file.json()["field"] == "file"
    assert _upload(outside.api("centre_staff"), number="ZL3").status_code == 403
    other = ok(_upload(outside.api("other_holder")), 201)  # another holder's own copy
    refused = holder.post("/api/v1/complaints", {**COMPLETE, "right_text": "", "certificate_ids": [other["id"]]})
    assert refused.status_code == 422 and refused.json()["code"] == "certificate_not_found"

    complaint = ok(holder.post("/api/v1/complaints", {**COMPLETE, "right_text": "",
                                                      "certificate_ids": [filed["id"]]}), 201)
    assert complaint["right_text"] == "ZL202120000001.X（一种便携式储能电源）"
    assert [c["id"] for c in complaint["certificates"]] == [filed["id"]]
    ok(step(centre, "complaints", complaint["id"], "accept"))
    sent = ok(step(centre, "complaints", complaint["id"], "send_takedown",
                   platform_id=Agency.objects.get(name=PLATFORM).pk, listings="https://shop.example/1"))
    notice = ok(outside.api("platform_agent").get(f"/api/v1/takedown-notices/{sent['notice_ids'][0]}"))
    assert [c["number"] for c in notice["certificates"]] == ["ZL202120000001.X"]
    download = outside.client("platform_agent").get(notice["certificates"][0]["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content if download.streaming
                                                    else [download.content]) == PDF
    assert download["X-Document-SHA256"] == filed["sha256"]
    assert outside.api("platform_agent").get(f"/api/v1/rights-certificates/{filed['id']}/file").status_code == 200
    assert outside.api("other_platform").get(f"/api/v1/rights-certificates/{filed['id']}/file").status_code == 404
    assert {c["id"] for c in ok(outside.api("other_holder").get("/api/v1/rights-certificates"))} == {other["id"]}
    assert RightsCertificate.objects.get(pk=filed["id"]).notices.count() == 1


def test_a_rights_holder_files_a_certificate_and_names_it_on_the_complaint_page(outside):
    client = outside.client("rights_holder")
    assert client.post("/protection/certificates/", {**CERTIFICATE, "file": SimpleUploadedFile(
        "证书.pdf", PDF)}).status_code == 302
    certificate = RightsCertificate.objects.get()
    page = client.get("/protection/certificates/").content.decode()
    assert "一种便携式储能电源" in page and f"/protection/certificates/{certificate.pk}/file/" in page
    form = client.get("/protection/complaints/new/").content.decode()
    assert "一种便携式储能电源" in form
    posted = client.post("/protection/complaints/new/", {**COMPLETE, "certificate_ids": [certificate.pk]})
    assert posted.status_code == 302 and certificate.complaints.count() == 1
    assert outside.client("centre_staff").post("/protection/certificates/", {**CERTIFICATE}).status_code == 403
