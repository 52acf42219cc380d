"""§3.3.8 (rule "crime.fines"): the court's fine on a transfer is shown with its statutory basis — 1×–5× 违法所得,
else 50 %–100 % of 非法经营数额 (法释〔2020〕10号第十条) — and flagged where it lies outside; the 2025 interpretation's
fine article is unverified (⚠) and nothing is compared. The bureau never computes the fine."""
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from ipenforce.linkage import fines
from tests.linkage.test_transfers import TransferWalker

pytestmark = pytest.mark.django_db


def transfer(fine, conduct=date(2024, 6, 1), gains=None, turnover=None):
    case = SimpleNamespace(rule_date=conduct, illegal_gains=gains, illegal_turnover=turnover)
    return SimpleNamespace(case=case, criminal_fine=fine)


@pytest.mark.parametrize("fine,gains,turnover,basis,low,high,outside", [
    (Decimal(100000), Decimal(30000), Decimal(600000), "gains", "30000.00", "150000.00", False),
    (Decimal(200000), Decimal(30000), None, "gains", "30000.00", "150000.00", True),
    (Decimal(20000), Decimal(30000), None, "gains", "30000.00", "150000.00", True),
    (Decimal(300000), None, Decimal(600000), "turnover", "300000.00", "600000.00", False),
    (Decimal(700000), None, Decimal(600000), "turnover", "300000.00", "600000.00", True),
])
def test_fine_beside_the_2020_interpretation(fine, gains, turnover, basis, low, high, outside):
    result = fines.fine_basis(transfer(fine, gains=gains, turnover=turnover))
    assert result.rule == "crime.fines" and "法释〔2020〕10号第十条" in result.citation and result.verified
    assert (result.basis, str(result.low), str(result.high), result.outside) == (basis, low, high, outside)


def test_no_amounts_or_the_2025_interpretation_compare_nothing():
    assert fines.fine_basis(transfer(Decimal(50000))).basis == ""  # neither amount known: sentence not recorded
    result = fines.fine_basis(transfer(Decimal(50000), conduct=date(2025, 6, 1), gains=Decimal(30000)))
    assert result.verified is False and result.basis == "" and not result.outside
    assert "未核实" in result.text


def test_judgment_shows_the_basis_on_the_transfer(demo, walker):
    tw = TransferWalker(demo, walker)
    walker.register("trademark", conduct_on="2025-01-01", illegal_turnover="600000", illegal_gains="30000")
    walker.to_investigation()
    tw.transfer = walker.api("ft_officer1").post(f"/api/v1/cases/{walker.case['id']}/transfers",
                                                 {"report": "涉嫌假冒注册商标罪"}).json()
    tw.send()
    tw.refresh("ft_police")
    tw.act("ft_police", "acknowledge")
    tw.act("ft_police", "file", filed_on=str(date.today()))
    tw.refresh("ft_police")
    tw.act("ft_police", "transfer_prosecution")
    tw.refresh("sz_procurator")
    tw.act("sz_procurator", "indict", court_id=demo.agency("深圳市中级人民法院").pk)
    tw.refresh("sz_court")
    tw.act("sz_court", "judge", verdict="并处罚金二十万元", criminal_fine="200000")
    basis = tw.transfer["fine_basis"]
    assert basis["outside"] is True and basis["basis"] == "gains" and basis["high"] == "150000.00"
    page = demo.client("ft_officer1").get(f"/transfers/{tw.transfer['id']}/").content.decode()
    assert "判处的罚金在此幅度之外" in page and "法释〔2020〕10号第十条" in page
