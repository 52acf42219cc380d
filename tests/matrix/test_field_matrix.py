"""Who may read and write on-site records and photos: every page, file and API endpoint for five people
(see `base.py`)."""
import uuid

import pytest

from ipenforce.field.models import FieldRecord
from tests.field.conftest import inspection, signature, signatures
from tests.matrix.base import ABSENT, LISTED, Call, MatrixTest, expect
from tests.matrix.test_scope_matrix import _case_under_investigation

pytestmark = pytest.mark.django_db
PLACE = "矩阵笔录地点"


def _version(key):
    return lambda ids: FieldRecord.objects.get(pk=ids[key]).version


class TestFieldRecordMatrix(MatrixTest):
    def make(self, demo, walker):
        ids = _case_under_investigation(walker)
        api = demo.api("ft_officer1")
        sealed = api.post(f"/api/v1/field/cases/{ids['case']}/records",
                          {**inspection(demo, place=PLACE), "signatures": signatures(demo), "seal": True}).json()
        draft = api.post(f"/api/v1/field/cases/{ids['case']}/records", inspection(demo, place=PLACE)).json()
        photo = api.client.post(f"/api/v1/field/cases/{ids['case']}/photos", {
            "file": _jpeg(), "captured_at": "2026-01-05T09:30:00+08:00", "latitude": "22.5", "longitude": "114.0",
            "accuracy_m": "10"}, headers=api.headers)
        assert photo.status_code == 201, photo.json()
        record = FieldRecord.objects.get(pk=sealed["id"])
        return {**ids, "record": sealed["id"], "draft": draft["id"], "photo": photo.json()["id"],
                "signature": record.signatures.exclude(stored=None).first().pk,
                "officer": demo.user("ft_officer1").pk, "officer2": demo.user("ft_officer2").pk}

    def calls(self, ids):
        read = expect(200, 200, 404, 404, 302)
        api_read = expect(200, 200, 404, 404, 401)
        write = expect(201, 403, 404, 404, 401)
        return [
            Call("records page", "get", "/cases/{case}/records/", read),
            Call("record page", "get", "/field/records/{record}/", read),
            Call("signature image", "get", "/field/records/{record}/signatures/{signature}/", read),
            Call("photo file", "get", "/field/photos/{photo}/", read),
            Call("API records", "api_get", "/api/v1/field/cases/{case}/records", expect(
                LISTED, LISTED, 404, 404, 401), marker=PLACE),
            Call("API record", "api_get", "/api/v1/field/records/{record}", api_read),
            Call("API verify", "api_get", "/api/v1/field/records/{record}/verify", api_read),
            Call("API photos", "api_get", "/api/v1/field/cases/{case}/photos", api_read),
            Call("API my cases", "api_get", "/api/v1/field/cases", expect(LISTED, ABSENT, ABSENT, ABSENT, 401),
                 marker="矩阵案件甲"),
            Call("API new record", "api_post", "/api/v1/field/cases/{case}/records", write,
                 data={**_inspection_for_matrix()}),
            Call("API edit draft", "api_patch", "/api/v1/field/records/{draft}",
                 expect(200, 403, 404, 404, 401), data={"version": _version("draft"), "measures": "拍照"}),
            Call("API sign", "api_post", "/api/v1/field/records/{draft}/signatures", write,
                 data={"role": "witness", "name": "见证人", "image": signature(7)}),
            Call("page sign", "post", "/field/records/{draft}/sign/", expect(302, 403, 404, 404, 302),
                 data={"signer": "witness", "name": "见证人", "image": signature(8), "version": _version("draft")}),
            Call("API correct", "api_post", "/api/v1/field/records/{record}/correct", write),
            Call("API photo", "api_multipart", "/api/v1/field/cases/{case}/photos", write,
                 data={"file": lambda ids: _jpeg(), "captured_at": "2026-01-05T09:31:00+08:00"}),
            Call("photo display copy", "get", "/field/photos/{photo}/display/", read),
            Call("API photo display copy", "api_get", "/api/v1/field/photos/{photo}/display", api_read),
            Call("evidence list page", "get", "/cases/{case}/evidence-list/", read),
            Call("API evidence list", "api_get", "/api/v1/field/cases/{case}/evidence-list", expect(
                LISTED, LISTED, 404, 404, 401), marker=PLACE),
            Call("page evidence list document", "post", "/cases/{case}/evidence-list/",
                 expect(302, 403, 404, 404, 302)),
            Call("API evidence list document", "api_post", "/api/v1/field/cases/{case}/evidence-list/document",
                 write),
            Call("API phone lead", "api_post", "/api/v1/field/leads", expect(201, 403, 201, 403, 401), data={
                "client_key": lambda ids: str(uuid.uuid4()), "title": "矩阵线索", "ip_type": "trademark",
                "description": "巡查发现"}),
        ]


def _inspection_for_matrix():
    return {"kind": "inspection", "place": PLACE, "officer_ids": lambda ids: [ids["officer"], ids["officer2"]]}


def _jpeg():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.field.test_photos import jpeg
    return SimpleUploadedFile("现场.jpg", jpeg())

