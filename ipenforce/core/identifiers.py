"""Check characters of Chinese identifiers (legal-rules.md §5): USCC, resident ID, patent and trademark numbers.

Each `check_*` returns the normalised value or raises `InvalidIdentifier` with a Chinese message.
"""
import re
from datetime import date

from django.utils.translation import gettext as _


class InvalidIdentifier(ValueError):
    pass


USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_USCC_FORMAT = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
ID_CHECK = "10X98765432"
_ID_FORMAT = re.compile(r"^\d{17}[\dX]$")

_PATENT_FORMAT = re.compile(r"^(?:CN|ZL)?(\d{8}|\d{12})\.?([\dX])$")
PATENT_TYPES = {"1": "发明", "2": "实用新型", "3": "外观设计", "8": "PCT发明", "9": "PCT实用新型"}

_TRADEMARK_FORMAT = re.compile(r"^(?:\d{1,8}|G\d{6,7})$")


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def check_uscc(value: str) -> str:
    """统一社会信用代码 (GB 32100-2015): 18 characters, check character over weights 3^i mod 31."""
    code = _compact(value)
    if len(code) != 18:
        raise InvalidIdentifier(_("统一社会信用代码应为18位，当前为%(n)s位。") % {"n": len(code)})
    if not _USCC_FORMAT.match(code):
        raise InvalidIdentifier(_("统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）。"))
    if uscc_check_char(code[:17]) != code[17]:
        raise InvalidIdentifier(_("统一社会信用代码校验位错误，请核对。"))
    return code


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def check_resident_id(value: str) -> str:
    """公民身份号码 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2, with a real birth date."""
    number = _compact(value)
    if not _ID_FORMAT.match(number):
        raise InvalidIdentifier(_("身份证号应为18位：17位数字加1位数字或X。"))
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdentifier(_("身份证号中的出生日期无效。")) from None
    if born.year < 1900 or born > date.today():
        raise InvalidIdentifier(_("身份证号中的出生日期无效。"))
    if id_check_char(number[:17]) != number[17]:
        raise InvalidIdentifier(_("身份证号校验位错误，请核对。"))
    return number


def patent_check_char(digits: str) -> str:
    weights = [2, 3, 4, 5, 6, 7, 8, 9]
    remainder = sum(int(d) * weights[i % 8] for i, d in enumerate(digits)) % 11
    return "X" if remainder == 10 else str(remainder)


def check_patent_number(value: str) -> str:
    """专利申请号/专利号 (ZC 0006-2003 and the 1985 format): digits, a dot and the check character."""
    compact = _compact(value)
    match = _PATENT_FORMAT.match(compact)
    if not match:
        raise InvalidIdentifier(
            _("专利号格式应为“ZL”或“CN”（可省略）加8位或12位数字、小数点和校验位，例如 ZL200310102344.5。"))
    digits, check = match.groups()
    kind = digits[4] if len(digits) == 12 else digits[2]
    if kind not in PATENT_TYPES:
        raise InvalidIdentifier(_("专利号中的专利类型位应为1、2、3、8或9。"))
    if len(digits) == 12 and not 1985 <= int(digits[:4]) <= date.today().year:
        raise InvalidIdentifier(_("专利号中的申请年份无效。"))
    if patent_check_char(digits) != check:
        raise InvalidIdentifier(_("专利号校验位错误，请核对。"))
    return f"ZL{digits}.{check}"


def check_trademark_number(value: str) -> str:
    """商标注册号: a decimal serial of up to 8 digits, or G + 6–7 digits for a Madrid registration. No check digit
    is known (legal-rules.md §5.4, unverified)."""
    number = _compact(value)
    if not _TRADEMARK_FORMAT.match(number):
        raise InvalidIdentifier(_("商标注册号应为1至8位数字，马德里国际注册为G加6至7位数字。"))
    return number
