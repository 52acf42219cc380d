"""Photos with time and place: EXIF when the photo carries it, the phone browser's clock and geolocation
otherwise (and which one is said), stored by hash as evidence with custody, idempotent on the device's key."""
import hashlib
import struct
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipenforce.evidence.models import CustodyEvent, EvidenceItem
from ipenforce.field.models import FieldPhoto
from ipenforce.field.photos import read_exif
from tests.field.conftest import key

pytestmark = pytest.mark.django_db


def _ifd(entries: list[tuple[int, int, int, bytes]], start: int) -> tuple[bytes, bytes]:
    """A little-endian TIFF IFD at offset `start`: (tag, type, count, value bytes); long values go after it."""
    head = struct.pack("<H", len(entries))
    extra = b""
    data_at = start + 2 + 12 * len(entries) + 4
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            head += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\x00")
        else:
            head += struct.pack("<HHII", tag, kind, count, data_at + len(extra))
            extra += value
    return head + struct.pack("<I", 0), extra


def _rationals(*pairs) -> bytes:
    return b"".join(struct.pack("<II", n, d) for n, d in pairs)


def jpeg(taken: str | None = None, lat=None, lon=None, filler: int = 0) -> bytes:
    """A small JPEG, with an EXIF block holding DateTimeOriginal and GPS when given."""
    body = b"\xff\xdb\x00\x43\x00" + bytes(64) + b"\xff\xd9" + bytes([filler])
    if taken is None and lat is None:
        return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + body
    ifd0_at = 8
    # IFD0 with pointers to the Exif and GPS IFDs; their offsets are filled in below.
    exif_at = ifd0_at + 2 + 12 * 2 + 4
    exif_entries = [(0x9003, 2, 20, taken.encode() + b"\x00")] if taken else []
    exif_ifd, exif_extra = _ifd(exif_entries, exif_at)
    gps_at = exif_at + len(exif_ifd) + len(exif_extra)
    gps_entries = []
    if lat is not None:
        gps_entries = [(1, 2, 2, b"N\x00"), (2, 5, 3, _rationals(*lat)), (3, 2, 2, b"E\x00"),
                       (4, 5, 3, _rationals(*lon))]
    gps_ifd, gps_extra = _ifd(gps_entries, gps_at)
    ifd0, _extra = _ifd([(0x8769, 4, 1, struct.pack("<I", exif_at)), (0x8825, 4, 1, struct.pack("<I", gps_at))],
                        ifd0_at)
    tiff = b"II*\x00" + struct.pack("<I", ifd0_at) + ifd0 + exif_ifd + exif_extra + gps_ifd + gps_extra
    app1 = b"Exif\x00\x00" + tiff
    return b"\xff\xd8\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + body


SHENZHEN = ((22, 1), (32, 1), (3600, 100)), ((114, 1), (3, 1), (2880, 100))


def test_exif_time_and_gps_are_read():
    found = read_exif(jpeg("2026:01:05 09:30:00", *SHENZHEN))
    assert found["latitude"] == Decimal("22.543333") and found["longitude"] == Decimal("114.058000")
    assert found["captured_at"].isoformat() == "2026-01-05T09:30:00+08:00"
    assert read_exif(jpeg()) == {}
    assert read_exif(b"\xff\xd8\xff\xe1\x00\x08Exif\x00\x00garbage") == {}


def _upload(demo, case, data: bytes, **fields):
    api = demo.api("ft_officer1")
    return api.client.post(f"/api/v1/field/cases/{case['id']}/photos",
                           {"file": SimpleUploadedFile("现场.jpg", data), **fields}, headers=api.headers)


def test_a_photo_with_exif_is_stamped_from_it_and_becomes_evidence(demo, case):
    data = jpeg("2026:01:05 09:30:00", *SHENZHEN)
    response = _upload(demo, case, data, latitude="1.0", longitude="2.0", accuracy_m="30",
                       captured_at="2026-01-05T10:00:00+08:00", device_sha256=hashlib.sha256(data).hexdigest())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["time_source"], body["position_source"]) == ("exif", "exif")
    assert Decimal(str(body["latitude"])) == Decimal("22.543333")
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    item = EvidenceItem.objects.get(pk=body["evidence_item"])
    assert item.kind == "audiovisual" and item.files.get().stored.sha256 == body["sha256"]
    assert list(CustodyEvent.objects.filter(item=item).values_list("kind", flat=True)) == ["collected"]
    assert demo.client("ft_officer1").get(body["download"]).status_code == 200


def test_without_exif_the_browser_time_and_position_are_used_and_said(demo, case):
    response = _upload(demo, case, jpeg(filler=1), latitude="22.5412345", longitude="114.0512345", accuracy_m="15",
                       captured_at="2026-01-05T10:00:00+08:00")
    body = response.json()
    assert response.status_code == 201, body
    assert (body["time_source"], body["position_source"], body["accuracy_m"]) == ("browser", "browser", 15)
    assert Decimal(str(body["longitude"])) == Decimal("114.051235")
    bare = _upload(demo, case, jpeg(filler=2)).json()
    assert (bare["time_source"], bare["position_source"], bare["latitude"]) == ("server", "none", None)
    page = demo.client("ft_officer1").get(f"/cases/{case['id']}/records/").content.decode()
    assert "手机浏览器" in page and "±15m" in page


def test_the_same_photo_key_twice_makes_one_photo_and_a_changed_file_is_refused(demo, case):
    data, photo_key = jpeg(filler=3), key()
    first = _upload(demo, case, data, client_key=photo_key)
    again = _upload(demo, case, data, client_key=photo_key)
    assert (first.status_code, again.status_code) == (201, 200) and first.json()["id"] == again.json()["id"]
    assert FieldPhoto.objects.count() == 1 and EvidenceItem.objects.count() == 1
    broken = _upload(demo, case, data + b"x", device_sha256=hashlib.sha256(data).hexdigest())
    assert broken.status_code == 422 and broken.json()["code"] == "hash_mismatch"
    not_an_image = _upload(demo, case, b"MZ\x90\x00" + bytes(64))
    assert not_an_image.status_code == 422 and not_an_image.json()["code"] == "not_photo_or_video"
    future = _upload(demo, case, jpeg(filler=4), captured_at="2099-01-01T00:00:00+08:00")
    assert future.status_code == 422 and future.json()["code"] == "time_in_future"


def test_another_district_cannot_see_or_upload_photos(demo, case):
    photo = _upload(demo, case, jpeg(filler=5)).json()
    other = demo.api("ns_officer1")
    assert other.get(f"/api/v1/field/cases/{case['id']}/photos").status_code == 404
    assert demo.client("ns_officer1").get(photo["download"]).status_code == 404
    response = other.client.post(f"/api/v1/field/cases/{case['id']}/photos",
                                 {"file": SimpleUploadedFile("x.jpg", jpeg(filler=6))}, headers=other.headers)
    assert response.status_code == 404
