"""A lead registered on the phone during an inspection enters the normal lead workflow (the desk's service), once
per device key, with where and when it was registered; a record synced after the case changed is refused as a
conflict, never written over."""
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.core.models import AuditEvent
from ipenforce.field.models import FieldPhoto, FieldRecord, PhoneLead
from tests.field.conftest import inspection, key, signatures

pytestmark = pytest.mark.django_db


def _lead(**extra) -> dict:
    return {"client_key": str(uuid.uuid4()), "title": "华强北某店销售疑似假冒耳机", "ip_type": "trademark",
            "description": "巡查发现店内陈列标有某品牌商标的耳机，无授权证明。", "party_name": "深圳市某电子商行",
            "party_uscc": "91440300708461136T",
            "party_address": "深圳市福田区华强北路1号", "registered_at": timezone.now().isoformat(),
            "latitude": "22.5432104", "longitude": "114.057860", "accuracy_m": 15, **extra}


def test_a_lead_from_the_phone_is_an_inspection_lead_in_the_normal_workflow_registered_once(demo):
    api = demo.api("ft_officer1")
    body = _lead(source="complaint")  # the phone's lead is always 监督检查, whatever is sent
    response = api.post("/api/v1/field/leads", body)
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert (case.source, case.state, case.agency, case.created_by) == (
        "inspection", "verifying", demo.user("ft_officer1").agency, demo.user("ft_officer1"))
    assert case.parties.get().name == "深圳市某电子商行" and case.discovered_on == timezone.localdate()
    assert case.deadlines.exists()  # the verification clock (T1) runs, as for a desk lead
    lead = PhoneLead.objects.get(case=case)
    assert (float(lead.latitude), lead.accuracy_m) == (22.54321, 15)
    assert AuditEvent.objects.filter(action="case.register").count() == 1
    assert AuditEvent.objects.filter(action="field_lead.register").count() == 1
    again = api.post("/api/v1/field/leads", body)
    assert again.status_code == 200 and again.json()["id"] == case.pk and Case.objects.count() == 1
    mine = api.get("/api/v1/field/cases").json()
    assert case.pk in [c["id"] for c in mine]
    assert len(next(c for c in mine if c["id"] == case.pk)["officers"]) >= 2  # its agency's officers, to record
    desk = demo.client("ft_officer1").get(f"/cases/{case.pk}/").content.decode()
    assert "监督检查" in desk


def test_a_time_sent_without_its_offset_is_read_in_the_platforms_zone(demo, case):
    from tests.field.test_media import _png

    api = demo.api("ft_officer1")
    response = api.post("/api/v1/field/leads", _lead(registered_at="2026-01-05T10:00:00"))
    assert response.status_code == 201, response.json()
    registered = PhoneLead.objects.get().registered_at
    assert timezone.localtime(registered).strftime("%Y-%m-%d %H:%M %z") == "2026-01-05 10:00 +0800"
    response = api.post(f"/api/v1/field/cases/{case['id']}/records",
                        inspection(demo, started_at="2026-01-05T09:00:00", ended_at="2026-01-05T09:30:00"))
    assert response.status_code == 201, response.json()
    assert timezone.localtime(FieldRecord.objects.get().started_at).hour == 9
    photo = api.client.post(f"/api/v1/field/cases/{case['id']}/photos", {
        "file": SimpleUploadedFile("p.png", _png()), "captured_at": "2026-01-05T09:10:00"}, headers=api.headers)
    assert photo.status_code == 201, photo.json()
    assert timezone.localtime(FieldPhoto.objects.get().captured_at).minute == 10


def test_a_phone_lead_is_refused_with_the_desks_rules(demo):
    api = demo.api("ft_officer1")
    response = api.post("/api/v1/field/leads", _lead(discovered_on=str(timezone.localdate() + timedelta(days=2))))
    assert response.status_code == 422 and response.json()["code"] == "date_in_future"
    assert api.post("/api/v1/field/leads", _lead(title="")).status_code == 422
    response = api.post("/api/v1/field/leads", _lead(party_uscc="91440300708461136X"))
    assert response.status_code == 422 and response.json()["field"] == "parties[0].uscc"
    assert demo.api("ft_legal").post("/api/v1/field/leads", _lead()).status_code == 403
    assert not Case.objects.exists() and not PhoneLead.objects.exists()


def test_a_record_synced_after_the_case_changed_is_a_conflict_and_nothing_is_written(demo, case):
    from ipenforce.cases.services.leads import case_update

    api = demo.api("ft_officer1")
    seen = Case.objects.get(pk=case["id"]).version
    case_update(actor=demo.user("ft_officer1"), case=Case.objects.get(pk=case["id"]), version=seen,
                changes={"title": "改过的案由"})
    body = {**inspection(demo), "client_key": key(), "signatures": signatures(demo), "seal": True,
            "case_version": seen}
    response = api.post(f"/api/v1/field/cases/{case['id']}/records", body)
    assert response.status_code == 409 and response.json()["code"] == "case_version_conflict"
    assert f"第{seen}版" in response.json()["message"] and f"第{seen + 1}版" in response.json()["message"]
    assert not FieldRecord.objects.exists()
    response = api.post(f"/api/v1/field/cases/{case['id']}/records", {**body, "case_version": seen + 1})
    assert response.status_code == 201 and FieldRecord.objects.get().state == "sealed"
    # a retry of the record already sent returns it, even though the phone's version is old
    assert api.post(f"/api/v1/field/cases/{case['id']}/records", body).status_code == 200
