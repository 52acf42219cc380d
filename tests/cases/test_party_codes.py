"""A party's code: the USCC or the legacy 15-digit 注册号 (legal-rules.md §5.1)."""
import pytest

pytestmark = pytest.mark.django_db


def test_a_party_may_carry_the_legacy_15_digit_registration_number(walker):
    """§5.1 I4: old records carry the pre-2015 注册号; it is checked (MOD 11,10), not refused as a bad USCC."""
    party = {"kind": "organisation", "name": "某老字号商行", "uscc": "140000100028286", "address": "深圳市"}
    walker.register("trademark", party=party)
    assert walker.case["parties_detail"][0]["uscc"] == "140000100028286"
    bad = {**party, "uscc": "140000100028287"}
    body = {"title": "t", "source": "inspection", "ip_type": "trademark", "description": "d",
            "discovered_on": "2026-01-04", "parties": [bad]}
    response = walker.api("ft_officer1").post("/api/v1/cases", body)
    assert response.status_code == 422 and "注册号校验位错误" in response.json()["message"]
