"""PostgreSQL connections send `-c jit=off` added to the URL's own options, unless IPENFORCE_DB_JIT asks to leave the
server's setting (a pooler that refuses startup options)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
URL = "postgres://app@db.example:5432/ipenforce?options=-c%20statement_timeout%3D5000"


def _options(**env) -> dict:
    script = ("import django, json; django.setup(); from django.conf import settings; "
              "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))")
    environ = {key: value for key, value in os.environ.items() if key != "IPENFORCE_DB_JIT"}
    environ.update(DJANGO_SETTINGS_MODULE="config.settings", IPENFORCE_DEBUG="1", IPENFORCE_DATABASE_URL=URL, **env)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("jit", "expected"), [(None, "-c statement_timeout=5000 -c jit=off"),
                                               ("1", "-c statement_timeout=5000")])
def test_jit_off_is_added_to_the_urls_options(jit, expected):
    assert _options(**({"IPENFORCE_DB_JIT": jit} if jit else {}))["options"] == expected
