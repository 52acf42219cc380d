"""Masking personal information (个人信息保护法 art. 51): identity numbers, phone numbers and home addresses of
natural persons show only enough to tell records apart, unless the viewer needs the full value."""
import re

MASK = "*"


def mask_id_number(value: str) -> str:
    """110105********002X: the region and the last four characters."""
    value = value or ""
    if len(value) <= 8:
        return MASK * len(value)
    return value[:6] + MASK * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """138****5678: the first three and last four digits."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) < 7:
        return MASK * len(value or "")
    return digits[:3] + MASK * (len(digits) - 7) + digits[-4:]


def mask_address(value: str) -> str:
    """深圳市福田区****: the city and district, never the street and number."""
    value = value or ""
    match = re.match(r"^(.*?[省市区县旗])", value[:12])
    kept = match.group(1) if match else value[:3]
    if len(kept) >= len(value):
        kept = value[: max(0, len(value) // 2)]
    return kept + MASK * 4 if value else ""
