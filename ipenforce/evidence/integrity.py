"""Checks that apps above evidence add to `manage.py verify_evidence` (signed records, …): each a function that
checks what its app sealed and returns (how many it checked, a line naming each thing that changed)."""
from collections.abc import Callable

Check = Callable[[], tuple[int, list[str]]]
CHECKS: dict[str, Check] = {}


def register_check(label: str, check: Check) -> None:
    """Add a check under a label (e.g. "sealed records"); registering the same label again replaces it."""
    CHECKS[label] = check


def run_checks() -> list[tuple[str, int, list[str]]]:
    """Every registered check: (label, checked, problems)."""
    return [(label, *check()) for label, check in CHECKS.items()]
