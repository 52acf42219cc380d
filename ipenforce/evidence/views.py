"""The evidence page of a case: items with their files, hashes, check results and custody; forms to add an
item and record custody; downloads."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error
from ipenforce.core.xlsx import xlsx_response
from ipenforce.evidence import services
from ipenforce.evidence.downloads import file_response
from ipenforce.evidence.forms import CustodyForm, EvidenceForm, ProvesForm
from ipenforce.evidence.permissions import may_handle_evidence
from ipenforce.evidence.selectors import case_evidence


def _page(request, case, form=None, status=200):
    return render(request, "evidence/case_evidence.html", {
        "case": case, "items": case_evidence(case), "may_add": may_handle_evidence(request.user, case),
        "form": form or EvidenceForm(case=case), "custody_form": CustodyForm(),
    }, status=status)


@login_required
def case_evidence_page(request, pk: int):
    case = case_or_404(request.user, pk)
    if request.method != "POST":
        return _page(request, case)
    form = EvidenceForm(request.POST, request.FILES, case=case)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(
                actor=request.user, case=case, kind=data["kind"], description=data["description"],
                source=data["source"], place=data["place"], collected_at=data["collected_at"],
                collector_ids=[int(i) for i in data["collector_ids"]], uploads=data["files"],
                captured_url=data["captured_url"], captured_at=data["captured_at"], proves=data["proves"])
            messages.success(request, _("证据已登记。"))
            return redirect("evidence:case", case.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return _page(request, case, form, status=422)


@login_required
@require_POST
def custody_add(request, pk: int, item_id: int):
    case = case_or_404(request.user, pk)
    item = get_object_or_404(case_evidence(case), pk=item_id)
    form = CustodyForm(request.POST)
    if form.is_valid():
        try:
            services.custody_record(actor=request.user, item=item, **form.cleaned_data)
            messages.success(request, _("保管链已记录。"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("evidence:case", case.pk)


@login_required
@require_POST
def proves_set(request, pk: int, item_id: int):
    case = case_or_404(request.user, pk)
    item = get_object_or_404(case_evidence(case), pk=item_id)
    if not may_handle_evidence(request.user, case):
        raise PermissionDenied
    form = ProvesForm(request.POST)
    if form.is_valid():
        try:
            services.evidence_proves_set(actor=request.user, item=item, proves=form.cleaned_data["proves"])
            messages.success(request, _("证明对象已保存。"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "；".join(f"{form.fields[name].label}：{e}" for name, errors in form.errors.items()
                                         for e in errors))
    return redirect("evidence:case", case.pk)


@login_required
def download(request, pk: int, file_id: int):
    return file_response(case_or_404(request.user, pk), file_id)


@login_required
def export(request, pk: int):
    """Every file of the case's evidence with its hash, size, type and last check, as .xlsx."""
    case = case_or_404(request.user, pk)
    rows = ([item.get_kind_display(), item.description, timezone.localtime(item.collected_at), item.place, f.name,
             f.stored.content_type, f.stored.size, f.stored.sha256,
             "" if f.stored.check_ok is None else (_("完好") if f.stored.check_ok else _("被改动或缺失"))]
            for item in case_evidence(case) for f in item.files.all())
    headers = [_("证据种类"), _("证据描述"), _("提取时间"), _("提取地点"), _("文件名"), _("类型"), _("大小（字节）"),
               "SHA-256",
               _("最近校验")]
    return xlsx_response("evidence", headers, rows)
