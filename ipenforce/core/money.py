"""Amounts of money as official documents write them: in figures (1,234.50) and in 大写 (人民币壹仟贰佰叁拾肆元伍角整),
the way bank and finance forms spell them (the zero rules of 《支付结算办法》附件 正确填写票据和结算凭证的基本规定)."""
from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")


def figures(amount: Decimal | None) -> str:
    """1234.5 → "1,234.50"; None → ""."""
    return "" if amount is None else f"{Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def _group(number: int) -> str:
    """0–9999 with its zeros: 1005 → 壹仟零伍, 1050 → 壹仟零伍拾, 1500 → 壹仟伍佰."""
    out, zero = "", False
    for position in range(3, -1, -1):
        digit = number // 10 ** position % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[digit] + SMALL_UNITS[position]
    return out


def _integer(number: int) -> str:
    if number == 0:
        return ""
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(GROUP_UNITS):
        raise ValueError("amount too large")
    out, zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        value = groups[index]
        if value == 0:
            zero = bool(out)
            continue
        if out and (zero or value < 1000):
            out += "零"
        out += _group(value) + GROUP_UNITS[index]
        zero = False
    return out


def in_words(amount: Decimal | None) -> str:
    """人民币大写: 120000 → 人民币壹拾贰万元整; 1005.06 → 人民币壹仟零伍元零陆分; 0.5 → 人民币伍角整."""
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError("a negative amount has no 大写")
    cents = int(amount * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "人民币零元整"
    out = _integer(yuan) + ("元" if yuan else "")
    if jiao == 0 and fen == 0:
        return "人民币" + out + "整"
    if jiao:
        out += DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += DIGITS[fen] + "分"
    else:
        out += "整"
    return "人民币" + out
