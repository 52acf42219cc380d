"""List exports to .xlsx: each list registers how to build its rows from a user and the page's filters; small
exports are answered at once, larger ones run on the worker with their progress kept in an ExportJob."""
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ipenforce.core.errors import Conflict, ValidationFailed
from ipenforce.core.models import ExportJob
from ipenforce.core.xlsx import safe_cell, xlsx_response

PROGRESS_EVERY = 500


@dataclass(frozen=True)
class ListExport:
    """`rows(user, params)` answers the list's queryset in the user's scope with the filters applied, and `row`
    turns one object into the cells under `headers()`. `prepare`, if given, turns each chunk of CHUNK objects into
    the objects `row` reads (e.g. plain rows with what they need read in one query a chunk)."""

    name: str
    title: str  # lazy: the list's name on the export pages
    headers: Callable[[], list[str]]
    rows: Callable[[object, QueryDict], QuerySet | list]
    row: Callable[[object], list]
    prepare: Callable[[list], list] | None = None


def valid_filters(form) -> dict:
    """The filters of a bound filter form; an export with a bad filter is refused, never run unfiltered."""
    if not form.is_bound:
        return {}
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        if field == "__all__":
            raise ValidationFailed(errors[0], code="invalid_filter")
        label = form.fields[field].label or field
        raise ValidationFailed(f"{label}：{errors[0]}", code="invalid_filter", field=field)
    return form.cleaned_data


def _count(rows) -> int:
    return rows.count() if isinstance(rows, QuerySet) else len(rows)


CHUNK = 1000


def _iterate(rows):
    return rows.iterator(chunk_size=CHUNK) if isinstance(rows, QuerySet) else iter(rows)


def _objects(export: ListExport, rows):
    """The export's objects in order, each chunk passed through `prepare` when the export has one."""
    if export.prepare is None:
        yield from _iterate(rows)
        return
    chunk = []
    for obj in _iterate(rows):
        chunk.append(obj)
        if len(chunk) == CHUNK:
            yield from export.prepare(chunk)
            chunk = []
    if chunk:
        yield from export.prepare(chunk)


EXPORTS: dict[str, ListExport] = {}


def register(export: ListExport) -> ListExport:
    EXPORTS[export.name] = export
    return export


def _params(data: dict) -> QueryDict:
    params = QueryDict(mutable=True)
    for key, values in data.items():
        params.setlist(key, values)
    return params


def export_start(*, user, name: str, params: QueryDict) -> ExportJob | None:
    """Answer None when the list is small enough to send at once; else queue a job for the worker."""
    rows = EXPORTS[name].rows(user, params)
    if isinstance(rows, QuerySet):  # counted only as far as the limit: not count(*) over a whole province
        if not rows.order_by()[settings.EXPORT_SYNC_ROWS: settings.EXPORT_SYNC_ROWS + 1].exists():
            return None
    elif len(rows) <= settings.EXPORT_SYNC_ROWS:
        return None
    return queue_export(user=user, name=name, params=params)


def queue_export(*, user, name: str, params: QueryDict, total: int | None = None) -> ExportJob:
    """Queue the export for the worker; the filters are checked now so a bad one is refused at once."""
    from ipenforce.core.tasks import run_export

    if total is None:
        total = _count(EXPORTS[name].rows(user, params))
    job = ExportJob.objects.create(user=user, name=name, total=total,
                                   params={k: params.getlist(k) for k in params if k != "page"})
    transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def export_now(*, user, name: str, params: QueryDict):
    export = EXPORTS[name]
    objects = _objects(export, export.rows(user, params))
    return xlsx_response(name, export.headers(), (export.row(obj) for obj in objects))


def export_job_run(*, job_id: int) -> ExportJob:
    """Write the job's rows, as its user sees them now, to a file in storage; record progress as it goes.

    The workbook is written to a temporary file first and reaches storage only whole, after the last row: a
    worker killed on the way leaves the job queued or running with no file, which `export_job_retry` restarts."""
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if job.state not in (ExportJob.QUEUED, ExportJob.RUNNING):
        return job
    export = EXPORTS[job.name]
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.RUNNING, done=0, heartbeat_at=timezone.now())
    try:
        rows = export.rows(job.user, _params(job.params))
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(export.headers())
        done = 0
        for obj in _objects(export, rows):
            sheet.append([safe_cell(v) for v in export.row(obj)])
            done += 1
            if done % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=job.pk).update(done=done, total=max(job.total, done),
                                                           heartbeat_at=timezone.now())
        with tempfile.TemporaryFile() as handle:
            workbook.save(handle)
            handle.seek(0)
            job.file.save(f"{job.name}-{date.today():%Y%m%d}-{job.pk}.xlsx", File(handle), save=False)
        job.state, job.done, job.total, job.finished_at = ExportJob.DONE, done, done, timezone.now()
        job.save(update_fields=["file", "state", "done", "total", "finished_at"])
    except Exception as exc:
        ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.FAILED, error=str(exc)[:300],
                                                   finished_at=timezone.now())
        raise
    return job


@transaction.atomic
def export_job_retry(*, user, job: ExportJob) -> ExportJob:
    """Queue a failed or stalled export again, from the start (its filters as first given)."""
    from ipenforce.core.tasks import run_export

    job = ExportJob.objects.select_for_update().get(pk=job.pk, user=user)
    if not job.retryable:
        raise Conflict(_("该导出任务正在进行或已完成，不能重试。"), code="export_not_retryable", field="id")
    if job.file:
        job.file.delete(save=False)
    job.state, job.done, job.error, job.finished_at, job.heartbeat_at = ExportJob.QUEUED, 0, "", None, None
    job.save(update_fields=["file", "state", "done", "error", "finished_at", "heartbeat_at"])
    transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def export_jobs(user) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(user=user)
