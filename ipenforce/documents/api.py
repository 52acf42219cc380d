"""API routes for a case's documents: list, generate, download; templates: list and upload a new version."""
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.errors import NotFound, PermissionDenied
from ipenforce.documents import services
from ipenforce.documents.downloads import case_file_response, document_response
from ipenforce.documents.permissions import reads_templates
from ipenforce.documents.presenters import case_file_out, document_out
from ipenforce.documents.schemas import CaseFileOut, DocumentIn, DocumentOut, TemplateOut
from ipenforce.documents.selectors import case_documents, case_file_of, templates

router = Router(tags=["documents"])


@router.get("/cases/{case_id}/documents", response=list[DocumentOut], summary="案件文书（各版本）")
def document_list(request, case_id: int):
    return [document_out(d) for d in case_documents(case_or_404(request.auth, case_id))]


@router.post("/cases/{case_id}/documents", response={201: DocumentOut},
             summary="制作文书：限本阶段的文书，按当前模板用案件数据生成，分配文号，保存哈希；"
                     "再次制作生成新版本，已送达的须填写更正理由")
def document_create(request, case_id: int, payload: DocumentIn):
    document = services.document_generate(actor=request.auth, case=case_or_404(request.auth, case_id),
                                          kind=payload.kind, correction_reason=payload.correction_reason)
    return Status(201, document_out(case_documents(document.case).get(pk=document.pk)))


@router.get("/cases/{case_id}/documents/{document_id}", summary="下载文书（.docx）")
def document_download(request, case_id: int, document_id: int):
    return document_response(case_or_404(request.auth, case_id), document_id)


@router.get("/cases/{case_id}/case-file", response=CaseFileOut,
            summary="卷宗：档案号、保管期限、卷内目录（归档时生成）")
def case_file_detail(request, case_id: int):
    case_file = case_file_of(case_or_404(request.auth, case_id))
    if case_file is None:
        raise NotFound(_("本案尚未归档，没有卷宗。"), code="case_file_missing")
    return case_file_out(case_file)


@router.get("/cases/{case_id}/case-file.zip", summary="下载卷宗（.zip，含 manifest.json 和 SHA256SUMS）")
def case_file_download(request, case_id: int):
    return case_file_response(case_or_404(request.auth, case_id))


@router.get("/document-templates", response=list[TemplateOut], summary="文书模板及其版本")
def template_list(request):
    if not reads_templates(request.auth):
        raise PermissionDenied(_("只有系统管理员可以查看文书模板。"))
    return templates()


@router.post("/document-templates", response={201: TemplateOut}, summary="上传文书模板新版本（系统管理员；检查占位符）")
def template_create(request, kind: Form[str], file: File[UploadedFile]):
    return Status(201, services.template_upload(actor=request.auth, kind=kind, data=file.read()))
