"""Evidence: upload with content-type detection, deduplication, every rejection, custody, tamper detection, scope."""
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ipenforce.evidence.models import CustodyEvent, EvidenceItem, StoredFile

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case(walker):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    return walker.case


def _form(demo, **extra):
    return {"kind": "physical", "description": "现场查获耳机200副", "source": "当事人仓库", "place": "华强北路1号",
            "collected_at": (timezone.now() - timedelta(hours=2)).isoformat(),
            "collector_ids": [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk], **extra}


def _upload(demo, case, files, username="ft_officer1", **extra):
    api = demo.api(username)
    return api.client.post(f"/api/v1/cases/{case['id']}/evidence", {**_form(demo, **extra), "files": files},
                           headers=api.headers)


def test_upload_detects_type_hashes_and_stores_the_same_bytes_once(demo, case):
    response = _upload(demo, case, [SimpleUploadedFile("现场照片.png", PNG), SimpleUploadedFile("清单.pdf", PDF)])
    assert response.status_code == 201, response.json()
    files = response.json()["files"]
    assert [(f["name"], f["content_type"], f["size"]) for f in files] == [
        ("现场照片.png", "image/png", len(PNG)), ("清单.pdf", "application/pdf", len(PDF))]
    again = _upload(demo, case, [SimpleUploadedFile("copy-named-differently.png", PNG)])
    assert again.json()["files"][0]["sha256"] == files[0]["sha256"]
    assert StoredFile.objects.count() == 2
    custody = response.json()["custody"]
    assert [c["kind"] for c in custody] == ["collected"]
    listing = demo.api("ft_officer1").get(f"/api/v1/cases/{case['id']}/evidence").json()
    assert len(listing) == 2
    from io import BytesIO

    from openpyxl import load_workbook

    export = demo.client("ft_officer1").get(f"/cases/{case['id']}/evidence/export.xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [r[7] for r in rows[1:]] == [files[0]["sha256"], files[1]["sha256"], files[0]["sha256"]]
    assert rows[1][5:7] == ("image/png", len(PNG))
    download = demo.client("ft_officer1").get(files[1]["download"])
    assert b"".join(download.streaming_content) == PDF and download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("upload,code", [
    (SimpleUploadedFile("photo.jpg", EXE), "file_type_not_allowed"),
    (SimpleUploadedFile("notes.txt", b"plain text cannot be identified"), "file_type_not_allowed"),
    (SimpleUploadedFile("empty.png", b""), "empty_file"),
])
def test_rejections_name_the_problem_and_save_nothing(demo, case, upload, code):
    response = _upload(demo, case, [SimpleUploadedFile("ok.pdf", PDF), upload])
    assert response.status_code == 422 and response.json()["code"] == code and response.json()["field"] == "files"
    assert not EvidenceItem.objects.exists()


def test_path_names_are_cut_by_the_upload_parser_and_refused_by_safe_name(demo, case):
    from ipenforce.core.errors import ValidationFailed
    from ipenforce.evidence.files import safe_name

    response = _upload(demo, case, [SimpleUploadedFile("../../etc/passwd.png", PNG)])
    assert response.json()["files"][0]["name"] == "passwd.png"  # Django's multipart parser keeps the base name
    for name in ("../../etc/passwd.png", "..\\boot.png", "a/b.png", ".."):
        with pytest.raises(ValidationFailed) as refused:
            safe_name(name)
        assert refused.value.code == "unsafe_file_name"


def test_too_large_file_is_refused(demo, case, settings):
    settings.EVIDENCE_MAX_BYTES = 50
    response = _upload(demo, case, [SimpleUploadedFile("big.png", PNG)])
    assert response.json()["code"] == "file_too_large"


def test_electronic_data_needs_its_capture_and_two_collectors(demo, case):
    response = _upload(demo, case, [SimpleUploadedFile("page.png", PNG)], kind="electronic")
    assert response.json()["code"] == "electronic_capture_required"
    response = _upload(demo, case, [SimpleUploadedFile("page.png", PNG)], kind="electronic",
                       captured_url="https://shop.example.cn/item/1", captured_at=timezone.now().isoformat())
    assert response.status_code == 201 and response.json()["captured_url"] == "https://shop.example.cn/item/1"
    one = _upload(demo, case, [], collector_ids=[demo.user("ft_officer1").pk, demo.user("ns_officer1").pk])
    assert one.json()["code"] == "collectors_required"


def test_custody_is_ordered_and_append_only(demo, case):
    item = _upload(demo, case, [SimpleUploadedFile("p.png", PNG)]).json()
    api = demo.api("ft_officer1")
    path = f"/api/v1/cases/{case['id']}/evidence/{item['id']}/custody"
    now = timezone.now()
    assert api.post(path, {"kind": "sealed", "at": (now - timedelta(hours=1)).isoformat(),
                           "place": "局证物室"}).status_code == 201
    early = api.post(path, {"kind": "testing", "at": (now - timedelta(hours=3)).isoformat(), "place": "检测所"})
    assert early.json()["code"] == "custody_out_of_order"
    assert api.post(path, {"kind": "testing", "at": now.isoformat(), "place": "检测所",
                           "note": "送鉴定"}).status_code == 201
    with pytest.raises(TypeError):
        CustodyEvent.objects.all().update(place="x")
    with pytest.raises(TypeError):
        CustodyEvent.objects.first().delete()


def test_verify_evidence_detects_tampering_and_the_page_shows_it(demo, case, capsys):
    item = _upload(demo, case, [SimpleUploadedFile("p.png", PNG)]).json()
    call_command("verify_evidence")
    assert "1 evidence files checked" in capsys.readouterr().out
    stored = StoredFile.objects.get()
    with default_storage.open(stored.storage_name, "wb") as handle:
        handle.write(PNG + b"tampered")
    with pytest.raises(CommandError, match="1 evidence file"):
        call_command("verify_evidence")
    assert stored.sha256 in capsys.readouterr().err
    page = demo.client("ft_officer1").get(f"/cases/{case['id']}/evidence/").content.decode()
    assert "被改动或缺失" in page and item["files"][0]["sha256"] in page


def test_another_district_cannot_see_or_download(demo, case):
    item = _upload(demo, case, [SimpleUploadedFile("p.png", PNG)]).json()
    nanshan = demo.api("ns_officer1")
    assert nanshan.get(f"/api/v1/cases/{case['id']}/evidence").status_code == 404
    assert demo.client("ns_officer1").get(item["files"][0]["download"]).status_code == 404
    assert _upload(demo, case, [], username="ns_officer1").status_code == 404


def test_evidence_page_registers_an_item(demo, case):
    client = demo.client("ft_officer1")
    data = _form(demo, files=[SimpleUploadedFile("现场.png", PNG)])
    data["collected_at"] = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/cases/{case['id']}/evidence/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    page = client.get(response["Location"]).content.decode()
    assert "现场.png" in page and "收集提取" in page


def test_what_an_item_proves_is_set_on_register_changed_through_the_service_and_audited(demo, case):
    from ipenforce.core.models import AuditEvent

    item = _upload(demo, case, [SimpleUploadedFile("p.png", PNG)], proves="证明当事人销售侵权耳机").json()
    assert item["proves"] == "证明当事人销售侵权耳机"
    api = demo.api("ft_officer1")
    url = f"/api/v1/cases/{case['id']}/evidence/{item['id']}"
    response = api.patch(url, {"proves": "证明当事人库存侵权耳机200副"})
    assert response.status_code == 200 and response.json()["proves"] == "证明当事人库存侵权耳机200副"
    event = AuditEvent.objects.filter(action="evidence.proves").get()
    assert event.before == {"proves": "证明当事人销售侵权耳机"}
    assert event.after == {"proves": "证明当事人库存侵权耳机200副"}
    assert api.patch(url, {"proves": "长" * 1001}).status_code == 422
    assert demo.api("ft_legal").patch(url, {"proves": "x"}).status_code == 403
    client = demo.client("ft_officer1")
    response = client.post(f"/cases/{case['id']}/evidence/{item['id']}/proves/", {"proves": "证明侵权耳机的来源"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "证明侵权耳机的来源" in page and "证明对象已保存" in page
    assert EvidenceItem.objects.get(pk=item["id"]).proves == "证明侵权耳机的来源"
