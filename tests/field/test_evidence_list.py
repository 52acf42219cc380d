"""The 证据清单: every evidence item of a case with its number, source, what it proves and the record it came from,
on its page and the API, rendered as a .docx through the documents app."""
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Docx

from ipenforce.documents.models import Document
from ipenforce.documents.render import blob_read
from ipenforce.field.models import FieldRecord
from tests.field.conftest import inspection, signatures
from tests.field.test_photos import jpeg

pytestmark = pytest.mark.django_db


def _text(document: Document) -> str:
    doc = Docx(BytesIO(blob_read(document.storage_name, document.sha256)))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _evidence(demo, case) -> dict:
    api = demo.api("ft_officer1")
    sealed = api.post(f"/api/v1/field/cases/{case['id']}/records",
                      {**inspection(demo), "signatures": signatures(demo), "seal": True}).json()
    photo = api.client.post(f"/api/v1/field/cases/{case['id']}/photos", {
        "file": SimpleUploadedFile("现场.jpg", jpeg()), "record_id": sealed["id"],
        "captured_at": "2026-01-05T09:30:00+08:00"}, headers=api.headers).json()
    contract = api.client.post(f"/api/v1/cases/{case['id']}/evidence", {
        "kind": "documentary", "description": "购销合同", "source": "当事人提供", "place": "华强北路1号",
        "collected_at": "2026-01-05T10:00:00+08:00", "proves": "证明侵权耳机的进货来源和数量",
        "collector_ids": [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk],
        "files": [SimpleUploadedFile("合同.jpg", jpeg(filler=9))]}, headers=api.headers).json()
    return {"record": sealed, "photo": photo, "contract": contract}


def test_the_list_numbers_every_item_with_its_source_what_it_proves_and_its_record(demo, case):
    made = _evidence(demo, case)
    api = demo.api("ft_officer1")
    api.patch(f"/api/v1/cases/{case['id']}/evidence/{made['record']['evidence_item']}",
              {"proves": "证明当事人店内陈列侵权耳机200副"})
    rows = api.get(f"/api/v1/field/cases/{case['id']}/evidence-list").json()
    assert [r["number"] for r in rows] == [1, 2, 3]
    assert [r["item"] for r in rows] == [made["record"]["evidence_item"], made["photo"]["evidence_item"],
                                         made["contract"]["id"]]
    assert rows[0]["proves"] == "证明当事人店内陈列侵权耳机200副" and rows[0]["source"] == "王五"
    record = FieldRecord.objects.get(pk=made["record"]["id"])
    assert rows[0]["record_id"] == rows[1]["record_id"] == record.pk  # the record itself, and its photo
    assert rows[0]["record"].startswith("现场检查笔录（") and rows[2]["record"] == "" and rows[2]["record_id"] is None
    assert rows[2]["proves"] == "证明侵权耳机的进货来源和数量" and rows[2]["kind"] == "书证"

    response = api.post(f"/api/v1/field/cases/{case['id']}/evidence-list/document", {})
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "evidence_list" and response.json()["version"] == 1
    text = _text(Document.objects.get(pk=response.json()["id"]))
    for expected in ("证据清单", "证明当事人店内陈列侵权耳机200副", "证明侵权耳机的进货来源和数量", "购销合同",
                     "当事人提供", rows[0]["record"], "视听资料"):
        assert expected in text, expected
    assert api.post(f"/api/v1/field/cases/{case['id']}/evidence-list/document", {}).json()["version"] == 2


def test_the_page_shows_the_list_and_makes_the_document(demo, case):
    made = _evidence(demo, case)
    client = demo.client("ft_officer1")
    assert 'data-testid="evidence-list-link"' in client.get(f"/cases/{case['id']}/").content.decode()
    page = client.get(f"/cases/{case['id']}/evidence-list/").content.decode()
    assert page.count('data-testid="evidence-list-row"') == 3 and "证明侵权耳机的进货来源和数量" in page
    assert f'href="/field/records/{made["record"]["id"]}/"' in page and "未填写" in page
    response = client.post(f"/cases/{case['id']}/evidence-list/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "证据清单已生成（第1版）" in page and 'data-testid="evidence-list-documents"' in page
    assert Document.objects.filter(case_id=case["id"], kind="evidence_list").count() == 1


def test_who_may_read_and_make_the_list(demo, case):
    _evidence(demo, case)
    url = f"/api/v1/field/cases/{case['id']}/evidence-list"
    assert demo.api("ft_legal").get(url).status_code == 200
    assert demo.api("ft_legal").post(url + "/document", {}).status_code == 403
    assert demo.api("ns_officer1").get(url).status_code == 404
    assert demo.api("ns_officer1").post(url + "/document", {}).status_code == 404
    assert demo.client("ns_officer1").get(f"/cases/{case['id']}/evidence-list/").status_code == 404
    assert not Document.objects.filter(kind="evidence_list").exists()


def test_a_case_without_evidence_has_no_list_to_make(demo, case):
    response = demo.api("ft_officer1").post(f"/api/v1/field/cases/{case['id']}/evidence-list/document", {})
    assert response.status_code == 422 and response.json()["code"] == "no_evidence"
