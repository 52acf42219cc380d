"""The published text of a decision (D-15: the served decision with personal data masked, from the documents app),
the line telling the party it will be published (D-16, "credit.publicity_notice"), the push of a party registered
in another province to its registration bureau (T15a, "admin.publicity_other_province"), the repair decision as a
.docx, and the serious-violation flag on the case list and a case's parties."""
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.test import Client
from docx import Document as Docx

from ipenforce.cases.models import Case
from ipenforce.core import rules
from ipenforce.core.identifiers import uscc_check_char
from ipenforce.credit.models import Listing, Publication, RepairRequest
from tests.credit.conftest import COMPANY, PERSON, act, decided, published, today

pytestmark = pytest.mark.django_db
PERSON_WITH_PHONE = {**PERSON, "address": "深圳市福田区华强北路8号3栋", "phone": "13812345678"}
SHANGHAI = "91310115" + "MA1K4LXX1"
SHANGHAI_COMPANY = {**COMPANY, "name": "上海某某贸易有限公司", "uscc": SHANGHAI + uscc_check_char(SHANGHAI)}


def _text(data: bytes) -> str:
    document = Docx(BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_decision_tells_the_party_it_will_be_published(walker, demo):
    case = decided(walker)
    response = demo.api("ft_officer1").post(f"/api/v1/cases/{case['id']}/documents", {"kind": "penalty_decision"})
    assert response.status_code == 201, response.json()
    data = demo.client("ft_officer1").get(f"/cases/{case['id']}/documents/{response.json()['id']}/")
    text = _text(b"".join(data.streaming_content))
    version = rules.version_on("credit.publicity_notice", today())
    assert version.text in text and "第八条" in text


def test_the_published_text_is_the_served_decision_with_personal_data_masked(walker, demo):
    case = decided(walker, party=PERSON_WITH_PHONE)
    served = demo.api("ft_officer1").post(f"/api/v1/cases/{case['id']}/documents", {"kind": "penalty_decision"})
    walker.act("ft_officer1", "publish", published_on=str(today()))
    publication = Publication.objects.get(case_id=case["id"])
    assert len(publication.document_sha256) == 64
    public = Client().get(f"/public/penalties/{publication.pk}/")
    assert f"/public/penalties/{publication.pk}/decision.docx" in public.content.decode()
    text = _text(Client().get(f"/public/penalties/{publication.pk}/decision.docx").content)
    assert case["number"] in text and PERSON["name"] in text and "30,000.00" in text  # the decision itself
    for secret in (PERSON["id_number"], PERSON_WITH_PHONE["address"], PERSON_WITH_PHONE["phone"]):
        assert secret not in text
    assert "110105********002X" in text and "深圳市****" in text
    # otherwise identical to the served decision: same template version, same paragraphs but the masked ones
    original = _text(b"".join(demo.client("ft_officer1").get(
        f"/cases/{case['id']}/documents/{served.json()['id']}/").streaming_content))
    differing = {line for line in set(original.splitlines()) ^ set(text.splitlines())}
    assert differing and all(PERSON["id_number"] in line or "深圳市" in line or "138" in line or "*" in line
                             for line in differing)
    body = demo.api("ft_officer1").get(f"/api/v1/credit/publications/{publication.pk}").json()
    assert body["document_url"] and demo.api("ft_officer1").get(body["document_url"]).status_code == 200
    # taken down: the public file goes with the information
    act(demo.api("ft_officer1"), "publications", publication.pk, "decision_changed", changed_on=str(today()),
        reason="复议撤销")
    assert Client().get(f"/public/penalties/{publication.pk}/decision.docx").status_code == 404
    assert demo.api("ns_officer1").get(body["document_url"]).status_code == 404  # another district


def test_a_company_registered_in_another_province_is_pushed_to_its_registration_bureau(walker, demo):
    publication = published(walker, party=SHANGHAI_COMPANY)
    assert publication.other_province and publication.registered_region == "310115"
    api = demo.api("ft_officer1")
    body = api.get(f"/api/v1/credit/publications/{publication.pk}").json()
    clock = next(d for d in body["deadlines"] if d["rule"] == "admin.publicity_other_province")
    assert clock["status"] == "running"
    assert clock["due_on"] == str(rules.due_for("admin.publicity_other_province", publication.decided_on)[0].due)
    assert "push_other_province" in body["available_actions"]
    page = demo.client("ft_officer1").get(f"/credit/publications/{publication.pk}/").content.decode()
    assert "待推送登记地市场监管部门" in page
    body = act(api, "publications", publication.pk, "push_other_province", pushed_on=str(today()),
               receiver="上海市浦东新区市场监督管理局")
    assert body["pushed_on"] == str(today()) and body["push_receiver"] == "上海市浦东新区市场监督管理局"
    assert next(d for d in body["deadlines"]
                if d["rule"] == "admin.publicity_other_province")["status"] in ("met", "late")
    act(api, "publications", publication.pk, "push_other_province", expect=422, pushed_on=str(today()),
        receiver="x")


def test_a_local_company_is_not_pushed(walker, demo):
    publication = published(walker)
    assert not publication.other_province and publication.registered_region == "440300"
    body = act(demo.api("ft_officer1"), "publications", publication.pk, "push_other_province", expect=422,
               pushed_on=str(today()), receiver="x")
    assert body["code"] == "not_other_province"


def test_the_repair_decision_is_a_docx(walker, demo):
    publication = published(walker)
    Publication.objects.filter(pk=publication.pk).update(published_on=date(2025, 5, 6))
    response = demo.api("ft_officer1").post("/api/v1/credit/repairs", {
        "kind": "publicity_stop", "publication_id": publication.pk, "applicant": publication.party_name,
        "applied_on": str(today()), "grounds": "已履行处罚决定并完成整改",
        "materials": {"application": True, "pledge": True, "proof": True}})
    repair = response.json()
    act(demo.api("ft_officer1"), "repairs", repair["id"], "accept", accepted_on=str(today()))
    body = act(demo.api("ft_head"), "repairs", repair["id"], "grant", decided_on=str(today()), reason="符合修复条件")
    assert body["document_url"] == f"/api/v1/credit/repairs/{repair['id']}/decision.docx"
    text = _text(demo.api("ft_officer1").get(body["document_url"]).content)
    assert "信用修复决定书" in text and publication.decision_number in text and "符合修复条件" in text
    assert "停止公示" in text and rules.version_on("credit.repair_decision", today()).citation in text
    page = demo.client("ft_officer1").get(f"/credit/repairs/{repair['id']}/").content.decode()
    assert f"/credit/repairs/{repair['id']}/decision.docx" in page
    assert demo.client("ft_officer1").get(f"/credit/repairs/{repair['id']}/decision.docx").status_code == 200
    assert demo.client("ns_officer1").get(f"/credit/repairs/{repair['id']}/decision.docx").status_code == 404
    assert RepairRequest.objects.get(pk=repair["id"]).document_sha256


def _list(case_id: int, demo) -> Listing:
    case = Case.objects.get(pk=case_id)
    party = case.parties.get()
    return Listing.objects.create(
        case=case, party=party, party_name=party.name, party_identifier=party.identifier, state="listed",
        ground="intentional_ip", heavier_penalty="fine_heavier", seriousness="故意侵权",
        listed_on=today() - timedelta(days=10), ends_on=today() + timedelta(days=1000),
        created_by=demo.user("ft_officer1"))


def test_a_listed_party_is_flagged_on_the_case_list_and_its_cases(walker, demo):
    first = decided(walker)
    walker.register("trademark")  # a new lead on the same company
    client = demo.client("ft_officer1")
    assert 'data-testid="listed-flag"' not in client.get("/cases/").content.decode()
    _list(first["id"], demo)
    listing_page = client.get("/cases/").content.decode()
    assert listing_page.count('data-testid="listed-flag"') == 2  # both cases of the company
    assert 'data-testid="listed-flag"' in client.get(f"/cases/{walker.case['id']}/").content.decode()
    Listing.objects.update(state="removed")
    assert 'data-testid="listed-flag"' not in client.get("/cases/").content.decode()
