"""Import pages: the template download, the upload form with its row-and-column errors, and a job's progress."""
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from ipenforce.core.errors import ApplicationError
from ipenforce.core.export_views import XLSX
from ipenforce.core.forms import add_service_error
from ipenforce.core.imports import IMPORTS, MAX_BYTES, import_jobs, import_start, import_template


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


def _params(kwargs: dict) -> dict:
    return {key: str(value) for key, value in kwargs.items()}  # path parameters name the target (a ledger's id)


def list_import(name: str, back: str = ""):
    """The page behind a list's 批量导入 button: GET shows the form and this user's recent imports of the kind,
    POST checks the file and goes to the job's page (its errors, or its progress on the worker)."""

    @login_required
    def view(request, **kwargs):
        definition = IMPORTS[name]
        params = _params(kwargs)
        try:
            allowed = definition.allowed(request.user, params)
        except ApplicationError as exc:
            raise Http404(exc.message) from exc
        if not allowed:
            raise DjangoPermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    job = import_start(user=request.user, name=name, params=params, filename=upload.name,
                                       content=upload.read(MAX_BYTES + 1))
                    return redirect("core:import_job", job.pk)
                except ApplicationError as exc:
                    add_service_error(form, exc)
            status = 422
        return render(request, "core/import.html", {
            "definition": definition, "form": form, "back": back, "template_url": request.path + "template.xlsx",
            "columns": definition.columns(), "jobs": import_jobs(request.user).filter(name=name)[:10]},
            status=status)

    return view


def import_template_view(name: str):
    @login_required
    def view(request, **kwargs):
        try:
            allowed = IMPORTS[name].allowed(request.user, _params(kwargs))
        except ApplicationError as exc:
            raise Http404(exc.message) from exc
        if not allowed:
            raise DjangoPermissionDenied
        response = HttpResponse(import_template(name), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}-template.xlsx"'
        return response

    return view


@login_required
def import_job(request, pk: int):
    job = get_object_or_404(import_jobs(request.user), pk=pk)
    template = "core/import_progress.html" if request.htmx else "core/import_job.html"
    return render(request, template, {"job": job})
