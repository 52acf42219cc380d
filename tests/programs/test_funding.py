"""A funding application through every stage (wave2-rules.md §F.2) on the workflow engine, through the API and
the pages: the automatic checks with field-named refusals, the credit bar (F-08), an upheld objection (F-06),
late payment as waiver (F-05), payment, recovery (F-11), the audit sample and the fund report."""
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.utils import timezone
from docx import Document

from ipenforce.core.models import WorkItem
from ipenforce.core.rules import due_for
from ipenforce.orgs.models import User
from ipenforce.programs.models import FundingApplication
from tests.programs.conftest import API, act, application_body, make_call

pytestmark = pytest.mark.django_db


def _submit(api, call_id: int, n: int, **extra) -> dict:
    response = api.post(f"{API}/calls/{call_id}/applications", application_body(n, **extra))
    assert response.status_code == 201, response.content
    return response.json()


def _ok(response, state: str) -> dict:
    assert response.status_code == 200, response.content
    assert response.json()["state"] == state, response.json()
    return response.json()


def _review(api, pk: int, state: str):
    return _ok(act(api, "applications", pk, "review", materials_complete=True, credit_result="clear",
                   credit_source="信用中国"), state)


def _expert_ids(*usernames) -> list[int]:
    return [User.objects.get(username=u).pk for u in usernames]


def _sheets(demo, api, pk: int, scores: dict) -> None:
    """Hand a sheet to each expert, and each expert submits theirs."""
    assigned = api.post(f"{API}/applications/{pk}/experts", {"expert_ids": _expert_ids(*scores)})
    assert assigned.status_code == 201, assigned.content
    for username, score in scores.items():
        expert = demo.api(username)
        sheet = next(s for s in expert.get(f"{API}/score-sheets").json() if s["application_id"] == pk)
        done = expert.post(f"{API}/score-sheets/{sheet['id']}/submit", {"no_conflict": True, "score": score,
                                                                        "opinion": "项目可行"})
        assert done.status_code == 200, done.content


def _to_publicised(demo, api, pk: int, state_after_review="verified"):
    _ok(act(api, "applications", pk, "accept"), "accepted")
    _review(api, pk, state_after_review)
    if state_after_review == "expert_review":
        _sheets(demo, api, pk, {"ft_officer2": "86.5", "ft_legal": "80"})
        _ok(act(api, "applications", pk, "expert_score", recommended="30000.00"), "reviewed")
    data = _ok(act(api, "applications", pk, "publicise", published_at="市市场监管局网站"), "publicity")
    window = next(d for d in data["deadlines"] if d["rule"] == "programs.funding_objection_window")
    assert window["verified"] is False  # F-06 ⚠: a configurable default, shown as unverified
    refused = act(api, "applications", pk, "close_publicity")
    assert refused.status_code == 422 and refused.json()["code"] == "publicity_running"
    with time_machine.travel(timezone.now() + timedelta(days=10), tick=False):
        _ok(act(api, "applications", pk, "close_publicity"), "publicised")


def test_approval_track_from_call_to_payment_and_recovery(demo):
    api, head, unit_head = demo.api("ft_officer1"), demo.api("ft_head"), demo.api("ft_unithead")
    call = make_call(api)
    app = _submit(api, call["id"], 1)
    assert app["state"] == "submitted" and Decimal(app["computed"]) == Decimal("8000.00")  # 8 × 1000, under cap
    _to_publicised(demo, api, app["id"])
    over = act(head, "applications", app["id"], "decide", meeting="局长办公会", granted="9000.00")
    assert over.status_code == 422 and over.json()["code"] == "over_computed" and over.json()["field"] == "granted"
    assert act(api, "applications", app["id"], "decide", meeting="x", granted="1.00").status_code == 403
    _ok(act(head, "applications", app["id"], "decide", meeting="局长办公会 2026-11", granted="8000.00"), "decided")
    wrong = act(api, "applications", app["id"], "request_payment", account_name="别的公司", account_no="6222")
    assert wrong.status_code == 422 and wrong.json()["field"] == "account_name"
    _ok(act(api, "applications", app["id"], "request_payment", account_name="深圳市测试科技有限公司1",
            account_no="6222000011112222"), "payment_requested")
    bad = act(api, "applications", app["id"], "pay", paid_on=str(timezone.localdate()), amount="7000.00",
              voucher="PZ-1")
    assert bad.status_code == 422 and bad.json()["code"] == "amount_mismatch"
    _ok(act(api, "applications", app["id"], "pay", paid_on=str(timezone.localdate()), amount="8000.00",
            voucher="PZ-1"), "payment_requested")  # proposed: the unit head approves
    assert WorkItem.objects.filter(kind="funding.approval", closed_at__isnull=True).exists()
    paid = _ok(unit_head.post(f"{API}/applications/{app['id']}/actions/approve",
                              {"version": FundingApplication.objects.get(pk=app["id"]).version}), "paid")
    assert Decimal(paid["paid"]) == Decimal("8000.00")
    too_much = act(api, "applications", app["id"], "recover", reason="异常专利申请（F-11）", amount="9000.00")
    assert too_much.status_code == 422 and too_much.json()["field"] == "amount"
    act(api, "applications", app["id"], "recover", reason="异常专利申请（F-11）", amount="8000.00")
    recovered = _ok(head.post(f"{API}/applications/{app['id']}/actions/approve",
                              {"version": FundingApplication.objects.get(pk=app["id"]).version}), "recovered")
    assert Decimal(recovered["recovered"]) == Decimal("8000.00")
    labels = [s["action"] for s in recovered["steps"]]
    assert labels[:4] == ["submit", "accept", "review", "publicise"] and "pay" in labels and "recover" in labels


def test_competitive_track_with_expert_review_and_an_upheld_objection(demo):
    api, unit_head = demo.api("ft_officer1"), demo.api("ft_unithead")
    call = make_call(api, track="competitive", title="知识产权保护项目")
    app = _submit(api, call["id"], 2, quantity=None, requested="30000.00")
    _ok(act(api, "applications", app["id"], "accept"), "accepted")
    _review(api, app["id"], "expert_review")
    none_yet = act(api, "applications", app["id"], "expert_score", recommended="30000.00")
    assert none_yet.status_code == 422 and none_yet.json()["code"] == "no_sheets"
    assert api.post(f"{API}/applications/{app['id']}/experts",
                    {"expert_ids": _expert_ids("ft_officer2", "ft_legal")}).status_code == 201
    first, second = demo.api("ft_officer2"), demo.api("ft_legal")
    sheet = first.get(f"{API}/score-sheets").json()[0]
    assert WorkItem.objects.filter(kind="funding.score_sheet", state="open").count() == 2
    conflict = first.post(f"{API}/score-sheets/{sheet['id']}/submit", {"score": "80", "opinion": "可行"})
    assert conflict.status_code == 422 and conflict.json()["field"] == "no_conflict"
    over = first.post(f"{API}/score-sheets/{sheet['id']}/submit", {"no_conflict": True, "score": "101", "opinion": "x"})
    assert over.status_code == 422 and over.json()["field"] == "score"
    assert first.post(f"{API}/score-sheets/{sheet['id']}/submit",
                      {"no_conflict": True, "score": "80", "opinion": "可行"}).status_code == 200
    assert first.post(f"{API}/score-sheets/{sheet['id']}/submit",
                      {"no_conflict": True, "score": "99", "opinion": "改"}).json()["code"] == "sheet_submitted"
    other = second.get(f"{API}/score-sheets").json()[0]
    assert second.post(f"{API}/score-sheets/{sheet['id']}/submit",
                       {"no_conflict": True, "score": "1", "opinion": "x"}).status_code == 404  # not theirs
    # Until the second expert submits, they see only their own sheet — not the first one's score.
    seen = second.get(f"{API}/applications/{app['id']}").json()["score_sheets"]
    assert [(s["expert"], s["score"]) for s in seen] == [("周法制", None)]
    pending = act(api, "applications", app["id"], "expert_score", recommended="30000.00")
    assert pending.status_code == 422 and pending.json()["code"] == "sheets_pending"
    clerk_view = api.get(f"{API}/applications/{app['id']}").json()
    assert [s["expert"] for s in clerk_view["score_sheets"]] == ["王执法"] and clerk_view["sheets_pending"] == 1
    second.post(f"{API}/score-sheets/{other['id']}/submit", {"no_conflict": True, "score": "91", "opinion": "优"})
    assert len(second.get(f"{API}/applications/{app['id']}").json()["score_sheets"]) == 2
    assert not WorkItem.objects.filter(kind="funding.score_sheet", state="open").exists()
    capped = act(api, "applications", app["id"], "expert_score", recommended="60000.00")
    assert capped.status_code == 422 and capped.json()["code"] == "over_cap"
    scored = _ok(act(api, "applications", app["id"], "expert_score", recommended="30000.00"), "reviewed")
    assert Decimal(scored["score"]) == Decimal("85.50")  # the mean of the experts' sheets
    labels = [s["label"] for s in scored["steps"]]
    assert "分配评审专家" in labels and labels.count("专家提交评分表") == 2
    _ok(act(api, "applications", app["id"], "publicise", published_at="网站"), "publicity")
    bare = act(api, "applications", app["id"], "record_objection", objector="某公司", grounds="项目侵权",
               identity_proof=True)
    assert bare.status_code == 422 and bare.json()["code"] == "objection_inadmissible"
    assert bare.json()["field"] == "evidence"
    _ok(act(api, "applications", app["id"], "record_objection", objector="某公司", grounds="项目侵犯其专利",
            identity_proof=True, evidence=True), "objection")
    act(api, "applications", app["id"], "uphold_objection", reason="经核实侵权成立")
    done = _ok(unit_head.post(f"{API}/applications/{app['id']}/actions/approve",
                              {"version": FundingApplication.objects.get(pk=app["id"]).version}), "rejected")
    assert all(d["status"] != "running" for d in done["deadlines"])


def test_credit_bar_refuses_within_three_years_and_allows_after(demo):
    api = demo.api("ft_officer1")
    call = make_call(api)
    app = _submit(api, call["id"], 3)
    _ok(act(api, "applications", app["id"], "accept"), "accepted")
    today = timezone.localdate()
    barred = act(api, "applications", app["id"], "review", materials_complete=True, credit_result="listed",
                 credit_found_on=str(today - timedelta(days=400)), credit_source="国家企业信用信息公示系统")
    assert barred.status_code == 422
    assert barred.json()["code"] == "credit_barred" and barred.json()["field"] == "credit_result"
    assert "第四十九条" in barred.json()["message"]
    bar_ends = due_for("programs.funding_credit_bar", today - timedelta(days=400))[0].due
    assert bar_ends.isoformat() in barred.json()["message"]  # the rule's three years from the finding
    undated = act(api, "applications", app["id"], "review", materials_complete=True, credit_result="listed",
                  credit_source="x")
    assert undated.json()["field"] == "credit_found_on"
    _ok(act(api, "applications", app["id"], "review", materials_complete=True, credit_result="listed",
            credit_found_on=str(today.replace(year=today.year - 4)), credit_source="信用中国"), "verified")
    _ok(act(api, "applications", app["id"], "decline", reason="不符合条件"), "rejected")


def test_late_payment_request_is_a_waiver(demo):
    api, head = demo.api("ft_officer1"), demo.api("ft_head")
    call = make_call(api)
    app = _submit(api, call["id"], 4)
    _to_publicised(demo, api, app["id"])
    _ok(act(head, "applications", app["id"], "decide", meeting="局长办公会", granted="8000.00"), "decided")
    early = act(api, "applications", app["id"], "deem_waived")
    assert early.status_code == 422 and early.json()["code"] == "payment_window_running"
    with time_machine.travel(timezone.now() + timedelta(days=70), tick=False):
        late = _ok(act(api, "applications", app["id"], "request_payment", account_name="深圳市测试科技有限公司4",
                       account_no="6222"), "waived")
    assert late["state_label"] == "逾期未领款（视为放弃）"


@pytest.mark.parametrize(("change", "field", "code"), [
    ({"applicant_uscc": "91440300MA5F000010"}, "applicant_uscc", "invalid_uscc"),
    ({"undertaking": False}, "undertaking", "undertaking_required"),
    ({"materials": ["营业执照"]}, "materials", "materials_missing"),
    ({"quantity": None}, "quantity", "required"),
    ({"requested": "60000.00"}, "requested", "over_cap"),
    ({"project_ref": ""}, "project_ref", "required"),
])
def test_bad_applications_are_refused_naming_the_field(demo, change, field, code):
    api = demo.api("ft_officer1")
    call = make_call(api)
    response = api.post(f"{API}/calls/{call['id']}/applications", application_body(5, **change))
    assert response.status_code == 422, response.content
    assert (response.json()["field"], response.json()["code"]) == (field, code)
    assert not FundingApplication.objects.exists()


def test_duplicates_across_items_and_years_and_the_window(demo):
    api = demo.api("ft_officer1")
    first = make_call(api)
    _submit(api, first["id"], 6)
    other = make_call(api, title="另一资助项目", year=timezone.localdate().year - 1)
    again = api.post(f"{API}/calls/{other['id']}/applications", application_body(6))
    assert again.status_code == 422 and again.json()["code"] == "duplicate_application"
    assert again.json()["field"] == "project_ref"
    today = timezone.localdate()
    closed = make_call(api, title="已截止", opens_on=str(today - timedelta(days=30)),
                       closes_on=str(today - timedelta(days=1)))
    late = api.post(f"{API}/calls/{closed['id']}/applications", application_body(7))
    assert late.status_code == 422 and late.json()["code"] == "outside_window" and late.json()["field"] == "call"


def test_audit_sample_and_fund_report(demo):
    api, head, unit_head = demo.api("ft_officer1"), demo.api("ft_head"), demo.api("ft_unithead")
    call = make_call(api)
    ids = []
    for n in (8, 9):
        app = _submit(api, call["id"], n, industry="新能源" if n == 8 else "互联网")
        _to_publicised(demo, api, app["id"])
        _ok(act(head, "applications", app["id"], "decide", meeting="会", granted="8000.00"), "decided")
        _ok(act(api, "applications", app["id"], "request_payment", account_name=f"深圳市测试科技有限公司{n}",
                account_no="1"), "payment_requested")
        act(api, "applications", app["id"], "pay", paid_on=str(timezone.localdate()), amount="8000.00", voucher="v")
        _ok(unit_head.post(f"{API}/applications/{app['id']}/actions/approve",
                           {"version": FundingApplication.objects.get(pk=app["id"]).version}), "paid")
        ids.append(app["id"])
    drawn = api.post(f"{API}/calls/{call['id']}/audit-sample", {"size": 1})
    assert drawn.status_code == 200 and len(drawn.json()) == 1 and drawn.json()[0]["audit_sampled"]
    assert "audit_sampled" in [s["action"] for s in drawn.json()[0]["steps"]]
    rows = api.get(f"{API}/funding-report", year=timezone.localdate().year).json()
    assert {(r["industry"], Decimal(r["paid"])) for r in rows} == {("新能源", Decimal("8000")),
                                                                   ("互联网", Decimal("8000"))}
    report = api.get(f"{API}/funding-report.docx", year=timezone.localdate().year)
    assert report.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(report.content)).paragraphs)
    assert "共受理资助申请2件，决定资助16,000.00元，已拨付16,000.00元" in text and "抽取1个项目进行资金审计" in text
    page = demo.client("ft_officer1").get("/programs/report.docx", {"year": timezone.localdate().year})
    assert page.status_code == 200 and page.content[:2] == b"PK"
    xlsx = api.get(f"{API}/applications.xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_pages_walk_an_application(demo):
    client = demo.client("ft_officer1")
    api = demo.api("ft_officer1")
    call = make_call(api)
    page = client.get(f"/programs/calls/{call['id']}/")
    assert page.status_code == 200 and "录入企业申请" in page.content.decode()
    bad = client.post(f"/programs/calls/{call['id']}/", {"apply-applicant_name": "深圳市页面公司",
                                                          "apply-applicant_uscc": "123", "apply-project_ref": "P1",
                                                          "apply-requested": "100", "apply-quantity": "1"})
    assert bad.status_code == 422 and "统一社会信用代码" in bad.content.decode()
    from tests.programs.conftest import uscc
    created = client.post(f"/programs/calls/{call['id']}/", {
        "apply-applicant_name": "深圳市页面公司", "apply-applicant_uscc": uscc(20), "apply-project_ref": "P1",
        "apply-requested": "1000", "apply-quantity": "1", "apply-materials": ["营业执照", "专利证书"],
        "apply-undertaking": "on"})
    assert created.status_code == 302
    app = FundingApplication.objects.get(applicant_name="深圳市页面公司")
    detail = client.get(f"/programs/applications/{app.pk}/")
    assert detail.status_code == 200 and "受理" in detail.content.decode()
    step = client.post(f"/programs/applications/{app.pk}/actions/accept/", {"version": app.version})
    assert step.status_code == 302
    app.refresh_from_db()
    assert app.state == "accepted"
    refused = client.post(f"/programs/applications/{app.pk}/actions/review/", {
        "version": app.version, "review-credit_result": "clear", "review-credit_source": "信用中国"})
    assert refused.status_code == 422 and "申报材料须齐全" in refused.content.decode()
    for url in ("/programs/", "/programs/applications/", "/programs/report/", "/programs/calls/"):
        assert client.get(url).status_code == 200, url
    assert demo.client("ft_police").get("/programs/").status_code == 403
