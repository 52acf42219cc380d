"""The record pages: write a draft, sign on the pad (the form's hidden image), refuse, seal, correct; the tab on the
case page."""
import pytest

from ipenforce.field.models import FieldRecord
from tests.field.conftest import signature

pytestmark = pytest.mark.django_db


def _form(demo, **extra):
    return {"kind": "inspection", "started_at": "2026-01-05T09:30", "ended_at": "2026-01-05T10:10",
            "place": "华强北路1号", "officer_ids": [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk],
            "certificates_shown": "on", "party_present": "on", "person_name": "王五", "person_role": "店长",
            "findings": "货架上有侵权耳机。", "measures": "", "questions": "", **extra}


def test_an_officer_writes_signs_and_seals_a_record_on_the_pages(demo, case):
    client = demo.client("ft_officer1")
    page = client.get(f"/cases/{case['id']}/")
    assert f"/cases/{case['id']}/records/".encode() in page.content
    assert client.get(f"/cases/{case['id']}/records/").status_code == 200
    response = client.post(f"/cases/{case['id']}/records/", _form(demo))
    assert response.status_code == 302, response.content.decode()[:2000]
    record = FieldRecord.objects.get()
    detail = client.get(response.url)
    assert "每名执法人员都应签名" in detail.content.decode() and b"signature-pad" in detail.content
    for signer, image in ((f"officer:{demo.user('ft_officer1').pk}", signature(1)),
                          (f"officer:{demo.user('ft_officer2').pk}", signature(2))):
        record.refresh_from_db()
        assert client.post(f"/field/records/{record.pk}/sign/", {"signer": signer, "image": image,
                                                                  "version": record.version}).status_code == 302
    record.refresh_from_db()
    refused = client.post(f"/field/records/{record.pk}/sign/", {"signer": "party", "refused": "on",
                                                                 "note": "拒绝签名", "version": record.version})
    assert refused.status_code == 302
    record.refresh_from_db()
    client.post(f"/field/records/{record.pk}/seal/", {"version": record.version})
    record.refresh_from_db()
    assert record.state == "draft"  # a refusal needs a witness
    client.post(f"/field/records/{record.pk}/sign/", {"signer": "witness", "name": "赵六", "image": signature(4),
                                                       "version": record.version})
    record.refresh_from_db()
    client.post(f"/field/records/{record.pk}/seal/", {"version": record.version})
    record.refresh_from_db()
    assert record.state == "sealed"
    sealed = client.get(f"/field/records/{record.pk}/").content.decode()
    assert record.seal_sha256 in sealed and "校验通过" in sealed and "拒绝签名" in sealed
    assert 'data-testid="sign-form"' not in sealed
    signature_row = record.signatures.exclude(stored=None).first()
    assert client.get(f"/field/records/{record.pk}/signatures/{signature_row.pk}/").status_code == 200
    corrected = client.post(f"/field/records/{record.pk}/correct/")
    assert corrected.status_code == 302 and FieldRecord.objects.filter(supersedes=record).exists()


def test_form_errors_are_shown_in_chinese_naming_the_field(demo, case):
    client = demo.client("ft_officer1")
    response = client.post(f"/cases/{case['id']}/records/", _form(demo, officer_ids=[demo.user("ft_officer1").pk]))
    assert response.status_code == 422
    assert "至少两名执法人员" in response.content.decode()
    assert not FieldRecord.objects.exists()


def test_a_bad_signature_image_is_refused_without_a_server_error(demo, case):
    client = demo.client("ft_officer1")
    client.post(f"/cases/{case['id']}/records/", _form(demo))
    record = FieldRecord.objects.get()
    response = client.post(f"/field/records/{record.pk}/sign/", {
        "signer": f"officer:{demo.user('ft_officer1').pk}", "image": "data:image/png;base64,@@@",
        "version": record.version})
    assert response.status_code == 422 and "签名图像无法解码" in response.content.decode()
    stale = client.post(f"/field/records/{record.pk}/sign/", {
        "signer": f"officer:{demo.user('ft_officer1').pk}", "image": signature(1), "version": record.version + 5})
    assert stale.status_code == 409 and "已被他人修改" in stale.content.decode()
