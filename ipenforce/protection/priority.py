"""直通车 priority (wave2-rules.md G-01: announced, no rule text): a complaint from an enterprise on a key-enterprise
list goes first. The list lives above protection (programs), so protection only asks: settings.
PROTECTION_PRIORITY_CHECKS names functions `check(uscc) -> bool` (dotted paths), and an upper app may also register
one at start-up with `priority_check`. The centre's own flag on the complaint stays the centre's to set."""
import re
from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

USCC = re.compile(r"\b[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}\b")
_registered: list[Callable[[str], bool]] = []


def priority_check(check: Callable[[str], bool]) -> Callable[[str], bool]:
    """Register a check (an upper app's key-enterprise list) that answers whether a USCC goes first."""
    if check not in _registered:
        _registered.append(check)
    return check


def _checks() -> list[Callable[[str], bool]]:
    return [import_string(path) for path in getattr(settings, "PROTECTION_PRIORITY_CHECKS", ())] + _registered


def complainant_uscc(*texts: str) -> str:
    """The first unified social credit code (统一社会信用代码) found in the complainant's identity texts."""
    for text in texts:
        found = USCC.search((text or "").upper())
        if found:
            return found.group(0)
    return ""


def is_priority(*texts: str) -> bool:
    uscc = complainant_uscc(*texts)
    return bool(uscc) and any(check(uscc) for check in _checks())
