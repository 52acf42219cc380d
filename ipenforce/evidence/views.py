"""The evidence page of a case: items with their files, hashes, check results and custody; forms to add an
item and record custody; downloads."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipenforce.orgs.selectors import visible_cases
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import BootstrapForm, add_service_error
from ipenforce.core.xlsx import xlsx_response
from ipenforce.evidence import services
from ipenforce.evidence.choices import CustodyKind, EvidenceKind
from ipenforce.evidence.files import stored_file_response
from ipenforce.evidence.models import EvidenceFile
from ipenforce.evidence.selectors import case_evidence
from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import User
from ipenforce.orgs.selectors import acting_agency_ids

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class EvidenceForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("证据种类"), choices=EvidenceKind.choices)
    description = forms.CharField(label=gettext_lazy("证据描述"), widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(label=gettext_lazy("来源"), max_length=200)
    place = forms.CharField(label=gettext_lazy("提取地点"), max_length=200)
    collected_at = forms.DateTimeField(label=gettext_lazy("提取时间"), widget=DATETIME)
    collector_ids = forms.MultipleChoiceField(label=gettext_lazy("提取人（至少两名）"), widget=forms.CheckboxSelectMultiple)
    captured_url = forms.CharField(label=gettext_lazy("提取网址或系统（电子数据）"), required=False, max_length=500)
    captured_at = forms.DateTimeField(label=gettext_lazy("电子数据提取时间"), required=False, widget=DATETIME)
    files = MultipleFileField(label=gettext_lazy("文件"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        officers = User.objects.filter(agency_id__in=acting_agency_ids(case.agency), is_active=True,
                                       role_grants__role=Role.CASE_OFFICER).order_by("username")
        self.fields["collector_ids"].choices = [(str(u.pk), u.display_name) for u in officers]


class CustodyForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("事项"), choices=[c for c in CustodyKind.choices if c[0] != "collected"])
    at = forms.DateTimeField(label=gettext_lazy("时间"), widget=DATETIME)
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=500)


def _case(request, pk):
    return get_object_or_404(visible_cases(request.user).select_related("agency"), pk=pk)


def file_response(case, file_id: int) -> FileResponse:
    attachment = get_object_or_404(EvidenceFile.objects.select_related("stored"), pk=file_id, item__case=case)
    return stored_file_response(attachment.stored, attachment.name)


def _page(request, case, form=None, status=200):
    return render(request, "evidence/case_evidence.html", {
        "case": case, "items": case_evidence(case), "may_add": services.may_handle_evidence(request.user, case),
        "form": form or EvidenceForm(case=case), "custody_form": CustodyForm(),
    }, status=status)


@login_required
def case_evidence_page(request, pk: int):
    case = _case(request, pk)
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
                captured_url=data["captured_url"], captured_at=data["captured_at"])
            messages.success(request, _("证据已登记。"))
            return redirect("evidence:case", case.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return _page(request, case, form, status=422)


@login_required
@require_POST
def custody_add(request, pk: int, item_id: int):
    case = _case(request, pk)
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
def download(request, pk: int, file_id: int):
    return file_response(_case(request, pk), file_id)


@login_required
def export(request, pk: int):
    """Every file of the case's evidence with its hash, size, type and last check, as .xlsx."""
    case = _case(request, pk)
    rows = ([item.get_kind_display(), item.description, timezone.localtime(item.collected_at), item.place, f.name,
             f.stored.content_type, f.stored.size, f.stored.sha256,
             "" if f.stored.check_ok is None else (_("完好") if f.stored.check_ok else _("被改动或缺失"))]
            for item in case_evidence(case) for f in item.files.all())
    headers = [_("证据种类"), _("证据描述"), _("提取时间"), _("提取地点"), _("文件名"), _("类型"), _("大小（字节）"), "SHA-256",
               _("最近校验")]
    return xlsx_response("evidence", headers, rows)
