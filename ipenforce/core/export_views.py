"""Export downloads: a list's .xlsx at once, or a background job's progress page and its file when done."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ipenforce.core.errors import ApplicationError
from ipenforce.core.exports import export_job_retry, export_jobs, export_now, export_start

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def list_export(name: str):
    """The view behind a list page's 导出 Excel button, with the page's filters in the query string."""

    @login_required
    def view(request, **kwargs):
        params = request.GET.copy()
        for key, value in kwargs.items():  # path parameters (a case's id) filter like query parameters
            params[key] = str(value)
        try:
            job = export_start(user=request.user, name=name, params=params)
        except ApplicationError as exc:
            if exc.status == 404:
                raise Http404(exc.message) from exc
            return HttpResponseBadRequest(exc.message, content_type="text/plain; charset=utf-8")
        if job is not None:
            return redirect("core:export_job", job.pk)
        return export_now(user=request.user, name=name, params=params)

    return view


@login_required
def export_list(request):
    return render(request, "core/export_list.html", {"jobs": export_jobs(request.user)[:50]})


@login_required
def export_job(request, pk: int):
    job = get_object_or_404(export_jobs(request.user), pk=pk)
    template = "core/export_progress.html" if request.htmx else "core/export_job.html"
    return render(request, template, {"job": job})


def job_file_response(job) -> FileResponse:
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1],
                        content_type=XLSX)


@login_required
@require_POST
def export_retry(request, pk: int):
    job = get_object_or_404(export_jobs(request.user), pk=pk)
    try:
        export_job_retry(user=request.user, job=job)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("core:export_job", job.pk)


@login_required
def export_file(request, pk: int):
    job = get_object_or_404(export_jobs(request.user), pk=pk)
    if job.state != job.DONE or not job.file:
        raise Http404
    return job_file_response(job)
