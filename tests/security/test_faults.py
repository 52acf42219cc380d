"""Faults: a worker killed during an export leaves a job that can be retried and no file; a request that fails
half-way leaves nothing behind; the database going away yields clean errors and the next request recovers."""
import gc
import json
import threading
import time
import urllib.error
import urllib.request
from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.core import exports
from ipenforce.core.models import AuditEvent, ExportJob
from ipenforce.orgs.services import token_issue
from tests.cases.conftest import COMPANY, RIGHTS
from tests.stats.test_reports import _case

FUTIAN = "深圳市市场监督管理局福田监管局"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


class WorkerKilled(BaseException):
    """What the worker's death looks like from inside: not an Exception, nothing in the task catches it."""


def _export_files() -> list[str]:
    try:
        _dirs, files = default_storage.listdir("exports")
    except FileNotFoundError:
        return []
    found = list(files)
    for year in _dirs:
        for month in default_storage.listdir(f"exports/{year}")[0]:
            found += default_storage.listdir(f"exports/{year}/{month}")[1]
    return found


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's abandoned writer
@pytest.mark.django_db
def test_worker_killed_mid_export_leaves_a_retryable_job_and_no_file(demo, settings, monkeypatch, tmp_path,
                                                                      django_capture_on_commit_callbacks):
    settings.EXPORT_SYNC_ROWS, settings.TASKS, settings.MEDIA_ROOT = 2, IMMEDIATE, tmp_path
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    for n in range(5):
        _case(demo, FUTIAN, "trademark", date(2026, 3, 1 + n), title=f"案{n}")
    api = demo.api("ft_officer1")
    real_row = exports.EXPORTS["cases"].row
    calls = {"n": 0}

    def dies_on_the_fourth_row(obj):
        calls["n"] += 1
        if calls["n"] == 4:
            raise WorkerKilled
        return real_row(obj)

    monkeypatch.setitem(exports.EXPORTS, "cases", exports.EXPORTS["cases"].__class__(
        **{**exports.EXPORTS["cases"].__dict__, "row": dies_on_the_fourth_row}))
    with django_capture_on_commit_callbacks(execute=False):
        api.post("/api/v1/exports", {"name": "cases"})
    job = ExportJob.objects.get()
    with pytest.raises(WorkerKilled):  # the worker process running the task dies on the fourth row
        exports.export_job_run(job_id=job.pk)
    gc.collect()  # openpyxl's abandoned writer complains now, inside this test, not in a later one
    job.refresh_from_db()
    assert job.state == "running" and job.done == 2 and not job.file and _export_files() == []
    early = api.post(f"/api/v1/exports/{job.pk}/retry")
    assert early.status_code == 409 and early.json()["code"] == "export_not_retryable"  # it may still be alive
    monkeypatch.setitem(exports.EXPORTS, "cases", exports.EXPORTS["cases"].__class__(
        **{**exports.EXPORTS["cases"].__dict__, "row": real_row}))
    with time_machine.travel(timezone.now() + settings.EXPORT_STALE_AFTER + timedelta(minutes=1)):
        assert api.get(f"/api/v1/exports/{job.pk}").json()["retryable"] is True
        assert "export-retry" in demo.client("ft_officer1").get(f"/exports/{job.pk}/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            retried = api.post(f"/api/v1/exports/{job.pk}/retry")
    assert retried.status_code == 202
    job.refresh_from_db()
    assert (job.state, job.done) == ("done", 5) and len(_export_files()) == 1
    assert demo.api("ft_officer2").post(f"/api/v1/exports/{job.pk}/retry").status_code == 404


@pytest.mark.django_db
def test_a_request_that_fails_half_way_leaves_nothing(demo, monkeypatch):
    """The case row is written before the audit event; when the audit append fails the client sees an error and
    the case is absent."""
    import ipenforce.cases.services.leads as leads

    def broken(**kwargs):
        raise RuntimeError("audit store unavailable")

    api = demo.api("ft_officer1")
    monkeypatch.setattr(leads, "audit_append", broken)
    cases, events = Case.objects.count(), AuditEvent.objects.count()
    response = api.post("/api/v1/cases", {
        "title": "半途失败", "source": "inspection", "ip_type": "trademark", "description": "x",
        "discovered_on": str(date.today()), "parties": [COMPANY], "rights": [RIGHTS["trademark"]]})
    assert response.status_code == 500 and response.json()["code"] == "server_error"
    assert Case.objects.count() == cases and AuditEvent.objects.count() == events


def _get(url: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="terminates the server's backends")
@pytest.mark.django_db(transaction=True)
def test_database_restart_under_load_gives_clean_errors_then_recovers(demo, live_server):
    """Four clients keep asking while every server connection is killed (what a restart does to them, without
    stopping the shared server): each answer is a 200 or a clean 503 in the JSON shape, and all recover."""
    import psycopg

    _token, raw = token_issue(user=demo.user("ft_officer1"), name="load")
    url = f"{live_server.url}/api/v1/cases"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own_pid = cursor.fetchone()[0]
    answers, killed = [], threading.Event()

    def client():
        for index in range(8):
            if index == 3:
                killed.wait(timeout=20)
            answers.append(_get(url, raw))

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres",
                         autocommit=True) as admin:
        time.sleep(0.3)
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                      "AND pid NOT IN (pg_backend_pid(), %s)", [db["NAME"], own_pid])
    killed.set()
    for thread in threads:
        thread.join()
    statuses = [status for status, _body in answers]
    assert len(statuses) == 32 and set(statuses) <= {200, 503}, statuses
    assert all(body.get("code") == "database_unavailable" for status, body in answers if status == 503)
    assert [_get(url, raw)[0] for _ in range(3)] == [200, 200, 200]
