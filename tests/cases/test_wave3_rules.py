"""The last items of legal-rules.md wired into the case: the label crime (§3.3.3), copy counts and online
dissemination (§3.3.5), service marks (§3.3.1), trade secrets (§3.3.7, F7), the fixed and platform fine ranges
(F4, F8), the bona fide seller (F1a) and the explanatory rules shown where they apply (F1b, F1c, F5a, F5b) — each
with the document's values."""
from datetime import date

import pytest

from tests.cases.conftest import RIGHTS
from tests.cases.test_time_limits import at

pytestmark = pytest.mark.django_db

LABELS, COPY, SELL = "crime.trademark_labels", "crime.copyright_infringement", "crime.selling_infringing_copies"
SERVICE, SECRET = "crime.service_mark_counterfeiting", "crime.trade_secret"


def check(walker, rule):
    return next((c for c in walker.case["crime_checks"] if c["rule"] == rule), None)


def register(walker, ip_type, conduct, **extra):
    with at(date(2026, 1, 5)):
        return walker.register(ip_type, discovered_on="2026-01-04", conduct_on=conduct, **extra)


# ---- §3.3.3 labels (C215-2004, C215-2011, C215-2025) ----

@pytest.mark.parametrize("extra,met", [
    ({"label_count": 20000}, True),  # 2004 interp. art.3: ≥ 2万件
    ({"label_count": 19999}, False),
    ({"illegal_turnover": "50000"}, True),
    ({"illegal_gains": "29999"}, False),
])
def test_label_crime_by_count_and_amounts_before_2025(walker, extra, met):
    register(walker, "trademark", "2024-06-01", offence="tm_labels", **extra)
    result = check(walker, LABELS)
    assert result["met"] is met
    # the label offence is measured against art.215 only, not the counterfeiting or selling thresholds
    assert {c["rule"] for c in walker.case["crime_checks"]} == {LABELS}
    if met:
        assert "法释〔2004〕19号第三条" in result["governing"]
        assert any("法释〔2025〕5号第六条" in flag and "⚠" in flag for flag in result["flags"])


def test_two_marks_halve_the_label_count(walker):
    second = {**RIGHTS["trademark"], "trademark_number": "7654321", "holder": "另一品牌"}
    register(walker, "trademark", "2024-06-01", offence="tm_labels", label_count=10000,
             rights=[RIGHTS["trademark"], second])
    assert check(walker, LABELS)["met"] is True and "涉及2件以上权利" in check(walker, LABELS)["tier"]


@pytest.mark.parametrize("sold,unsold,met", [
    (None, 60000, True),  # 2011 意见 item 9: unsold labels ≥ 6万件, an attempt
    (15000, 45000, True),  # sold < 2万 but sold + unsold ≥ 6万
    (15000, 44999, False),
])
def test_unsold_labels_are_an_attempt_under_the_2011_opinion(walker, sold, unsold, met):
    register(walker, "trademark", "2024-06-01", offence="tm_labels", label_count=sold, unsold_label_count=unsold)
    result = check(walker, LABELS)
    assert result["met"] is met
    if met:
        assert "法发〔2011〕3号第九条" in result["governing"] and "以未遂论" in result["tier"]


def test_label_conduct_after_2025_needs_manual_assessment_not_an_invented_number(walker, demo):
    register(walker, "trademark", "2025-06-01", offence="tm_labels", label_count=100000)
    result = check(walker, LABELS)
    assert result["met"] is False and result["manual"] is True and result["verified"] is False
    assert "需人工研判" in result["tier"] and walker.case["crime_checks"] == [result]
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
    assert "需人工研判" in page and "标识件数" in page


def test_patent_and_trade_secret_conduct_after_2025_need_manual_assessment(walker):
    register(walker, "patent", "2025-06-01", illegal_gains="500000")
    assert check(walker, "crime.patent_counterfeiting")["manual"] is True  # C216-2025 ⚠
    register(walker, "trade_secret", "2025-06-01", loss_amount="3000000")
    assert check(walker, SECRET)["manual"] is True  # C219-2025 ⚠


# ---- §3.3.5 copies and online dissemination (C217-2004, C217-2007, C217-2008, C217-2011) ----

@pytest.mark.parametrize("conduct,copies,met,governing", [
    ("2006-01-01", 1000, True, "法释〔2004〕19号第五条"),  # 2004 art.5: ≥ 1,000 copies
    ("2006-01-01", 999, False, ""),
    ("2009-01-01", 500, True, "法释〔2007〕6号第一条"),  # 2007 art.1: ≥ 500
    ("2024-06-01", 500, True, "《立案追诉标准（一）》第二十六条"),  # 2008 art.26 restates 500
    ("2024-06-01", 499, False, ""),
])
def test_copy_counts_decided_by_the_version_at_the_conduct(walker, conduct, copies, met, governing):
    register(walker, "copyright", conduct, copy_count=copies)
    result = check(walker, COPY)
    assert result["met"] is met
    if met:
        assert governing in result["governing"] and "复制品数量" in result["tier"]
        # the 2025 version defines no copy count: the conduct-time version decides, flagged
        assert any("较新版本未完整编码" in flag for flag in result["flags"])


@pytest.mark.parametrize("extra,met", [
    ({"click_count": 50000}, True),  # 2011 意见 item 13: actual clicks ≥ 5万
    ({"works_count": 500}, True),
    ({"member_count": 1000}, True),
    ({"works_count": 250, "member_count": 500}, True),  # two of the above each ≥ half
    ({"illegal_turnover": "25000", "click_count": 25000}, True),
    ({"works_count": 250}, False),
    ({"works_count": 249, "member_count": 999}, False),
])
def test_online_dissemination_figures(walker, extra, met):
    register(walker, "copyright", "2024-06-01", **extra)
    result = check(walker, COPY)
    assert result["met"] is met
    if met:
        assert "法发〔2011〕3号第十三条" in result["governing"]


def test_online_figures_before_the_2011_opinion_do_not_count(walker):
    register(walker, "copyright", "2010-06-01", click_count=100000)
    assert check(walker, COPY)["met"] is False


def test_thousand_copies_sold_after_2025_reach_the_selling_threshold(walker):
    register(walker, "copyright", "2025-06-01", copy_count=1000)  # C218-2025: copies sold ≥ 1,000
    assert check(walker, SELL)["met"] is True
    register(walker, "copyright", "2025-03-01", copy_count=1000)  # the old art.218 version has no copy count
    assert check(walker, SELL)["met"] is False


# ---- §3.3.1 service marks (C213-2025S) ----

SERVICE_MARK = {"ip_type": "trademark", "trademark_number": "23456789", "trademark_class": 41, "holder": "某教育公司"}


@pytest.mark.parametrize("conduct,gains,marks,met", [
    ("2025-06-01", "50000", 1, True),  # 违法所得 ≥ 5万
    ("2025-06-01", "49999", 1, False),
    ("2025-06-01", "30000", 2, True),  # two or more service marks: ≥ 3万
])
def test_service_mark_counterfeiting_under_the_2025_interpretation(walker, demo, conduct, gains, marks, met):
    rights = [SERVICE_MARK, {**SERVICE_MARK, "trademark_number": "23456790", "trademark_class": 43}][:marks]
    register(walker, "trademark", conduct, illegal_gains=gains, rights=rights)
    assert check(walker, SERVICE)["met"] is met
    # a case of service marks only is not measured against the goods thresholds
    assert check(walker, "crime.trademark_counterfeiting") is None
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
    assert "服务商标" in page


def test_service_mark_conduct_before_any_interpretation_uses_the_2025_one_and_before_2021_is_no_crime(walker):
    register(walker, "trademark", "2023-01-01", illegal_gains="50000", rights=[SERVICE_MARK])
    result = check(walker, SERVICE)
    assert result["met"] is True and any("行为时尚无司法解释" in flag for flag in result["flags"])
    register(walker, "trademark", "2020-06-01", illegal_gains="500000", rights=[SERVICE_MARK])
    assert check(walker, SERVICE) is None


def test_goods_marks_keep_the_goods_thresholds(walker):
    register(walker, "trademark", "2025-06-01", illegal_gains="30000")
    assert check(walker, "crime.trademark_counterfeiting")["met"] is True and check(walker, SERVICE) is None


# ---- §3.3.7 trade secrets (C219-2004, C219-2020) and F7 ----

@pytest.mark.parametrize("conduct,extra,met,governing", [
    ("2019-06-01", {"loss_amount": "500000"}, True, "法释〔2004〕19号第七条"),  # loss ≥ 50万
    ("2019-06-01", {"loss_amount": "499999"}, False, ""),
    ("2022-01-01", {"loss_amount": "300000"}, True, "法释〔2020〕10号第四条"),  # loss or gains ≥ 30万
    ("2022-01-01", {"illegal_gains": "300000"}, True, "法释〔2020〕10号第四条"),
    ("2022-01-01", {"loss_amount": "299999"}, False, ""),
])
def test_trade_secret_thresholds(walker, conduct, extra, met, governing):
    register(walker, "trade_secret", conduct, **extra)
    result = check(walker, SECRET)
    assert result["met"] is met
    if met:
        assert governing in result["governing"]
        assert any("⚠" in flag for flag in result["flags"])  # the 2025 figures are not given


def test_trade_secret_fine_range_and_serious_circumstances(walker):
    register(walker, "trade_secret", "2024-06-01")
    assert walker.case["fine_range"]["rule"] == "fine.trade_secret"
    assert (walker.case["fine_range"]["low"], walker.case["fine_range"]["high"]) == ("100000", "1000000")
    register(walker, "trade_secret", "2024-06-01", serious_circumstances=True)
    assert (walker.case["fine_range"]["low"], walker.case["fine_range"]["high"]) == ("500000", "5000000")
    register(walker, "trade_secret", "2025-11-01")  # AUCL 2025 revision: article and amounts not read (⚠)
    assert walker.case["fine_range"]["verified"] is False


def test_a_trade_secret_needs_its_name(walker):
    body = {"title": "t", "source": "inspection", "ip_type": "trade_secret", "description": "d",
            "discovered_on": "2026-01-04", "rights": [{"ip_type": "trade_secret", "holder": "某公司"}]}
    response = walker.api("ft_officer1").post("/api/v1/cases", body)
    assert response.status_code == 422 and response.json()["code"] == "secret_required"


# ---- F4, F8 ----

def test_well_known_words_fine_is_fixed_and_not_criminal(walker):
    register(walker, "trademark", "2024-06-01", offence="tm_well_known_words", illegal_turnover="1000000")
    fine = walker.case["fine_range"]
    assert fine["rule"] == "fine.trademark_well_known_words" and (fine["low"], fine["high"]) == ("100000", "100000")
    assert walker.case["crime_checks"] == []


@pytest.mark.parametrize("ip_type", ["trademark", "copyright", "patent"])
def test_ecommerce_platform_fine_for_any_ip_type(walker, ip_type):
    register(walker, ip_type, "2024-06-01", offence="ecommerce_platform")
    fine = walker.case["fine_range"]
    assert fine["rule"] == "fine.ecommerce_platform" and (fine["low"], fine["high"]) == ("50000", "500000")
    assert walker.case["crime_checks"] == []
    register(walker, ip_type, "2024-06-01", offence="ecommerce_platform", serious_circumstances=True)
    assert (walker.case["fine_range"]["low"], walker.case["fine_range"]["high"]) == ("500000", "2000000")


# ---- F1a, F1b, F1c, F5a, F5b ----

def test_bona_fide_seller_is_not_fined(walker):
    register(walker, "trademark", "2025-06-01", innocent_seller=True, illegal_turnover="10000")
    with at(date(2026, 1, 5)):
        walker.to_investigation()
        refused = walker.act("ft_officer1", "submit_report", expect=422, findings="善意销售", proposed_fine="1000")
    assert refused["code"] == "innocent_seller_no_fine" and "第六十条第二款" in refused["message"]
    assert refused["field"] == "proposed_fine"
    rules = [e["rule"] for e in walker.case["explanations"]]
    assert "fine.trademark_innocent_seller" in rules


def test_bona_fide_seller_does_not_guard_other_articles(walker):
    register(walker, "trademark", "2025-06-01", offence="tm_false_registered", innocent_seller=True)
    assert "fine.trademark_innocent_seller" not in [e["rule"] for e in walker.case["explanations"]]


def test_explanatory_rules_shown_where_they_apply(walker, demo):
    register(walker, "trademark", "2025-06-01")
    shown = {e["rule"]: e for e in walker.case["explanations"]}
    assert shown["fine.trademark_turnover_factors"]["field"] == "illegal_turnover"
    assert "市场中间价格" in shown["fine.trademark_turnover_factors"]["text"]
    assert "调解" in shown["fine.trademark_mediation"]["text"]
    page = demo.client("ft_officer1").get(f"/cases/{walker.case['id']}/").content.decode()
    assert "《商标法实施条例》（2014）第七十八条" in page
    register(walker, "patent", "2025-06-01")
    shown = {e["rule"] for e in walker.case["explanations"]}
    assert shown == {"patent.counterfeiting_acts", "patent.counterfeiting_powers"}
    register(walker, "copyright", "2025-06-01")
    assert walker.case["explanations"] == []


def test_rules_page_says_where_the_new_rules_are_used(demo):
    page = demo.client("ft_officer1").get("/rules/").content.decode()
    for text in ("善意销售者不得罚款", "需人工研判", "情节严重的罚款幅度", "选择违法行为类别处显示假冒专利的行为"):
        assert text in page


# ---- §5.1 I2: early pilot USCCs are a warning, not an error ----

PILOT = "913502007084611368"  # 厦门 (350200), check character 3 expected: as some early pilot codes do


def test_early_pilot_code_saves_with_a_warning(walker, demo):
    party = {"kind": "organisation", "name": "厦门某贸易有限公司", "uscc": PILOT}
    case = walker.register("trademark", party=party)
    assert case["parties_detail"][0]["uscc"] == PILOT
    assert len(case["warnings"]) == 1 and "identifier.uscc_pilot_codes" in case["warnings"][0]
    response = walker.api("ft_officer1").post(f"/api/v1/cases/{case['id']}/parties",
                                              {"version": case["version"], **party, "name": "另一公司"})
    assert response.status_code == 201 and "早期试点" in response.json()["warnings"][0]
    walker.refresh()
    page = demo.client("ft_officer1").post(f"/cases/{case['id']}/parties/", {
        "version": walker.case["version"], "party-kind": "organisation", "party-name": "第三家公司",
        "party-uscc": PILOT}, follow=True).content.decode()
    assert "早期试点" in page


def test_a_wrong_check_character_elsewhere_is_still_refused(walker):
    party = {"kind": "organisation", "name": "深圳某公司", "uscc": "914403007084611368"}
    body = {"title": "t", "source": "inspection", "ip_type": "trademark", "description": "d",
            "discovered_on": "2026-01-04", "parties": [party]}
    response = walker.api("ft_officer1").post("/api/v1/cases", body)
    assert response.status_code == 422 and response.json()["code"] == "invalid_uscc"
    valid = walker.register("trademark")
    assert valid["warnings"] == []


def test_case_form_explains_turnover_and_patent_acts_where_they_are_entered(demo):
    page = demo.client("ft_officer1").get("/cases/new/").content.decode()
    assert "被侵权商品的市场中间价格" in page and "《专利法实施细则》（2023）第一百零一条" in page


def test_rules_api_names_the_scope_of_a_criminal_rule(walker):
    rule = walker.api("ft_officer1").get("/api/v1/rules/crime.service_mark_counterfeiting").json()
    assert (rule["ip_type"], rule["marks"], rule["crime_since"]) == ("trademark", "services", "2021-03-01")
    labels = walker.api("ft_officer1").get("/api/v1/rules/crime.trademark_labels").json()
    assert labels["offence"] == "tm_labels" and labels["versions"][-1]["tiers"] == []
    assert labels["versions"][-1]["verified"] is False


@pytest.mark.parametrize("guard,payload", [
    ("decision_allowed", {"outcome": "penalty", "fine": "5000", "reason": "x"}),
    ("simple_fine_within_limit", {"penalty": "fine", "fine": "200"}),
    ("proposed_fine_in_range", {"proposed_fine": "1000"}),
])
def test_every_fine_step_refuses_a_fine_on_a_bona_fide_seller(guard, payload):
    from decimal import Decimal

    from ipenforce.cases import workflow

    facts = workflow.Facts(state="deciding", procedure="ordinary", today=date(2026, 1, 5),
                           excludes_computed_from_simple=False, fine_range=(Decimal(0), Decimal(250000)),
                           innocent_seller="《中华人民共和国商标法》（2019）第六十条第二款")
    payload = {k: Decimal(v) if k in ("fine", "proposed_fine") else v for k, v in payload.items()}
    assert getattr(workflow, guard)(facts, payload).code == "innocent_seller_no_fine"
    facts.innocent_seller = ""
    assert getattr(workflow, guard)(facts, payload) is None
    assert getattr(workflow, guard)(workflow.Facts(
        state="deciding", procedure="ordinary", today=date(2026, 1, 5), excludes_computed_from_simple=False,
        innocent_seller="x"), {**payload, "fine": Decimal(0), "proposed_fine": Decimal(0),
                               "outcome": "no_penalty", "penalty": "warning"}) is None
