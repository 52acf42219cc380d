"""API routes of bulk .xlsx imports: the template, the upload (checked at once, imported on the worker), the job."""
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Router, Status
from ninja.files import UploadedFile

from ipenforce.core.errors import NotFound
from ipenforce.core.export_views import XLSX
from ipenforce.core.imports import MAX_BYTES, import_jobs, import_start, import_template
from ipenforce.core.schemas import ImportJobOut

router = Router(tags=["imports"])


@router.get("/imports/{name}/template.xlsx", summary="下载导入模板（.xlsx）")
def template(request, name: str):
    response = HttpResponse(import_template(name), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-template.xlsx"'
    return response


@router.post("/imports/{name}", response={201: ImportJobOut, 422: ImportJobOut},
             summary="上传 .xlsx 批量导入：逐行校验，有错误返回 422 与每个错误的行、列；无错误在后台一次性导入",
             description="导入目标（如台账 document）以查询参数给出。")
def upload(request, name: str, file: File[UploadedFile]):
    params = {key: request.GET[key] for key in request.GET}
    job = import_start(user=request.auth, name=name, params=params, filename=file.name or "",
                       content=file.read(MAX_BYTES + 1))
    return Status(422 if job.state == job.INVALID else 201, job)


@router.get("/imports/jobs/{job_id}", response=ImportJobOut, summary="导入任务的进度和错误")
def job_detail(request, job_id: int):
    job = import_jobs(request.auth).filter(pk=job_id).first()
    if job is None:
        raise NotFound(_("导入任务不存在。"), code="import_not_found")
    return job
