"""Pages: the documents of a case (generate, list versions, download) and template administration."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.errors import ApplicationError, IntegrityFailed
from ipenforce.core.forms import add_service_error
from ipenforce.documents import services
from ipenforce.documents.downloads import case_file_response, document_response
from ipenforce.documents.forms import TemplateForm
from ipenforce.documents.kinds import KINDS
from ipenforce.documents.permissions import may_change_templates, may_generate, reads_templates
from ipenforce.documents.presenters import case_file_out
from ipenforce.documents.selectors import case_documents, case_file_of, templates


@login_required
def case_documents_page(request, pk: int):
    case = case_or_404(request.user, pk)
    documents = list(case_documents(case))
    case_file = case_file_of(case)
    return render(request, "documents/case_documents.html", {
        "case": case, "documents": [(d, KINDS[d.kind].title if d.kind in KINDS else d.kind) for d in documents],
        # made here (the others by their step), at this stage; a served one only as a correction
        "kinds": services.kinds_available(case, {d.kind for d in documents}),
        "may_generate": may_generate(request.user, case),
        "case_file": case_file_out(case_file) if case_file else None,
    })


@login_required
@require_POST
def generate(request, pk: int):
    case = case_or_404(request.user, pk)
    try:
        document = services.document_generate(actor=request.user, case=case, kind=request.POST.get("kind", ""),
                                              correction_reason=request.POST.get("correction_reason", ""))
        done = _("已更正：%(title)s %(number)s（第%(version)s版，原版本保留）。") if document.corrects_id else _(
            "已制作：%(title)s %(number)s（第%(version)s版）。")
        messages.success(request, done % {
            "title": KINDS[document.kind].title, "number": document.number, "version": document.version})
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("documents:case", case.pk)


@login_required
def download(request, pk: int, document_id: int):
    try:
        return document_response(case_or_404(request.user, pk), document_id)
    except IntegrityFailed as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")


@login_required
def case_file_download(request, pk: int):
    try:
        return case_file_response(case_or_404(request.user, pk))
    except IntegrityFailed as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")


@login_required
def template_list(request):
    if not reads_templates(request.user):
        raise Http404
    may_change = may_change_templates(request.user)
    form = TemplateForm(request.POST or None, request.FILES or None) if may_change else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            template = services.template_upload(actor=request.user, kind=form.cleaned_data["kind"],
                                                data=form.cleaned_data["file"].read())
            messages.success(request, _("模板已更新为第%(version)s版。") % {"version": template.version})
            return redirect("documents:templates")
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "documents/template_list.html", {
        "form": form, "templates": templates(), "kinds": {k.key: k.title for k in KINDS.values()},
    }, status=422 if form is not None and form.errors else 200)
