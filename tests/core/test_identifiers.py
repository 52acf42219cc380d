"""Check characters of USCC, resident ID, patent and trademark numbers (legal-rules.md §5 test values)."""
import pytest

from ipenforce.core.identifiers import (
    InvalidIdentifier,
    check_patent_number,
    check_resident_id,
    check_trademark_number,
    check_uscc,
)


@pytest.mark.parametrize("code", ["91440300708461136T", "91110000802100433B", "914403001922038216",
                                  "9144 0300 7084 6113 6t"])
def test_valid_uscc(code):
    assert check_uscc(code) == code.replace(" ", "").upper()


@pytest.mark.parametrize("code,message", [
    ("91440300708461136A", "校验位"), ("9144030070846113", "18位"), ("91440300708461136I", "不允许的字符"),
])
def test_invalid_uscc(code, message):
    with pytest.raises(InvalidIdentifier, match=message):
        check_uscc(code)


def test_resident_id():
    assert check_resident_id("11010519491231002x") == "11010519491231002X"
    with pytest.raises(InvalidIdentifier, match="校验位"):
        check_resident_id("110105194912310021")
    with pytest.raises(InvalidIdentifier, match="出生日期"):
        check_resident_id("110105194913310021")


def test_patent_numbers_new_and_old_format():
    assert check_patent_number("200310102344.5") == "ZL200310102344.5"
    assert check_patent_number("CN 2003 1 0102344.5") == "ZL200310102344.5"
    assert check_patent_number("ZL95115608.X") == "ZL95115608.X"
    with pytest.raises(InvalidIdentifier, match="校验位"):
        check_patent_number("ZL200310102344.6")
    with pytest.raises(InvalidIdentifier, match="类型位"):
        check_patent_number("200340102344.5")


def test_trademark_numbers_have_no_check_digit():
    assert check_trademark_number("12345678") == "12345678"
    assert check_trademark_number("g1234567") == "G1234567"
    with pytest.raises(InvalidIdentifier):
        check_trademark_number("123456789")


def test_organisation_code_worked_example():
    """§5.1 I3 (GB 11714): 70846113 → 6, the organisation code inside 91440300708461136T."""
    from ipenforce.core.identifiers import check_org_code, org_code_check_char  # noqa: I001

    assert org_code_check_char("70846113") == "6"
    assert check_org_code("70846113-6") == "708461136"
    with pytest.raises(InvalidIdentifier):
        check_org_code("708461137")


def test_legacy_registration_number_worked_example():
    """§5.1 I4 (ISO 7064 MOD 11,10): 14000010002828 → 6 (140000100028286)."""
    from ipenforce.core.identifiers import check_enterprise_code, check_registration_number, registration_check_digit

    assert registration_check_digit("14000010002828") == "6"
    assert check_registration_number("140000100028286") == "140000100028286"
    assert check_enterprise_code("140000100028286") == "140000100028286"
    assert check_enterprise_code("91440300708461136T") == "91440300708461136T"
    with pytest.raises(InvalidIdentifier, match="注册号校验位错误"):
        check_enterprise_code("140000100028287")
