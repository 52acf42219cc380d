"""On-site records: the content the law requires, signatures and refusal, sealing, corrections, the .docx, the
evidence and custody it becomes, idempotent sync and scope."""
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from docx import Document as Docx

from ipenforce.documents.models import Document
from ipenforce.documents.render import blob_read
from ipenforce.evidence.models import CustodyEvent, EvidenceItem
from ipenforce.field.models import FieldRecord
from ipenforce.field.services import record_verify
from tests.field.conftest import PNG_1PX, inspection, key, signature, signatures

pytestmark = pytest.mark.django_db


def _docx_text(document: Document) -> str:
    doc = Docx(BytesIO(blob_read(document.storage_name, document.sha256)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_signed_inspection_record_is_sealed_as_evidence_with_its_document(demo, case):
    api = demo.api("ft_officer1")
    response = api.post(f"/api/v1/field/cases/{case['id']}/records",
                        {**inspection(demo), "signatures": signatures(demo), "seal": True, "client_key": key()})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "sealed" and len(body["seal_sha256"]) == 64
    assert [o["certificate_no"] for o in body["officers"]] == [demo.user("ft_officer1").certificate_no,
                                                               demo.user("ft_officer2").certificate_no]
    item = EvidenceItem.objects.get(pk=body["evidence_item"])
    assert item.kind == "record" and item.case_id == case["id"]
    assert [f.stored.content_type for f in item.files.all()] == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/png", "image/png",
        "image/png"]
    assert list(CustodyEvent.objects.filter(item=item).values_list("kind", flat=True)) == ["collected"]
    text = _docx_text(Document.objects.get(pk=body["document"]))
    assert "现场笔录" in text and "华强北路1号" in text and "耳机200副" in text
    assert demo.user("ft_officer2").certificate_no in text and "执法人员已出示执法证件" in text
    assert body["seal_sha256"] in text
    timeline = api.get(f"/api/v1/cases/{case['id']}").json()["timeline"]
    assert any(s["action"] == "field_record" for s in timeline)
    assert api.get(f"/api/v1/field/records/{body['id']}/verify").json() == {"intact": True, "problems": []}


def test_a_sealed_record_cannot_be_changed_and_any_change_is_detected(demo, case):
    api = demo.api("ft_officer1")
    body = api.post(f"/api/v1/field/cases/{case['id']}/records",
                    {**inspection(demo), "signatures": signatures(demo), "seal": True}).json()
    patched = api.patch(f"/api/v1/field/records/{body['id']}", {"version": body["version"], "findings": "改了"})
    assert patched.status_code == 409 and patched.json()["code"] == "record_sealed"
    signed = api.post(f"/api/v1/field/records/{body['id']}/signatures",
                      {"role": "witness", "name": "某人", "image": signature(9)})
    assert signed.status_code == 409
    FieldRecord.objects.filter(pk=body["id"]).update(findings="店内无侵权商品。")  # a change behind the app's back
    verdict = api.get(f"/api/v1/field/records/{body['id']}/verify").json()
    assert verdict["intact"] is False and "笔录内容与封存时不一致" in verdict["problems"]
    FieldRecord.objects.filter(pk=body["id"]).update(findings=inspection(demo)["findings"])
    record = FieldRecord.objects.get(pk=body["id"])
    assert record_verify(record) == []
    signature_file = record.signatures.exclude(stored=None).first().stored
    with default_storage.open(signature_file.storage_name, "wb") as handle:
        handle.write(b"forged")
    assert any("签名图像" in p for p in record_verify(FieldRecord.objects.get(pk=body["id"])))


def test_refusal_to_sign_needs_a_witness_and_is_written_into_the_record(demo, case):
    api = demo.api("ft_officer1")
    without_witness = [s for s in signatures(demo, party="refuse") if s["role"] != "witness"]
    refused = api.post(f"/api/v1/field/cases/{case['id']}/records",
                       {**inspection(demo), "signatures": without_witness, "seal": True})
    assert refused.status_code == 422 and refused.json()["code"] == "witness_required"
    assert not FieldRecord.objects.exists()  # nothing half-saved
    body = api.post(f"/api/v1/field/cases/{case['id']}/records",
                    {**inspection(demo), "signatures": signatures(demo, party="refuse"), "seal": True}).json()
    assert body["state"] == "sealed" and body["party_refused"] is True
    assert [(s["role"], s["refused"]) for s in body["signatures"]] == [
        ("officer", False), ("officer", False), ("party", True), ("witness", False)]
    text = _docx_text(Document.objects.get(pk=body["document"]))
    assert "当事人拒绝签名" in text and "赵六（市场管理员）" in text


@pytest.mark.parametrize(("change", "code"), [
    ({"certificates_shown": False}, "certificates_not_shown"),
    ({"findings": ""}, "findings_required"),
])
def test_sealing_refuses_a_record_without_what_the_law_requires(demo, case, change, code):
    response = demo.api("ft_officer1").post(f"/api/v1/field/cases/{case['id']}/records",
                                            {**inspection(demo, **change), "signatures": signatures(demo),
                                             "seal": True})
    assert response.status_code == 422 and response.json()["code"] == code


def test_two_officers_with_valid_certificates_are_required(demo, case):
    api = demo.api("ft_officer1")
    one = api.post(f"/api/v1/field/cases/{case['id']}/records",
                   {**inspection(demo), "officer_ids": [demo.user("ft_officer1").pk, demo.user("ft_officer1").pk]})
    assert one.status_code == 422 and one.json()["code"] == "officers_required"
    other_district = api.post(f"/api/v1/field/cases/{case['id']}/records", {
        **inspection(demo), "officer_ids": [demo.user("ft_officer1").pk, demo.user("ns_officer1").pk]})
    assert other_district.status_code == 422 and other_district.json()["field"] == "officer_ids"
    officer = demo.user("ft_officer2")
    officer.certificate_valid_to = officer.certificate_valid_from
    officer.save()
    expired = api.post(f"/api/v1/field/cases/{case['id']}/records", inspection(demo))
    assert expired.status_code == 422 and expired.json()["code"] == "certificate_invalid"


def test_an_inquiry_record_keeps_questions_and_answers_in_order(demo, case):
    api = demo.api("ft_officer1")
    draft = api.post(f"/api/v1/field/cases/{case['id']}/records", {
        **inspection(demo, kind="inquiry", findings=""), "questions": []}).json()
    assert draft["state"] == "draft" and "questions_required" in draft["missing"]
    assert "rights_not_read" in draft["missing"] and "party_signature_missing" in draft["missing"]
    qa = [{"q": "你的身份？", "a": "我是店长王五。"}, {"q": "耳机从哪里进货？", "a": "从华强北市场一档口进货。"}]
    updated = api.patch(f"/api/v1/field/records/{draft['id']}",
                        {"version": draft["version"], "questions": qa, "rights_read": True})
    assert updated.status_code == 200 and updated.json()["questions"] == qa
    stale = api.patch(f"/api/v1/field/records/{draft['id']}", {"version": draft["version"], "measures": "x"})
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    for s in signatures(demo):
        assert api.post(f"/api/v1/field/records/{draft['id']}/signatures", s).status_code == 201
    sealed = api.post(f"/api/v1/field/records/{draft['id']}/seal", {})
    assert sealed.status_code == 200, sealed.json()
    item = EvidenceItem.objects.get(pk=sealed.json()["evidence_item"])
    assert item.kind == "party_statement"
    text = _docx_text(Document.objects.get(pk=sealed.json()["document"]))
    assert "询问笔录" in text and text.index("你的身份？") < text.index("耳机从哪里进货？")
    assert "从华强北市场一档口进货。" in text


def test_a_correction_is_a_new_version_that_keeps_the_old(demo, case):
    api = demo.api("ft_officer1")
    old = api.post(f"/api/v1/field/cases/{case['id']}/records",
                   {**inspection(demo), "signatures": signatures(demo), "seal": True}).json()
    correction = api.post(f"/api/v1/field/records/{old['id']}/correct", {})
    assert correction.status_code == 201
    new = correction.json()
    assert new["state"] == "draft" and new["supersedes"] == old["id"] and new["revision"] == 2
    assert new["findings"] == old["findings"] and new["signatures"] == []
    assert api.post(f"/api/v1/field/records/{old['id']}/correct", {}).json()["code"] == "correction_exists"
    api.patch(f"/api/v1/field/records/{new['id']}", {"version": new["version"], "findings": "耳机共210副。"})
    for s in signatures(demo):
        api.post(f"/api/v1/field/records/{new['id']}/signatures", s)
    sealed = api.post(f"/api/v1/field/records/{new['id']}/seal", {}).json()
    assert sealed["state"] == "sealed" and sealed["findings"] == "耳机共210副。"
    kept = api.get(f"/api/v1/field/records/{old['id']}").json()
    assert kept["state"] == "superseded" and kept["findings"] == old["findings"]
    assert kept["seal_sha256"] == old["seal_sha256"]
    assert api.get(f"/api/v1/field/records/{old['id']}/verify").json()["intact"] is True


def test_the_same_client_key_twice_makes_one_record(demo, case):
    api = demo.api("ft_officer1")
    payload = {**inspection(demo), "signatures": signatures(demo), "seal": True, "client_key": key()}
    first = api.post(f"/api/v1/field/cases/{case['id']}/records", payload)
    again = api.post(f"/api/v1/field/cases/{case['id']}/records", payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert FieldRecord.objects.count() == 1 and EvidenceItem.objects.count() == 1
    other = demo.api("ft_officer2").post(f"/api/v1/field/cases/{case['id']}/records", payload)
    assert other.status_code == 409 and other.json()["code"] == "client_key_reused"


def test_another_district_can_neither_see_nor_write_records(demo, case):
    body = demo.api("ft_officer1").post(f"/api/v1/field/cases/{case['id']}/records",
                                        {**inspection(demo), "signatures": signatures(demo), "seal": True}).json()
    other = demo.api("ns_officer1")
    assert other.get(f"/api/v1/field/records/{body['id']}").status_code == 404
    assert other.get(f"/api/v1/field/cases/{case['id']}/records").status_code == 404
    assert other.post(f"/api/v1/field/cases/{case['id']}/records", inspection(demo)).status_code == 404
    colleague = demo.api("ft_legal")
    assert colleague.get(f"/api/v1/field/records/{body['id']}").status_code == 200
    assert colleague.post(f"/api/v1/field/cases/{case['id']}/records", inspection(demo)).status_code == 403


def test_verify_records_names_a_record_changed_since_sealing(demo, case):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    body = demo.api("ft_officer1").post(f"/api/v1/field/cases/{case['id']}/records",
                                        {**inspection(demo), "signatures": signatures(demo), "seal": True}).json()
    call_command("verify_records")
    FieldRecord.objects.filter(pk=body["id"]).update(person_name="李四")
    with pytest.raises(CommandError, match="1 sealed record"):
        call_command("verify_records")


def test_verify_evidence_detects_any_change_to_a_signed_record(demo, case, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    body = demo.api("ft_officer1").post(f"/api/v1/field/cases/{case['id']}/records",
                                        {**inspection(demo), "signatures": signatures(demo), "seal": True}).json()
    call_command("verify_evidence")
    assert "1 sealed records checked" in capsys.readouterr().out
    record = FieldRecord.objects.get(pk=body["id"])
    FieldRecord.objects.filter(pk=record.pk).update(findings="货架上没有耳机。")  # the text changed in the database
    with pytest.raises(CommandError, match="1 evidence file"):
        call_command("verify_evidence")
    assert f"record {record.pk} (case {case['id']}): 笔录内容与封存时不一致" in capsys.readouterr().err
    FieldRecord.objects.filter(pk=record.pk).update(findings=record.findings)
    call_command("verify_evidence")
    signature = record.signatures.exclude(stored=None).select_related("stored").first()
    with default_storage.open(signature.stored.storage_name, "wb") as handle:  # a signature image replaced
        handle.write(PNG_1PX + b"forged")
    with pytest.raises(CommandError):
        call_command("verify_evidence")
    assert f"{signature.name}的签名图像被改动或缺失" in capsys.readouterr().err


def test_the_demo_has_a_signed_inspection_record(demo, settings, tmp_path):
    from ipenforce.cases.demo import seed_demo_cases
    from ipenforce.field.demo import seed_demo_records

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo_cases()
    assert seed_demo_records() == 1 and seed_demo_records() == 0
    record = FieldRecord.objects.get()
    assert record.state == "sealed" and record_verify(record) == []
    assert record.evidence_item.proves.startswith("证明当事人仓库内存放")  # the demo's 证据清单 says what it proves
    assert record.signatures.count() == 3 and record.evidence_item.files.count() == 4
    page = demo.client("ft_officer2").get(f"/field/records/{record.pk}/").content.decode()
    assert "校验通过" in page and "仓库负责人" in page
