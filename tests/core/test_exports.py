"""Every list exports to .xlsx with its filters and within the user's scope, formulas neutralised; long lists
export in the background with progress and a download link, through the pages and the API."""
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from ipenforce.core.models import ExportJob
from tests.stats.test_reports import _case

pytestmark = pytest.mark.django_db
FUTIAN, NANSHAN = "深圳市市场监督管理局福田监管局", "深圳市市场监督管理局南山监管局"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


def _rows(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats"), response
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(load_workbook(BytesIO(body)).active.iter_rows(values_only=True))


def test_cells_a_spreadsheet_would_run_are_neutralised(demo):
    _case(demo, FUTIAN, "trademark", date(2026, 3, 1), title='=HYPERLINK("http://x","点我")')
    _case(demo, FUTIAN, "trademark", date(2026, 3, 2), title="+1+cmd|' /C calc'!A0")
    _case(demo, FUTIAN, "trademark", date(2026, 3, 3), title="@SUM(A1)")
    titles = {row[1] for row in _rows(demo.client("ft_officer1").get("/cases/export.xlsx"))[1:]}
    assert titles == {"'=HYPERLINK(\"http://x\",\"点我\")", "'+1+cmd|' /C calc'!A0", "'@SUM(A1)"}


@pytest.mark.parametrize("url,header", [
    ("/work-items/export.xlsx", "事项"), ("/cases/approvals/export.xlsx", "事项"),
    ("/transfers/export.xlsx?all=1", "移送"),
    ("/transfers/supervision/untransferred.xlsx", "案件"), ("/transfers/supervision/overdue.xlsx", "移送"),
    ("/transfers/supervision/non-filings.xlsx", "移送"), ("/transfers/supervision/opinions.xlsx", "案件"),
    ("/documents/templates/export.xlsx", "文书"), ("/rules/export.xlsx", "编号"), ("/agencies/export.xlsx", "单位名称"),
    ("/users/export.xlsx", "用户名"), ("/cases/export.xlsx", "案件编号"),
])
def test_every_list_page_has_its_export(demo, url, header):
    rows = _rows(demo.client("ft_admin").get(url))
    assert rows[0][0] == header


def test_exports_keep_to_the_scope_and_the_filters(demo):
    _case(demo, FUTIAN, "trademark", date(2026, 3, 1), title="福田商标案")
    _case(demo, FUTIAN, "patent", date(2026, 3, 1), title="福田专利案")
    other = _case(demo, NANSHAN, "trademark", date(2026, 3, 1), title="南山商标案")
    client = demo.client("ft_officer1")
    assert [r[1] for r in _rows(client.get("/cases/export.xlsx", {"ip_type": "patent"}))[1:]] == ["福田专利案"]
    assert "南山商标案" not in {r[1] for r in _rows(client.get("/cases/export.xlsx"))[1:]}
    assert client.get(f"/cases/{other.pk}/documents/export.xlsx").status_code == 404
    bad = client.get("/cases/export.xlsx", {"discovered_from": "2026-13-01"})
    assert bad.status_code == 400 and "发现日期自" in bad.content.decode()
    rules = _rows(client.get("/rules/export.xlsx"))
    assert any(r[8] == "否（未核实）" for r in rules[1:])


def test_a_long_list_exports_in_the_background(demo, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_SYNC_ROWS, settings.TASKS = 2, IMMEDIATE
    for n in range(5):
        _case(demo, FUTIAN, "trademark", date(2026, 3, 1 + n), title=f"案{n}")
    _case(demo, NANSHAN, "trademark", date(2026, 3, 1), title="南山案")
    client = demo.client("ft_officer1")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        started = client.get("/cases/export.xlsx")
    job = ExportJob.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/exports/{job.pk}/"
    queued = client.get(started["Location"]).content.decode()
    assert "排队中" in queued and 'hx-trigger="every 2s"' in queued and "0 / 5" in queued
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", 5, 5)
    progress = client.get(f"/exports/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "100%" in progress and "every 2s" not in progress and f"/exports/{job.pk}/file/" in progress
    rows = _rows(client.get(f"/exports/{job.pk}/file/"))
    assert sorted(r[1] for r in rows[1:]) == [f"案{n}" for n in range(5)]
    assert "案件" in client.get("/exports/").content.decode()
    assert demo.client("ft_officer2").get(f"/exports/{job.pk}/file/").status_code == 404


def test_background_exports_through_the_api(demo, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_SYNC_ROWS, settings.TASKS = 2, IMMEDIATE
    for n in range(3):
        _case(demo, FUTIAN, "patent" if n else "trademark", date(2026, 3, 1 + n))
    api = demo.api("ft_officer1")
    assert api.get("/api/v1/cases.xlsx", ip_type="trademark")["Content-Type"].startswith("application/vnd")
    with django_capture_on_commit_callbacks(execute=True):
        started = api.get("/api/v1/cases.xlsx")
    assert started.status_code == 202 and started.json()["total"] == 3
    job = api.get(started["Location"]).json()
    assert job["state"] == "done" and job["percent"] == 100
    assert len(_rows(api.get(job["download_url"]))) == 4
    with django_capture_on_commit_callbacks(execute=True):
        posted = api.post("/api/v1/exports", {"name": "cases", "filters": {"ip_type": "patent"}})
    assert posted.status_code == 202
    assert len(_rows(api.get(f"/api/v1/exports/{posted.json()['id']}/file"))) == 3
    unknown = api.post("/api/v1/exports", {"name": "secrets"})
    assert unknown.status_code == 422 and unknown.json()["field"] == "name"
    bad = api.post("/api/v1/exports", {"name": "cases", "filters": {"discovered_from": "x"}})
    assert bad.json()["code"] == "invalid_filter" and bad.json()["field"] == "discovered_from"
    assert demo.api("ft_officer2").get(started["Location"]).status_code == 404
