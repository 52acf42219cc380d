"""Short videos from the phone's camera (hashed, stamped, size-limited with a clear error) and the stamp drawn
on the copy of a photo shown to people, the original kept unchanged."""
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ipenforce.evidence.models import EvidenceItem
from ipenforce.field.models import FieldPhoto
from tests.field.conftest import key
from tests.field.test_photos import jpeg

pytestmark = pytest.mark.django_db
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free" + bytes(range(256)) * 4


def _post(demo, case, name, data, **fields):
    api = demo.api("ft_officer1")
    return api.client.post(f"/api/v1/field/cases/{case['id']}/photos", {
        "file": SimpleUploadedFile(name, data), "captured_at": "2026-01-05T09:30:00+08:00", "latitude": "22.54321",
        "longitude": "114.05786", "accuracy_m": "12", **fields}, headers=api.headers)


def _png(width=400, height=300) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 160, 220)).save(out, "PNG")
    return out.getvalue()


def test_a_short_video_is_hashed_stamped_and_becomes_evidence(demo, case):
    response = _post(demo, case, "现场.mp4", MP4, client_key=key(), device_sha256=hashlib.sha256(MP4).hexdigest())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["media"] == "video" and body["display"] == "" and body["sha256"] == hashlib.sha256(MP4).hexdigest()
    assert body["stamp"][0].startswith("拍摄时间：2026-01-05 09:30:00")
    assert "22.543210, 114.057860 ±12m" in body["stamp"][1]
    assert demo.user("ft_officer1").display_name in body["stamp"][2]
    item = EvidenceItem.objects.get(pk=body["evidence_item"])
    assert item.description.startswith("现场视频（") and item.custody.get().kind == "collected"
    page = demo.client("ft_officer1").get(f"/cases/{case['id']}/records/").content.decode()
    assert 'data-testid="video"' in page
    assert demo.api("ft_officer1").get(f"/api/v1/field/photos/{body['id']}/display").status_code == 404
    changed = _post(demo, case, "现场.mp4", MP4 + b"x", device_sha256=hashlib.sha256(MP4).hexdigest())
    assert changed.status_code == 422 and changed.json()["code"] == "hash_mismatch"


def test_a_webm_video_as_android_phones_record_it_is_taken(demo, case):
    webm = (bytes.fromhex("1a45dfa3") + bytes.fromhex("9f4286810142f7810142f2810442f381084282") + b"\x84webm"
            + bytes.fromhex("42878102428581021853806701") + bytes(64))
    response = _post(demo, case, "现场.webm", webm, client_key=key(), device_sha256=hashlib.sha256(webm).hexdigest())
    assert response.status_code == 201, response.json()
    assert response.json()["media"] == "video"


def test_too_long_a_video_or_not_a_photo_is_refused_clearly_and_nothing_is_kept(demo, case, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    big = MP4 + bytes(1024 * 1024)
    response = _post(demo, case, "长视频.mp4", big)
    assert response.status_code == 422 and response.json()["code"] == "file_too_large"
    assert response.json()["message"].startswith("视频过大（1.0 MB），上限为 1 MB")
    assert response.json()["field"] == "file"
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    response = _post(demo, case, "a.pdf", pdf)
    assert response.status_code == 422 and response.json()["code"] == "not_photo_or_video"
    assert not FieldPhoto.objects.exists() and not EvidenceItem.objects.exists()


def test_the_stamp_is_drawn_on_the_copy_shown_and_the_original_is_unchanged(demo, case):
    original = _png()
    body = _post(demo, case, "现场.png", original).json()
    assert body["media"] == "photo" and body["display"] == f"/field/photos/{body['id']}/display/"
    client = demo.client("ft_officer1")
    shown = client.get(body["display"])
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(shown.content)).convert("RGB")
    assert image.size == (400, 300)
    top, bottom = image.getpixel((200, 10)), image.getpixel((5, 295))
    assert abs(top[2] - 220) < 12 and bottom[2] < 150  # the picture above, the dark stamp band below
    band = [image.getpixel((x, y)) for x in range(0, 400, 2) for y in range(230, 300, 2)]
    assert any(p[0] > 200 and p[1] > 200 and p[2] > 200 for p in band)  # white text on the band
    downloaded = b"".join(client.get(f"/field/photos/{body['id']}/").streaming_content)
    assert downloaded == original and body["sha256"] == hashlib.sha256(original).hexdigest()
    assert FieldPhoto.objects.get(pk=body["id"]).stored.sha256 == hashlib.sha256(original).hexdigest()
    api = demo.api("ft_officer1")
    assert api.get(f"/api/v1/field/photos/{body['id']}/display").content == shown.content
    page = client.get(f"/cases/{case['id']}/records/").content.decode()
    assert f'src="{body["display"]}"' in page and 'data-testid="stamped-photo"' in page
    assert demo.client("ns_officer1").get(body["display"]).status_code == 404


def test_a_photo_the_server_cannot_decode_is_shown_as_a_panel_with_its_stamp(demo, case):
    body = _post(demo, case, "坏.jpg", jpeg(filler=3)).json()
    shown = demo.client("ft_officer1").get(body["display"])
    assert shown.status_code == 200 and Image.open(io.BytesIO(shown.content)).size == (960, 540)
