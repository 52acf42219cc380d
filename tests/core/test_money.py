"""人民币大写 and figures as the documents print them."""
from decimal import Decimal

import pytest

from ipenforce.core.money import figures, in_words


@pytest.mark.parametrize("amount, words", [
    ("0", "人民币零元整"),
    ("0.50", "人民币伍角整"),
    ("0.05", "人民币伍分"),
    ("1", "人民币壹元整"),
    ("10", "人民币壹拾元整"),
    ("15", "人民币壹拾伍元整"),
    ("105", "人民币壹佰零伍元整"),
    ("1005.06", "人民币壹仟零伍元零陆分"),
    ("1050", "人民币壹仟零伍拾元整"),
    ("1234.50", "人民币壹仟贰佰叁拾肆元伍角整"),
    ("10000", "人民币壹万元整"),
    ("100050", "人民币壹拾万零伍拾元整"),
    ("120000", "人民币壹拾贰万元整"),
    ("250000", "人民币贰拾伍万元整"),
    ("1002000", "人民币壹佰万贰仟元整"),
    ("400000.07", "人民币肆拾万元零柒分"),
    ("100000001", "人民币壹亿零壹元整"),
    ("101000000", "人民币壹亿零壹佰万元整"),
    ("110000000", "人民币壹亿壹仟万元整"),
    ("1000010000", "人民币壹拾亿零壹万元整"),
    ("3.456", "人民币叁元肆角陆分"),
])
def test_in_words(amount, words):
    assert in_words(Decimal(amount)) == words


def test_figures_and_empty():
    assert figures(Decimal("1234567.5")) == "1,234,567.50"
    assert figures(None) == in_words(None) == ""
    with pytest.raises(ValueError):
        in_words(Decimal("-1"))
