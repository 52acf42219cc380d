"""Schemathesis against the committed OpenAPI schema, as an officer and as an administrator: a bounded number of
generated requests per operation (valid and invalid), none may answer 5xx, and every answer must match the
schema — its status declared, its media type and its body.

FUZZ_EXAMPLES sets the examples per operation and generation mode (default 14: about 3,000 requests in all)."""
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ipenforce.orgs.models import User
from ipenforce.orgs.services import token_issue

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "14"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SCHEMA = schemathesis.openapi.from_path(str(Path(settings.BASE_DIR) / "docs" / "openapi.json"))
SCHEMA.config.base_url = "http://testserver"


def _operations():
    return [result.ok() for result in SCHEMA.get_all_operations()]


def _fresh_token(username: str) -> str:
    """Each operation starts with a new token and an active account (an earlier operation may have revoked,
    reset or deactivated them — as it may)."""
    User.objects.filter(username=username).update(is_active=True)
    _token, raw = token_issue(user=User.objects.get(username=username), name="fuzz")
    return raw


@contextmanager
def keep_the_test_connection():
    """Django's real WSGI handler closes the database connection around each request (it is in the test's
    transaction, so it would be dropped); Django's own test client unhooks the same signals."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def fuzz_as(username: str) -> dict:
    app = get_wsgi_application()
    counts = {"requests": 0, "operations": 0, "statuses": {}}
    failures = []
    for operation in _operations():
        counts["operations"] += 1
        headers = {"Authorization": f"Bearer {_fresh_token(username)}"}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                                 phases=[Phase.generate], suppress_health_check=list(HealthCheck))
            def run(case):
                response = case.call(app=app, headers=headers)
                counts["requests"] += 1
                counts["statuses"][response.status_code] = counts["statuses"].get(response.status_code, 0) + 1
                case.validate_response(response, checks=CHECKS)

            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collected so every operation is tried
                failures.append(f"{operation.label} [{mode.value}]: {str(exc)[:1500]}")
    return {"counts": counts, "failures": failures}


@pytest.mark.parametrize("username", ["ft_officer1", "sz_admin"])
def test_no_server_error_and_every_answer_matches_the_schema(demo, username, capsys):
    with keep_the_test_connection():
        result = fuzz_as(username)
    counts = result["counts"]
    with capsys.disabled():
        print(f"\nschemathesis as {username}: {counts['requests']} requests over {counts['operations']} operations, "
              f"statuses {dict(sorted(counts['statuses'].items()))}, {len(result['failures'])} failures")
    assert not result["failures"], "\n\n".join(result["failures"])
    assert counts["requests"] >= 1400
    assert not any(status >= 500 for status in counts["statuses"])
