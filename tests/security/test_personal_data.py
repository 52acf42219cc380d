"""Personal information: identity numbers, phones and home addresses masked for those who do not handle the
case and in lists; revealing is audited; a person's data exported on request."""
import pytest

from ipenforce.core.models import AuditEvent
from ipenforce.core.pii import mask_address, mask_id_number, mask_phone
from tests.cases.conftest import PERSON, CaseWalker

pytestmark = pytest.mark.django_db
PERSON_WITH_PHONE = {**PERSON, "phone": "13812345678", "service_address": "深圳市福田区福华路88号3栋1201"}


def test_masks():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_address("深圳市福田区福华路88号3栋1201") == "深圳市****"
    assert mask_address("") == ""


def _case_with_a_person(demo):
    walker = CaseWalker(demo)
    case = walker.register(party=PERSON_WITH_PHONE)
    return walker, case


def test_case_handlers_see_parties_in_full_others_masked(demo):
    walker, case = _case_with_a_person(demo)
    own = walker.api("ft_officer1").get(f"/api/v1/cases/{case['id']}").json()["parties_detail"][0]
    assert own["id_number"] == PERSON["id_number"] and own["phone"] == "13812345678" and own["masked"] is False
    supervisor = demo.api("sz_supervisor").get(f"/api/v1/cases/{case['id']}").json()["parties_detail"][0]
    assert supervisor["masked"] is True and supervisor["id_number"] == "110105********002X"
    assert supervisor["phone"] == "138****5678" and "福华路" not in supervisor["service_address"]
    page = demo.client("sz_supervisor").get(f"/cases/{case['id']}/").content.decode()
    assert "110105********002X" in page and PERSON["id_number"] not in page and "福华路" not in page
    own_page = demo.client("ft_officer1").get(f"/cases/{case['id']}/").content.decode()
    assert PERSON["id_number"] in own_page


def test_reveal_is_audited_and_needs_a_reason(demo):
    _walker, case = _case_with_a_person(demo)
    supervisor = demo.api("sz_supervisor")
    party_id = supervisor.get(f"/api/v1/cases/{case['id']}").json()["parties_detail"][0]["id"]
    url = f"/api/v1/cases/{case['id']}/parties/{party_id}/reveal"
    assert supervisor.post(url, {"reason": ""}).status_code == 422
    revealed = supervisor.post(url, {"reason": "执法监督抽查送达情况"})
    assert revealed.status_code == 200 and revealed.json()["id_number"] == PERSON["id_number"]
    event = AuditEvent.objects.get(action="party.reveal")
    assert event.actor.username == "sz_supervisor" and event.after["reason"] == "执法监督抽查送达情况"
    assert demo.api("ns_officer1").post(url, {"reason": "x"}).status_code == 404  # outside their scope


def test_user_list_masks_phones(demo):
    admin = demo.api("sz_admin")
    user = demo.user("ft_officer1")
    user.phone = "13900001111"
    user.save(update_fields=["phone"])
    listed = next(u for u in admin.get("/api/v1/users", q="ft_officer1").json()["items"] if u["id"] == user.pk)
    assert listed["phone"] == "139****1111"
    assert admin.get(f"/api/v1/users/{user.pk}").json()["phone"] == "13900001111"


def test_a_persons_data_is_exported_on_request(demo):
    _case_with_a_person(demo)
    response = demo.api("ft_officer1").post("/api/v1/personal-data/export", {"id_number": PERSON["id_number"]})
    assert response.status_code == 403
    response = demo.api("sz_admin").post("/api/v1/personal-data/export", {"id_number": PERSON["id_number"]})
    assert response.status_code == 200
    records = response.json()["records"]
    assert len(records) == 1 and records[0]["party"]["phone"] == "13812345678"
    assert AuditEvent.objects.filter(action="personal_data.export", after__records=1).exists()
    bad = demo.api("sz_admin").post("/api/v1/personal-data/export", {"id_number": "123"})
    assert bad.status_code == 422 and bad.json()["field"] == "id_number"
