"""The idle timeout: a session ends SESSION_COOKIE_AGE after its last use, to within SESSION_IDLE_REFRESH; a page
view writes the session row only when its expiry was last pushed forward that long ago (issue 20)."""
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _session_writes(client, path="/rules/") -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    writes = [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].lstrip().startswith("SELECT")]
    return status, len(writes)


def test_the_expiry_moves_at_most_once_a_minute_and_the_session_ends_when_idle(demo):
    age, refresh = timedelta(seconds=settings.SESSION_COOKIE_AGE), timedelta(seconds=settings.SESSION_IDLE_REFRESH)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = demo.client("ft_officer1")
        assert _session_writes(client) == (200, 1)  # the first use marks the session
        first = _expiry(client)
        assert abs(first - (start + age)) < timedelta(seconds=1)
    with time_machine.travel(start + refresh - timedelta(seconds=1), tick=False):
        assert _session_writes(client) == (200, 0)  # inside the minute: no write
        assert _expiry(client) == first
    with time_machine.travel(start + refresh, tick=False):
        assert _session_writes(client) == (200, 1)  # a minute on: the expiry moves
        moved = _expiry(client)
        assert abs(moved - (start + refresh + age)) < timedelta(seconds=1)
    # Used last at start + 1.5 minutes (no write): the session still ends no earlier than a minute before the
    # exact idle timeout, and it does end.
    last_use = start + refresh + timedelta(seconds=30)
    with time_machine.travel(last_use, tick=False):
        assert _session_writes(client) == (200, 0)
    with time_machine.travel(last_use + age - refresh, tick=False):
        assert client.get("/rules/").status_code == 200
    with time_machine.travel(last_use + age - refresh + timedelta(seconds=2), tick=False):
        # That request was a minute after the last write: it pushed the expiry on, as activity should.
        assert _expiry(client) > last_use + age
    with time_machine.travel(_expiry(client) + timedelta(seconds=1), tick=False):
        response = client.get("/rules/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_stale_cookie_starts_no_session(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    count = Session.objects.count()
    client.get("/accounts/login/")
    assert Session.objects.count() == count


def test_a_one_minute_timeout_keeps_an_active_user_signed_in(demo, settings):
    """With the shortest timeout allowed the expiry still moves at least twice per timeout."""
    settings.SESSION_COOKIE_AGE = 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = demo.client("ft_officer1")
        assert client.get("/rules/").status_code == 200
    for seconds in (30, 59, 89, 118):  # a click every half minute or so, never idle for a minute
        with time_machine.travel(start + timedelta(seconds=seconds), tick=False):
            assert client.get("/rules/").status_code == 200, seconds
