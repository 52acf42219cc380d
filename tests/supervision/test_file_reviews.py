"""Case-file review (案卷评查): a repeatable draw (same population and seed → same sample), scoring against the
checklist with reasons, the unit's answer, the score reaching the performance assessment, and scope."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.orgs.selectors import work_queue
from ipenforce.supervision.checklist import checklist
from ipenforce.supervision.models import ReviewDraw
from ipenforce.supervision.reviews import draw_sample, draw_verify

pytestmark = pytest.mark.django_db
FUTIAN, NANSHAN = "深圳市市场监督管理局福田监管局", "深圳市市场监督管理局南山监管局"


@pytest.fixture
def closed_cases(demo, walker):
    """Six closed cases of 福田 this month (closed by hand: the walk to closing is the cases app's own test)."""
    today = timezone.localdate()
    ids = []
    for n in range(6):
        walker.register("trademark", title=f"评查案件{n}")
        ids.append(walker.case["id"])
    Case.objects.filter(pk__in=ids).update(state="closed", closed_on=today)
    return ids


def _draw(demo, username="sz_supervisor", seed="2026-第一批", size=3, unit=FUTIAN):
    today = timezone.localdate()
    return demo.api(username).post("/api/v1/supervision/file-reviews", {
        "unit_id": demo.agency(unit).pk, "period_start": str(today - timedelta(days=30)), "period_end": str(today),
        "sample_size": size, "seed": seed})


def test_the_same_seed_draws_the_same_sample(demo, closed_cases):
    first = _draw(demo)
    assert first.status_code == 201, first.json()
    body = first.json()
    assert set(closed_cases) <= set(body["population"]) and len(body["selected"]) == 3
    assert body["selected"] == draw_sample(body["population"], "2026-第一批", 3)
    again = _draw(demo).json()
    assert again["selected"] == body["selected"] and again["population"] == body["population"]
    other = _draw(demo, seed="另一批").json()
    assert len(other["selected"]) == 3
    assert draw_verify(ReviewDraw.objects.get(pk=body["id"]))
    assert body["checklist_version"] == checklist().version and checklist().example is True
    assert "random.Random" in body["rule"]
    page = demo.client("sz_supervisor").get(f"/supervision/file-reviews/{body['id']}/")
    assert "抽取结果一致" in page.content.decode() and "示例标准" in page.content.decode()
    assert len(_draw(demo, size=50).json()["selected"]) == len(body["population"])  # fewer than asked: all


def test_scores_with_reasons_are_answered_and_reach_the_assessment(demo, closed_cases):
    draw = _draw(demo).json()
    case_id = draw["selected"][0]
    url = f"/api/v1/supervision/file-reviews/{draw['id']}/cases/{case_id}"
    api = demo.api("sz_supervisor")
    no_reason = api.post(f"{url}/score", {"deductions": [{"item": "procedure", "code": "notice_missing"}]})
    assert no_reason.status_code == 422 and no_reason.json()["code"] == "reason_required"
    unknown = api.post(f"{url}/score", {"deductions": [{"item": "x", "code": "y", "reason": "z"}]})
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_item"
    assert demo.api("ft_head").post(f"{url}/score", {"deductions": []}).status_code == 403  # not the reviewer
    scored = api.post(f"{url}/score", {"deductions": [
        {"item": "procedure", "code": "notice_missing", "reason": "告知书未送达当事人"},
        {"item": "file", "code": "document_defect", "reason": "文号缺失"}]})
    assert scored.status_code == 200, scored.json()
    review = [r for r in scored.json()["reviews"] if r["case_id"] == case_id][0]
    assert review["score"] == "80.0" and review["state"] == "scored"
    second = draw["selected"][1]
    assert api.post(f"/api/v1/supervision/file-reviews/{draw['id']}/cases/{second}/score",
                    {"deductions": []}).status_code == 200
    assert work_queue(demo.user("ft_head")).filter(kind="file_review.answer").count() == 1

    assert demo.api("ns_head").post(f"{url}/answer", {"answer": "x"}).status_code == 404
    answered = demo.api("ft_head").post(f"{url}/answer", {"answer": "已补送告知书并补正文号"})
    assert answered.status_code == 200
    assert not work_queue(demo.user("ft_head")).filter(kind="file_review.answer").exists()
    assert api.post(f"{url}/score", {"deductions": []}).json()["code"] == "already_answered"

    today = timezone.localdate()
    report = demo.api("sz_head").get("/api/v1/assessment", start=str(today.replace(day=1)), end=str(today)).json()
    units = {r["name"]: r["values"] for r in report["units"]}
    assert units[FUTIAN]["file_review"] == "90.0"  # (80 + 100) / 2
    assert units[NANSHAN]["file_review"] is None


def test_only_a_superior_draws_and_other_districts_see_nothing(demo, closed_cases):
    assert _draw(demo, username="ft_head").status_code == 403  # its own unit
    assert _draw(demo, username="ns_head").status_code == 404  # cannot see 福田
    assert _draw(demo, unit=NANSHAN).json()["code"] == "empty_population"
    draw = _draw(demo).json()
    assert demo.api("ns_head").get(f"/api/v1/supervision/file-reviews/{draw['id']}").status_code == 404
    assert demo.api("ns_head").get("/api/v1/supervision/file-reviews").json() == []
    assert demo.api("ft_police").get("/api/v1/supervision/file-reviews").json() == []
    assert demo.api("ft_head").get(f"/api/v1/supervision/file-reviews/{draw['id']}").status_code == 200


def test_a_refused_score_keeps_what_was_entered_on_the_page(demo, closed_cases):
    draw = _draw(demo).json()
    review = ReviewDraw.objects.get(pk=draw["id"]).reviews.order_by("pk").first()
    client = demo.client("sz_supervisor")
    base = f"{review.pk}-procedure-notice_missing"
    other = f"{review.pk}-jurisdiction-officer_certificate"
    page = client.post(f"/supervision/file-reviews/{draw['id']}/", {
        "review": review.pk, "op": "score", f"d-{base}": "on", f"d-{other}": "on", f"r-{other}": "只有一名执法人员"})
    text = page.content.decode()
    assert page.status_code == 200 and "理由" in text  # refused: one deduction has no reason
    assert f'id="d-{base}" checked' in text and f'id="d-{other}" checked' in text
    assert 'value="只有一名执法人员"' in text
