"""Record pages: a case's records and photos (with the form for a new record), one record (edit the draft, sign on
the pad, seal, correct), signature images and photo downloads."""
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error, posted_version
from ipenforce.documents.permissions import may_generate
from ipenforce.evidence.files import stored_file_response
from ipenforce.field import services
from ipenforce.field.choices import MediaKind, RecordState
from ipenforce.field.forms import RecordForm, SignatureForm, questions_text
from ipenforce.field.permissions import may_write, uses_phone_app
from ipenforce.field.photos import max_bytes
from ipenforce.field.selectors import (
    case_photos,
    case_records,
    evidence_list,
    evidence_list_documents,
    photo_or_404,
    record_or_404,
)
from ipenforce.field.stamp import stamped_copy

# What the phone app needs offline besides its page (the service worker caches these on install).
PHONE_ASSETS = ("vendor/bootstrap/bootstrap.min.css", "vendor/signature_pad/signature_pad.umd.min.js",
                "js/field-phone.js", "css/field-phone.css", "img/field-icon.svg")


def _case_page(request, case, form=None, status=200):
    return render(request, "field/case_records.html", {
        "case": case, "records": case_records(case), "photos": case_photos(case),
        "may_write": may_write(request.user, case),
        "form": form or RecordForm(case=case, initial={"started_at": timezone.localtime(), "party_present": True}),
    }, status=status)


@login_required
def case_records_page(request, pk: int):
    case = case_or_404(request.user, pk)
    if request.method != "POST":
        return _case_page(request, case)
    form = RecordForm(request.POST, case=case)
    if form.is_valid():
        try:
            record, _created = services.record_create(actor=request.user, case=case, kind=form.cleaned_data["kind"],
                                                      data=form.service_data())
            messages.success(request, _("笔录草稿已保存，请签名后封存。"))
            return redirect("field:record", record.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            return _case_page(request, case, form, status=exc.status)
    return _case_page(request, case, form, status=422)


def _record_page(request, record, form=None, sign_form=None, status=200):
    writable = record.state == RecordState.DRAFT and may_write(request.user, record.case)
    initial = {name: getattr(record, name) for name in (
        "kind", "place", "certificates_shown", "party_present", "person_name", "person_role", "person_id_number",
        "person_phone", "person_address", "witness_name", "witness_id_number", "rights_read", "findings",
        "measures")}
    initial.update(started_at=timezone.localtime(record.started_at),
                   ended_at=timezone.localtime(record.ended_at) if record.ended_at else None,
                   officer_ids=[str(o["id"]) for o in record.officers], questions=questions_text(record.questions))
    return render(request, "field/record_detail.html", {
        "record": record, "case": record.case, "writable": writable,
        "may_correct": record.state == RecordState.SEALED and may_write(request.user, record.case)
        and not hasattr(record, "superseded_by"),
        "missing": [m for _c, m, _f in services.missing_for_seal(record)] if writable else [],
        "problems": services.record_verify(record),
        "form": form or RecordForm(case=record.case, initial=initial),
        "sign_form": sign_form or SignatureForm(record=record),
    }, status=status)


@login_required
def record_page(request, pk: int):
    record = record_or_404(request.user, pk)
    if request.method != "POST":
        return _record_page(request, record)
    form = RecordForm(request.POST, case=record.case)
    return _submit(request, record, form, "form", _("笔录草稿已保存。"),
                   lambda version: services.record_update(actor=request.user, record=record, version=version,
                                                          data=form.service_data()))


@login_required
@require_POST
def record_sign(request, pk: int):
    record = record_or_404(request.user, pk)
    form = SignatureForm(request.POST, record=record)
    return _submit(request, record, form, "sign_form", _("签名已保存。"),
                   lambda version: services.record_sign(actor=request.user, record=record, version=version,
                                                        **form.service_data()))


def _submit(request, record, form, form_name: str, done: str, write):
    """A form of the record page: the write with the page's version, or the page again with the form's errors."""
    status = 422
    if form.is_valid():
        try:
            write(posted_version(request))
            messages.success(request, done)
            return redirect("field:record", record.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            status = exc.status
    return _record_page(request, record_or_404(request.user, record.pk), status=status, **{form_name: form})


@login_required
@require_POST
def record_seal(request, pk: int):
    record = record_or_404(request.user, pk)
    try:
        services.record_seal(actor=request.user, record=record, version=posted_version(request))
        messages.success(request, _("笔录已签名封存，并登记为本案证据。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("field:record", record.pk)


@login_required
@require_POST
def record_correct(request, pk: int):
    record = record_or_404(request.user, pk)
    try:
        correction = services.record_correct(actor=request.user, record=record)
        messages.success(request, _("已生成更正笔录草稿，原笔录保留。"))
        return redirect("field:record", correction.pk)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("field:record", record.pk)


@login_required
def evidence_list_page(request, pk: int):
    """The case's 证据清单 (what each item proves is written on the evidence page) and its .docx versions."""
    case = case_or_404(request.user, pk)
    if request.method == "POST":
        if not may_generate(request.user, case):
            raise PermissionDenied
        try:
            document = services.evidence_list_generate(actor=request.user, case=case)
            messages.success(request, _("证据清单已生成（第%(v)s版）。") % {"v": document.version})
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("field:evidence_list", case.pk)
    return render(request, "field/evidence_list.html", {
        "case": case, "rows": evidence_list(case), "documents": evidence_list_documents(case),
        "may_generate": may_generate(request.user, case),
    })


@login_required
def signature_image(request, pk: int, signature_id: int):
    signature = get_object_or_404(record_or_404(request.user, pk).signatures.exclude(stored=None), pk=signature_id)
    return stored_file_response(signature.stored, f"signature-{signature.pk}.png")


@login_required
def photo_download(request, pk: int):
    photo = photo_or_404(request.user, pk)
    return stored_file_response(photo.stored, f"photo-{photo.pk}.{photo.stored.content_type.split('/')[-1]}")


@login_required
def photo_display(request, pk: int):
    """The copy of a photo shown to people, with its stamp drawn on it (the original is the download)."""
    photo = photo_or_404(request.user, pk)
    if photo.media != MediaKind.PHOTO:
        raise Http404
    response = HttpResponse(stamped_copy(photo), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def phone_app(request):
    """The phone app's one page (a PWA under /m/); its screens are drawn by field-phone.js from the API and work
    offline from what the service worker and IndexedDB keep."""
    if not uses_phone_app(request.user):
        raise PermissionDenied
    return render(request, "field/phone.html", {"me": request.user, "max_bytes": max_bytes()})


def phone_manifest(request):
    return JsonResponse({
        "name": _("移动执法办案"), "short_name": _("移动执法"), "lang": "zh-CN", "start_url": "/m/", "scope": "/m/",
        "display": "standalone", "background_color": "#ffffff", "theme_color": "#0d6efd",
        "icons": [{"src": static("img/field-icon.svg"), "sizes": "any", "type": "image/svg+xml",
                   "purpose": "any"}],
    }, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


def phone_service_worker(request):
    """The service worker, served under /m/ so that its scope is the phone app."""
    with open(finders.find("js/field-sw.js"), encoding="utf-8") as handle:
        body = handle.read().replace("__ASSETS__", json.dumps([static(p) for p in PHONE_ASSETS]))
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
