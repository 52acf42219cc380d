"""API routes of list exports: start one in the background, follow its progress, download the file."""
from django.http import HttpResponse, JsonResponse, QueryDict
from django.utils.translation import gettext as _
from ninja import Router, Status

from ipenforce.core.errors import NotFound, ValidationFailed
from ipenforce.core.export_views import job_file_response
from ipenforce.core.exports import (
    EXPORTS,
    export_job_retry,
    export_jobs,
    export_now,
    export_start,
    queue_export,
)
from ipenforce.core.schemas import ExportIn, ExportJobOut

router = Router(tags=["exports"])


def api_list_export(request, name: str) -> HttpResponse:
    """A list's .xlsx for an API client: the file, or 202 with the background job when the list is long."""
    job = export_start(user=request.auth, name=name, params=request.GET.copy())
    if job is None:
        return export_now(user=request.auth, name=name, params=request.GET)
    body = ExportJobOut.from_orm(job).model_dump(mode="json")
    return JsonResponse(body, status=202, headers={"Location": f"/api/v1/exports/{job.pk}"},
                        json_dumps_params={"ensure_ascii": False})


@router.post("/exports", response={202: ExportJobOut}, summary="后台导出一个列表（.xlsx），返回导出任务")
def export_create(request, payload: ExportIn):
    if payload.name not in EXPORTS:
        raise ValidationFailed(_("没有这个列表：%(name)s。") % {"name": payload.name}, code="unknown_list",
                               field="name")
    params = QueryDict(mutable=True)
    for key, value in payload.filters.items():
        params.setlist(key, value if isinstance(value, list) else [value])
    return Status(202, queue_export(user=request.auth, name=payload.name, params=params))


@router.get("/exports/{job_id}", response=ExportJobOut, summary="导出任务的进度")
def export_detail(request, job_id: int):
    job = export_jobs(request.auth).filter(pk=job_id).first()
    if job is None:
        raise NotFound(_("导出任务不存在。"), code="export_not_found")
    return job


@router.post("/exports/{job_id}/retry", response={202: ExportJobOut}, summary="重试失败或中断的导出任务")
def export_retry(request, job_id: int):
    job = export_jobs(request.auth).filter(pk=job_id).first()
    if job is None:
        raise NotFound(_("导出任务不存在。"), code="export_not_found")
    return Status(202, export_job_retry(user=request.auth, job=job))


@router.get("/exports/{job_id}/file", summary="下载已完成的导出文件")
def export_file(request, job_id: int):
    job = export_jobs(request.auth).filter(pk=job_id, state="done").first()
    if job is None or not job.file:
        raise NotFound(_("导出文件不存在或尚未完成。"), code="export_not_ready")
    return job_file_response(job)
