"""Pages of the protection desk: the desk (complaints and notices the user may see), a new complaint, a
complaint's and a notice's page with the steps the user may take, the centre's targets, and the public list of
notices, declarations and results (《电子商务法》第四十四条)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error, posted_version
from ipenforce.core.pagination import capped_page
from ipenforce.core.rules import version_on
from ipenforce.orgs.ratelimit import public_rate_limited
from ipenforce.protection import permissions, services
from ipenforce.protection.documents import certificate_response, docx_response, registration_file_response
from ipenforce.protection.forms import (
    CertificateForm,
    ComplaintForm,
    MediatorForm,
    RegistrationForm,
    TargetForm,
    step_form,
)
from ipenforce.protection.models import CentreSettings, RightsCertificate
from ipenforce.protection.presenters import (
    adjudication_out,
    complaint_out,
    mediation_out,
    notice_out,
    notice_public,
    notice_state_label,
    registration_out,
)
from ipenforce.protection.selectors import (
    adjudication_detail,
    adjudication_list,
    centre_statistics,
    complaint_detail,
    complaint_list,
    mediation_detail,
    mediation_list,
    mediator_registry,
    notice_detail,
    notice_list,
    organisation_caseloads,
    published_notices,
    registration_detail,
    registration_list,
    visible_certificates,
)
from ipenforce.protection.workflow import (
    ACCEPTANCE,
    ADJUDICATION,
    ADJUDICATION_STATES,
    COMPLAINT,
    COMPLAINT_STATES,
    MEDIATION,
    MEDIATION_STATES,
    NOTICE,
    REGISTRATION,
    REGISTRATION_STATES,
)
from ipenforce.workflow.definitions import APPROVAL_ANSWERS
from ipenforce.workflow.pages import answer_from_page, approval_answers, step_done
from ipenforce.workflow.services import perform


@login_required
def desk(request):
    if not permissions.reads_desk(request.user):
        raise DjangoPermissionDenied
    mine = request.GET.get("all") != "1"
    complaints = capped_page(complaint_list(request.user, awaiting_me=mine), 25, request.GET.get("page"))
    notices = capped_page(notice_list(request.user, awaiting_me=mine), 25, request.GET.get("npage"))
    adjudications = adjudication_list(request.user, awaiting_me=mine)[:50]
    mediations = mediation_list(request.user, awaiting_me=mine)[:50]
    return render(request, "protection/desk.html", {
        "complaints": complaints, "notices": [(n, notice_state_label(n)) for n in notices], "notice_page": notices,
        "adjudications": adjudications, "adjudication_states": ADJUDICATION_STATES,
        "mediations": mediations, "mediation_states": MEDIATION_STATES,
        "mine": mine, "states": COMPLAINT_STATES, "may_register": permissions.registers_complaints(request.user),
        "sets_targets": permissions.sets_targets(request.user),
        "reads_statistics": permissions.reads_statistics(request.user)})


@login_required
def complaint_new(request):
    if not permissions.registers_complaints(request.user):
        raise DjangoPermissionDenied
    centre_desk = not permissions.files_complaints(request.user)
    own = RightsCertificate.objects.filter(holder=request.user.agency) if not centre_desk else None
    form = ComplaintForm(request.POST or None, centre_desk=centre_desk, certificates=own)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "received_on"}
        data["certificate_ids"] = [c.pk for c in data.get("certificate_ids") or []]
        try:
            complaint = services.complaint_register(actor=request.user, data=data,
                                                    received_on=form.cleaned_data.get("received_on")
                                                    or timezone.localdate())
            messages.success(request, _("投诉已登记。"))
            return redirect("protection:complaint", complaint.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "protection/complaint_form.html", {"form": form},
                  status=422 if request.method == "POST" else 200)


def _page(request, procedure, subject, data, template, bound=None, status=200, extra=None):
    available = data["available_actions"]
    forms = [(procedure.actions[key], bound[1] if bound and bound[0] == key else step_form(procedure, key))
             for key in available if key in procedure.actions]
    if bound and bound[0] not in available:
        messages.error(request, "；".join(str(e) for errors in bound[1].errors.values() for e in errors))
    complaint_id = data.get("complaint_id")
    sees_complaint = bool(complaint_id) and complaint_detail(request.user).filter(pk=complaint_id).exists()
    return render(request, template, {
        "subject": subject, "data": data, "forms": forms, "sees_complaint": sees_complaint,
        "answers": approval_answers(available), **(extra or {})}, status=status)


def _step(request, procedure, queryset, pk: int, action: str, view: str, render_page):
    subject = get_object_or_404(queryset, pk=pk)
    if action in APPROVAL_ANSWERS:
        answer_from_page(request, procedure, pk, action)
        return redirect(view, pk)
    if action not in procedure.actions or procedure.actions[action].internal:
        return redirect(view, pk)
    form = step_form(procedure, action, request.POST)
    if form.is_valid():
        try:
            perform(procedure=procedure.key, subject_id=pk, action=action, actor=request.user,
                    version=posted_version(request), data=form.cleaned_data)
            messages.success(request, step_done(procedure, action))
            return redirect(view, pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            return render_page(request, get_object_or_404(queryset, pk=pk), (action, form), exc.status)
    return render_page(request, subject, (action, form), 422)


def _complaint_page(request, complaint, bound=None, status=200):
    return _page(request, COMPLAINT, complaint, complaint_out(complaint, request.user),
                 "protection/complaint_detail.html", bound, status)


def _notice_page(request, notice, bound=None, status=200):
    return _page(request, NOTICE, notice, notice_out(notice, request.user), "protection/notice_detail.html",
                 bound, status)


@login_required
def complaint_page(request, pk: int):
    return _complaint_page(request, get_object_or_404(complaint_detail(request.user), pk=pk))


@login_required
@require_POST
def complaint_step(request, pk: int, action: str):
    return _step(request, COMPLAINT, complaint_detail(request.user), pk, action, "protection:complaint",
                 _complaint_page)


@login_required
def notice_page(request, pk: int):
    return _notice_page(request, get_object_or_404(notice_detail(request.user), pk=pk))


@login_required
@require_POST
def notice_step(request, pk: int, action: str):
    return _step(request, NOTICE, notice_detail(request.user), pk, action, "protection:notice", _notice_page)


def _adjudication_page(request, adjudication, bound=None, status=200):
    return _page(request, ADJUDICATION, adjudication, adjudication_out(adjudication, request.user),
                 "protection/adjudication_detail.html", bound, status)


@login_required
def adjudication_page(request, pk: int):
    return _adjudication_page(request, get_object_or_404(adjudication_detail(request.user), pk=pk))


@login_required
@require_POST
def adjudication_step(request, pk: int, action: str):
    return _step(request, ADJUDICATION, adjudication_detail(request.user), pk, action, "protection:adjudication",
                 _adjudication_page)


def _mediation_page(request, mediation, bound=None, status=200):
    data = mediation_out(mediation, request.user)
    roster = (mediator_registry(request.user).filter(organisation_id=mediation.organisation_id, is_active=True)
              if "designate" in data["available_actions"] else [])
    return _page(request, MEDIATION, mediation, data, "protection/mediation_detail.html", bound, status,
                 extra={"roster": roster})


@login_required
def mediation_page(request, pk: int):
    return _mediation_page(request, get_object_or_404(mediation_detail(request.user), pk=pk))


@login_required
@require_POST
def mediation_step(request, pk: int, action: str):
    return _step(request, MEDIATION, mediation_detail(request.user), pk, action, "protection:mediation",
                 _mediation_page)


@login_required
def targets(request):
    if not permissions.sets_targets(request.user):
        raise DjangoPermissionDenied
    current = CentreSettings.objects.filter(centre=request.user.agency).first()
    default = version_on(ACCEPTANCE, timezone.localdate())
    form = TargetForm(request.POST or None, initial={
        "acceptance_working_days": current.acceptance_working_days if current else default.duration,
        "priority_working_days": current.priority_working_days if current else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.centre_target_set(actor=request.user, **form.cleaned_data)
            messages.success(request, _("工作目标已保存。"))
            return redirect("protection:targets")
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "protection/targets.html", {"form": form, "current": current, "default": default})


@public_rate_limited("protection.notices")
def public_notices(request):
    page = Paginator(published_notices(), 25).get_page(request.GET.get("page"))
    return render(request, "protection/public_notices.html",
                  {"page": page, "rows": [notice_public(n) for n in page]})


@login_required
def statistics(request):
    if not permissions.reads_statistics(request.user):
        raise DjangoPermissionDenied
    this_year = timezone.localdate().year
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2019 <= int(year) <= this_year else this_year
    return render(request, "protection/statistics.html", {
        "figures": centre_statistics(request.user, year), "years": range(this_year, 2018, -1)})


@login_required
def adjudication_document(request, pk: int, document_id: int):
    adjudication = get_object_or_404(adjudication_detail(request.user), pk=pk)
    try:
        return docx_response(get_object_or_404(adjudication.documents.all(), pk=document_id))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("protection:adjudication", pk)


@login_required
def mediators(request):
    if not permissions.reads_roster(request.user):
        raise DjangoPermissionDenied
    keeps = permissions.keeps_roster(request.user)
    form = MediatorForm(request.POST or None) if keeps else None
    if request.method == "POST":
        if form is None:
            raise DjangoPermissionDenied
        if form.is_valid():
            try:
                services.mediator_register(actor=request.user, **form.cleaned_data)
                messages.success(request, _("调解员已登记。"))
                return redirect("protection:mediators")
            except ApplicationError as exc:
                add_service_error(form, exc)
    return render(request, "protection/mediators.html", {
        "form": form, "mediators": mediator_registry(request.user),
        "organisations": organisation_caseloads(request.user)}, status=422 if request.method == "POST" else 200)


@login_required
def certificates(request):
    files = permissions.files_complaints(request.user)
    form = CertificateForm(request.POST or None, request.FILES or None) if files else None
    if request.method == "POST":
        if form is None:
            raise DjangoPermissionDenied
        if form.is_valid():
            upload = form.cleaned_data.pop("file")
            try:
                services.certificate_file(actor=request.user, data=form.cleaned_data, filename=upload.name,
                                          content=upload.read(services.CERTIFICATE_MAX_BYTES + 1))
                messages.success(request, _("权利证书已登记。"))
                return redirect("protection:certificates")
            except ApplicationError as exc:
                add_service_error(form, exc)
    return render(request, "protection/certificates.html", {
        "form": form, "certificates": visible_certificates(request.user).select_related("holder")},
        status=422 if request.method == "POST" else 200)


@login_required
def certificate_file(request, pk: int):
    return certificate_response(get_object_or_404(visible_certificates(request.user), pk=pk))


@public_rate_limited("protection.registration")
def register(request):
    """The public application for an account of a rights holder or an e-commerce platform (no login)."""
    form = RegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = {k: form.cleaned_data[k] for k in services.REGISTRATION_FIELDS}
        try:
            services.registration_submit(data=data, password=form.cleaned_data["password"], filename=upload.name,
                                         content=upload.read(services.CERTIFICATE_MAX_BYTES + 1))
            return render(request, "protection/register_done.html", {"name": data["organisation_name"]})
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "protection/register.html", {"form": form},
                  status=422 if request.method == "POST" else 200)


@login_required
def registrations(request):
    if not permissions.checks_registrations(request.user):
        raise DjangoPermissionDenied
    state = request.GET.get("state", "pending")
    state = state if state in REGISTRATION_STATES else None
    page = Paginator(registration_list(request.user, state=state), 25).get_page(request.GET.get("page"))
    return render(request, "protection/registrations.html",
                  {"page": page, "state": state, "states": REGISTRATION_STATES})


def _registration_page(request, registration, bound=None, status=200):
    return _page(request, REGISTRATION, registration, registration_out(registration, request.user),
                 "protection/registration_detail.html", bound, status)


@login_required
def registration_page(request, pk: int):
    return _registration_page(request, get_object_or_404(registration_detail(request.user), pk=pk))


@login_required
@require_POST
def registration_step(request, pk: int, action: str):
    return _step(request, REGISTRATION, registration_detail(request.user), pk, action, "protection:registration",
                 _registration_page)


@login_required
def registration_file(request, pk: int):
    return registration_file_response(get_object_or_404(registration_detail(request.user), pk=pk))
