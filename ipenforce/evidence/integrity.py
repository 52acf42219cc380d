"""Checks that higher apps add to `verify_evidence` (generated documents, templates and case files from the
documents app), without this app importing them: each returns (label, how many checked, problems)."""
from collections.abc import Callable

_checks: list[Callable[[], tuple[str, int, list[str]]]] = []


def register_check(check: Callable[[], tuple[str, int, list[str]]]) -> None:
    if check not in _checks:
        _checks.append(check)


def registered_checks() -> list[Callable[[], tuple[str, int, list[str]]]]:
    return list(_checks)
