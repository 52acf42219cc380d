from tests.cases.conftest import walker  # noqa: F401 — the case walker fixture, shared
