"""Pages: the documents of a case (generate, list versions, download) and template administration."""
from io import BytesIO

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipenforce.core.errors import ApplicationError, IntegrityFailed
from ipenforce.core.forms import BootstrapForm, add_service_error
from ipenforce.documents import services
from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import Document
from ipenforce.documents.render import blob_read
from ipenforce.documents.selectors import case_documents, templates
from ipenforce.orgs.selectors import can_administer, visible_cases

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class TemplateForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("文书种类"), choices=[(k.key, k.title) for k in KINDS.values()])
    file = forms.FileField(label=gettext_lazy("模板文件（.docx）"))


def _case(request, pk):
    return get_object_or_404(visible_cases(request.user).select_related("agency"), pk=pk)


def document_response(case, document_id: int) -> FileResponse:
    document = get_object_or_404(Document, pk=document_id, case=case)
    filename = f"{KINDS[document.kind].title}-{document.number or case.pk}-v{document.version}.docx"
    data = blob_read(document.storage_name, document.sha256)  # a document changed in storage is not served
    return FileResponse(BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX)


@login_required
def case_documents_page(request, pk: int):
    case = _case(request, pk)
    return render(request, "documents/case_documents.html", {
        "case": case, "documents": case_documents(case), "kinds": KINDS.values(),
        "may_generate": services.may_generate(request.user, case),
    })


@login_required
@require_POST
def generate(request, pk: int):
    case = _case(request, pk)
    try:
        document = services.document_generate(actor=request.user, case=case, kind=request.POST.get("kind", ""))
        messages.success(request, _("已制作：%(title)s %(number)s（第%(version)s版）。") % {
            "title": KINDS[document.kind].title, "number": document.number, "version": document.version})
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("documents:case", case.pk)


@login_required
def download(request, pk: int, document_id: int):
    try:
        return document_response(_case(request, pk), document_id)
    except IntegrityFailed as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")


@login_required
def template_list(request):
    if not can_administer(request.user):
        raise Http404
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_upload(actor=request.user, kind=form.cleaned_data["kind"],
                                                data=form.cleaned_data["file"].read())
            messages.success(request, _("模板已更新为第%(version)s版。") % {"version": template.version})
            return redirect("documents:templates")
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "documents/template_list.html", {
        "form": form, "templates": templates(), "kinds": {k.key: k.title for k in KINDS.values()},
    }, status=422 if form.errors else 200)
