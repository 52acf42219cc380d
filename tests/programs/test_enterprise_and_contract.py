"""An enterprise's own account applies for funding and sees only its own applications; a call that requires a
funding contract (F.2 资助合同) has it signed, with terms and dated milestones, before the payment is confirmed."""
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from ipenforce.programs.models import FundingApplication
from ipenforce.protection.demo import RIGHTS_HOLDER, seed_outside_organisations
from tests.programs.conftest import API, act, application_body, make_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise(demo):
    seed_outside_organisations()
    return demo.api("rights_holder")


def test_an_enterprise_applies_itself_and_sees_only_its_own(demo, enterprise):
    clerk = demo.api("ft_officer1")
    call = make_call(clerk)
    assert [c["id"] for c in enterprise.get(f"{API}/calls").json()] == [call["id"]]
    own = enterprise.post(f"{API}/calls/{call['id']}/applications",
                          application_body(1, applicant_name="冒用的名称"))
    assert own.status_code == 201, own.content
    assert own.json()["applicant_name"] == RIGHTS_HOLDER and own.json()["own_account"] is True  # its own name
    staff_entered = clerk.post(f"{API}/calls/{call['id']}/applications", application_body(2)).json()
    listed = enterprise.get(f"{API}/applications").json()
    assert [a["id"] for a in listed["items"]] == [own.json()["id"]]
    assert enterprise.get(f"{API}/applications/{staff_entered['id']}").status_code == 404
    assert enterprise.get(f"{API}/applications/{own.json()['id']}").json()["available_actions"] == []
    refused = act(enterprise, "applications", own.json()["id"], "accept")
    assert refused.status_code == 403 and FundingApplication.objects.get(pk=own.json()["id"]).state == "submitted"
    # The staff see it in their queue as any other application.
    assert own.json()["id"] in [a["id"] for a in clerk.get(f"{API}/applications").json()["items"]]
    assert enterprise.get(f"{API}/ledgers").json() == []  # nothing of the staff's ledgers

def test_the_enterprise_pages(demo, enterprise):
    call = make_call(demo.api("ft_officer1"))
    client = demo.client("rights_holder")
    page = client.get(f"/programs/calls/{call['id']}/").content.decode()
    assert "本单位申报" in page and 'data-testid="apply"' in page and "资金审计抽查" not in page
    body = {f"apply-{k}": v for k, v in application_body(3).items() if k != "materials"}
    body.update({"apply-undertaking": "on", "apply-materials": ["营业执照", "专利证书"]})
    response = client.post(f"/programs/calls/{call['id']}/", body)
    assert response.status_code == 302, response.content.decode()[:2000]
    application = FundingApplication.objects.get()
    assert application.applicant_org.name == RIGHTS_HOLDER and application.applicant_name == RIGHTS_HOLDER
    listing = client.get("/programs/applications/").content.decode()
    assert application.number in listing and "本单位的申请" in listing and "政策任务台账" not in listing
    assert client.get("/programs/ledgers/").status_code == 403
    assert client.get("/programs/").status_code == 403


def _decided(demo, clerk, head, call_id: int, n: int) -> dict:
    app = clerk.post(f"{API}/calls/{call_id}/applications", application_body(n)).json()
    act(clerk, "applications", app["id"], "accept")
    act(clerk, "applications", app["id"], "review", materials_complete=True, credit_result="clear", credit_source="x")
    act(clerk, "applications", app["id"], "publicise", published_at="网站")
    with time_machine.travel(timezone.now() + timedelta(days=10), tick=False):
        act(clerk, "applications", app["id"], "close_publicity")
    decided = act(head, "applications", app["id"], "decide", meeting="局长办公会", granted="8000.00").json()
    assert decided["state"] == "decided", decided
    return decided


def test_a_contract_is_signed_before_payment_when_the_call_requires_one(demo):
    clerk, head, unit_head = demo.api("ft_officer1"), demo.api("ft_head"), demo.api("ft_unithead")
    call = make_call(clerk, contract_required=True)
    assert call["contract_required"] is True
    app = _decided(demo, clerk, head, call["id"], 6)
    early = act(clerk, "applications", app["id"], "request_payment", account_name="深圳市测试科技有限公司6",
                account_no="6222")
    assert early.status_code == 422 and early.json()["code"] == "contract_required"
    bad = act(clerk, "applications", app["id"], "sign_contract", contract_number="ZZHT-2026-001",
              signed_on=str(timezone.localdate()), terms="专款专用", milestones="明年 中期检查")
    assert bad.status_code == 422 and bad.json()["field"] == "milestones"
    sent = act(clerk, "applications", app["id"], "sign_contract", contract_number="ZZHT-2026-001",
               signed_on=str(timezone.localdate()), terms="专款专用；绩效目标：授权发明专利10件",
               milestones="2027-06-30 中期检查\n2027-12-31 项目验收")
    assert sent.status_code == 200 and sent.json()["state"] == "decided"  # awaits the unit head
    signed = unit_head.post(f"{API}/applications/{app['id']}/actions/approve",
                            {"version": FundingApplication.objects.get(pk=app["id"]).version}).json()
    assert signed["state"] == "contracted" and signed["contract_number"] == "ZZHT-2026-001"
    assert signed["contract_milestones"] == [{"due_on": "2027-06-30", "item": "中期检查"},
                                             {"due_on": "2027-12-31", "item": "项目验收"}]
    requested = act(clerk, "applications", app["id"], "request_payment", account_name="深圳市测试科技有限公司6",
                    account_no="6222")
    assert requested.json()["state"] == "payment_requested"
    page = demo.client("ft_officer1").get(f"/programs/applications/{app['id']}/").content.decode()
    assert 'data-testid="contract"' in page and "项目验收" in page


def test_without_a_contract_requirement_payment_follows_the_decision(demo):
    clerk, head = demo.api("ft_officer1"), demo.api("ft_head")
    call = make_call(clerk)
    app = _decided(demo, clerk, head, call["id"], 7)
    paid = act(clerk, "applications", app["id"], "request_payment", account_name="深圳市测试科技有限公司7",
               account_no="6222").json()
    assert paid["state"] == "payment_requested" and Decimal(paid["granted"]) == Decimal("8000.00")
