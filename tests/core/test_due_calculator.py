"""The rules' due-date calculator, API (`POST /api/v1/rules/due`) and page, across the 2026 Spring Festival
(2月15日–23日 off, 2月14日 and 2月28日 Saturdays worked) and National Day (10月1日–7日 off, 10月10日 worked)."""
import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rule,start,due", [
    # T1: 15 working days from 2026-02-10 — Feb 11–14 (4, the 14th a worked Saturday), Feb 24–28 (5), Mar 2–6 (5),
    # Mar 9 (the 15th)
    ("admin.lead_verification", "2026-02-10", "2026-03-09"),
    # T4: 5 working days from 2026-09-28 — Sep 29, 30, Oct 8, 9 and the worked Saturday Oct 10
    ("admin.statement_period", "2026-09-28", "2026-10-10"),
    # T7: 15 natural days from 2026-09-20 end on Oct 5, a holiday, and roll to the next working day
    ("admin.fine_payment", "2026-09-20", "2026-10-08"),
    # T2: 90 natural days from 2025-11-20 end on 2026-02-18, in the Spring Festival → 2026-02-24
    ("admin.decision_ordinary", "2025-11-20", "2026-02-24"),
])
def test_calculator_answers_across_the_2026_holidays(demo, rule, start, due):
    response = demo.api("ft_officer1").post("/api/v1/rules/due", {"rule": rule, "start": start})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["due"] == due and body["rule"] == rule and body["citation"]


def test_calculator_page_shows_the_due_date(demo):
    page = demo.client("ft_officer1").get("/rules/", {"rule": "admin.lead_verification", "start": "2026-02-10",
                                                      "extensions_granted": 0}).content.decode()
    assert "2026-03-09" in page or "2026年3月9日" in page


def test_an_unknown_rule_is_a_json_404(demo):
    response = demo.api("ft_officer1").post("/api/v1/rules/due", {"rule": "admin.nothing", "start": "2026-02-10"})
    assert response.status_code == 404 and response.json()["code"] == "rule_not_found"


def test_rules_page_and_api_show_where_each_rule_is_used(demo):
    page = demo.client("ft_officer1").get("/rules/").content.decode()
    assert "超过追责时效的予以拒绝" in page  # T16, a guard of the case procedure
    assert "立案：停止期限" in page  # T1, a clock the engine records from the procedure
    body = demo.api("ft_officer1").get("/api/v1/rules/admin.limitation").json()
    assert any("超过追责时效的予以拒绝" in where for where in body["used_by"])
    assert "limitation_expired" not in page  # the refusal's code is for programs, not people
    transfer = demo.api("ft_officer1").get("/api/v1/rules/linkage.police_receipt").json()
    assert transfer["used_by"]


def test_rules_list_api_carries_every_rules_uses(demo):
    body = demo.api("ft_officer1").get("/api/v1/rules").json()
    uses = {rule["key"]: rule["used_by"] for rule in body}
    assert any("反向衔接" in where for where in uses["linkage.reverse_transfer"])
    assert uses["linkage.copy_procuratorate"] == []  # a local pattern nobody adopted governs nothing
