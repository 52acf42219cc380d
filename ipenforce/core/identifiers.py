"""Check characters of Chinese identifiers (legal-rules.md §5): USCC, organisation code, legacy 注册号, resident ID,
patent and trademark numbers.

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


# legal-rules.md §5.1 I2 (rule identifier.uscc_pilot_codes): some early pilot codes of 福建/厦门 do not satisfy the
# check character and are to be handled as warnings. 35 is 福建's GB/T 2260 code (厦门 3502 lies under it).
PILOT_REGIONS = ("35",)
PILOT_RULE = "identifier.uscc_pilot_codes"


def uscc_pilot_warning(value: str) -> tuple[str, str]:
    """(the code, a warning) for a code whose only fault is the check character and whose registration region is
    one of the early pilots; raises InvalidIdentifier for any other invalid code. ("", "") when the code is valid."""
    try:
        check_enterprise_code(value)
        return "", ""
    except InvalidIdentifier:
        code = _compact(value)
        if len(code) == 18 and _USCC_FORMAT.match(code) and code[2:8].startswith(PILOT_REGIONS):
            return code, _("统一社会信用代码校验位不符；福建、厦门的部分早期试点代码如此，已保存，请核对营业执照"
                           "（%(rule)s）。") % {"rule": PILOT_RULE}
        raise


ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
_ORG_FORMAT = re.compile(r"^[0-9A-Z]{8}-?[\dX]$")
_REGISTRATION_FORMAT = re.compile(r"^\d{15}$")


def org_code_check_char(first8: str) -> str:
    """组织机构代码 (GB 11714-1997, legal-rules.md §5.1 I3): r = 11 − (Σ mod 11); 10 → X, 11 → 0."""
    total = sum(int(c, 36) * w for c, w in zip(first8, ORG_WEIGHTS))
    r = 11 - total % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def check_org_code(value: str) -> str:
    code = _compact(value)
    if not _ORG_FORMAT.match(code):
        raise InvalidIdentifier(_("组织机构代码应为8位本体代码加1位校验码。"))
    code = code.replace("-", "")
    if org_code_check_char(code[:8]) != code[8]:
        raise InvalidIdentifier(_("组织机构代码校验码错误，请核对。"))
    return code


def registration_check_digit(first14: str) -> str:
    """15-digit 注册号 of pre-2015 entities (legal-rules.md §5.1 I4): ISO 7064 MOD 11,10."""
    p = 10
    for digit in first14:
        s = (p + int(digit)) % 10 or 10
        p = (2 * s) % 11
    return str((11 - p) % 10)


def check_registration_number(value: str) -> str:
    number = _compact(value)
    if not _REGISTRATION_FORMAT.match(number):
        raise InvalidIdentifier(_("注册号应为15位数字。"))
    if registration_check_digit(number[:14]) != number[14]:
        raise InvalidIdentifier(_("注册号校验位错误，请核对。"))
    return number


def check_enterprise_code(value: str) -> str:
    """A party's code: the 18-character USCC, or the legacy 15-digit 注册号 old records and court documents still
    carry (legal-rules.md §5.1)."""
    compact = _compact(value)
    if len(compact) == 15 and compact.isdigit():
        return check_registration_number(compact)
    return check_uscc(compact)


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
