"""Shared fixtures: the demo city, API clients with tokens, a fast password hasher, concurrent callers."""
import json
import threading

import pytest
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import translation

from ipenforce.core.calendar import calendar_sync_from_package
from ipenforce.orgs.demo import DEMO_PASSWORD, seed_demo
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.services import token_issue


@pytest.fixture(autouse=True)
def _test_settings(settings, request, tmp_path):
    settings.AUDIT_ANCHOR_DIR = tmp_path / "audit-anchors"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    if "real_hasher" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A request in English leaves English active on the thread (LocaleMiddleware does not reset it); every test
    # starts in the platform's language.
    translation.activate(settings.LANGUAGE_CODE)
    # Rate limits and throttles count in the cache per minute; a count left by an earlier test on the same worker
    # must not decide this one.
    cache.clear()
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


def _flush_past_the_audit_trigger():
    """On PostgreSQL a trigger refuses TRUNCATE of audit rows; the suite's flush between transactional tests
    runs as a replica session (superuser only), for which ordinary triggers do not fire."""
    ops = type(connection.ops)
    if connection.vendor != "postgresql" or getattr(ops, "_audit_flush_patched", False):
        return
    original = ops.sql_flush

    def sql_flush(self, style, tables, **kwargs):
        statements = original(self, style, tables, **kwargs)
        return ["SET LOCAL session_replication_role = replica", *statements] if statements else statements

    ops.sql_flush = sql_flush
    ops._audit_flush_patched = True


@pytest.fixture(scope="session", autouse=True)
def _check_postgres_locale(django_db_setup, django_db_blocker):
    """pg_trgm and Chinese text need a Unicode LC_CTYPE; fail at once if the test database lacks it."""
    _flush_past_the_audit_trigger()
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
                ctype = cursor.fetchone()[0]
            assert "UTF-8" in ctype.upper() or "UTF8" in ctype.upper(), f"test database LC_CTYPE is {ctype}"


@pytest.fixture
def work_calendar(db):
    calendar_sync_from_package()


@pytest.fixture
def demo(db, work_calendar):
    seed_demo()
    return Demo()


class Demo:
    password = DEMO_PASSWORD

    def user(self, username: str) -> User:
        return User.objects.get(username=username)

    def agency(self, name: str) -> Agency:
        return Agency.objects.get(name=name)

    def client(self, username: str) -> Client:
        client = Client()
        client.force_login(self.user(username))
        return client

    def api(self, username: str) -> "ApiClient":
        _token, raw = token_issue(user=self.user(username), name="test")
        return ApiClient(raw)


class ApiClient:
    """A client that sends the bearer token and JSON bodies."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path, data=None, raw: str | None = None):
        body = raw if raw is not None else json.dumps(data or {})
        return self.client.post(path, body, content_type="application/json", headers=self.headers)

    def put(self, path, data):
        return self.client.put(path, json.dumps(data), content_type="application/json", headers=self.headers)

    def patch(self, path, data):
        return self.client.patch(path, json.dumps(data), content_type="application/json", headers=self.headers)

    def delete(self, path):
        return self.client.delete(path, headers=self.headers)


FUTIAN = "深圳市市场监督管理局福田监管局"
NANSHAN = "深圳市市场监督管理局南山监管局"
CITY = "深圳市市场监督管理局"


def run_at_once(target, calls: list[tuple]) -> list:
    """Run target(*args) for each args in its own thread and database connection, all released together;
    returns each call's result or the exception it raised, in order."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, args):
        close_old_connections()
        barrier.wait()
        try:
            results[index] = target(*args)
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, args)) for i, args in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
