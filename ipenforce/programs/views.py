"""Pages of programs: funding calls and applications with the forms of the steps the user may take, the fund
report, policy ledgers and tasks, and the registries."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error, posted_version
from ipenforce.orgs.selectors import visible_users
from ipenforce.programs import forms, permissions, selectors, services
from ipenforce.programs.models import AllianceKind, ContactKind, StationKind
from ipenforce.programs.presenters import application_out, enterprise_out, task_out
from ipenforce.programs.reports import DOCX, annual_report_docx
from ipenforce.programs.workflow import (
    FUNDING,
    FUNDING_STATES,
    KEY_ENTERPRISE,
    LISTING_STATES,
    POLICY_TASK,
    TASK_STATES,
)
from ipenforce.workflow.definitions import APPROVAL_ANSWERS
from ipenforce.workflow.pages import answer_from_page, approval_answers, step_done
from ipenforce.workflow.services import perform


def _reader(request):
    if not permissions.reads_programs(request.user):
        raise DjangoPermissionDenied
    return request.user


def _funding_reader(request):
    """The funding pages: the staff, and an enterprise's own account (its own applications only)."""
    if not permissions.reads_funding(request.user):
        raise DjangoPermissionDenied
    return request.user


def _paged(request, qs, size=25):
    return Paginator(qs, size).get_page(request.GET.get("page"))


@login_required
def home(request):
    user = _reader(request)
    return render(request, "programs/home.html", {
        "calls": selectors.visible_calls(user)[:20], "documents": selectors.visible_documents(user)[:20],
        "may_manage": permissions.manages_programs(user)})


# ---- funding --------------------------------------------------------------------------------------------

@login_required
def calls(request):
    user = _funding_reader(request)
    form = forms.CallForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                call = services.call_create(actor=user, agency=user.agency, **form.cleaned_data)
                messages.success(request, _("已发布：%(c)s。") % {"c": call})
                return redirect("programs:call", call.pk)
            except ApplicationError as exc:
                add_service_error(form, exc)
        status = 422
    else:
        status = 200
    return render(request, "programs/calls.html", {"page": _paged(request, selectors.visible_calls(user)),
                                                   "form": form, "may_manage": permissions.manages_programs(user),
                                                   "enterprise": permissions.applies_for_funding(user)},
                  status=status)


@login_required
def call_page(request, pk: int):
    user = _funding_reader(request)
    call = get_object_or_404(selectors.visible_calls(user), pk=pk)
    own_account = user.agency if permissions.applies_for_funding(user) else None
    form = forms.ApplicationForm(request.POST or None, call=call, own_account=own_account, prefix="apply")
    sample = forms.SampleForm(prefix="sample")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                application = services.application_submit(actor=user, call=call, **form.cleaned_data)
                messages.success(request, _("已录入申请 %(n)s。") % {"n": application.number})
                return redirect("programs:application", application.pk)
            except ApplicationError as exc:
                add_service_error(form, exc)
        status = 422
    return render(request, "programs/call.html", {
        "call": call, "form": form, "sample": sample, "may_manage": permissions.may_manage_at(user, call.agency),
        "may_apply": permissions.may_submit_for(user, call), "enterprise": own_account is not None,
        "applications": selectors.application_list(user, call_id=call.pk)[:200], "states": FUNDING_STATES},
        status=status)


@login_required
@require_POST
def call_sample(request, pk: int):
    user = _reader(request)
    call = get_object_or_404(selectors.visible_calls(user), pk=pk)
    form = forms.SampleForm(request.POST, prefix="sample")
    if form.is_valid():
        try:
            drawn = services.audit_sample(actor=user, call=call, size=form.cleaned_data["size"])
            messages.success(request, _("抽中 %(n)s 个项目：%(list)s") % {
                "n": len(drawn), "list": "、".join(a.number for a in drawn) or "—"})
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("抽查数量：请填写不小于 1 的整数。"))
    return redirect("programs:call", pk)


@login_required
def applications(request):
    user = _funding_reader(request)
    state = request.GET.get("state") or None
    qs = selectors.application_list(user, state=state if state in FUNDING_STATES else None)
    return render(request, "programs/applications.html", {"page": _paged(request, qs), "states": FUNDING_STATES,
                                                          "state": state,
                                                          "enterprise": permissions.applies_for_funding(user)})


def _steps(request, procedure, data: dict, bound) -> dict:
    """The forms of the actions the user may take now and the approval answers (同意 / 不同意 / 退回) they may give;
    a refused form comes back bound with its errors."""
    available = data["available_actions"]
    step_forms = [(procedure.actions[key], bound[1] if bound and bound[0] == key else forms.step_form(procedure, key))
                  for key in available if key in procedure.actions]
    if bound and bound[0] not in available:
        messages.error(request, "；".join(str(e) for errors in bound[1].errors.values() for e in errors))
    return {"data": data, "forms": step_forms,
            "answers": approval_answers(available)}


def _application_page(request, application, bound=None, status=200, experts=None):
    steps = _steps(request, FUNDING, application_out(application, request.user), bound)
    may_assign = application.state == "expert_review" and permissions.may_manage_at(request.user, application.agency)
    if may_assign and experts is None:
        experts = forms.ExpertsForm(people=_expert_choices(request.user))
    return render(request, "programs/application.html", {
        "a": application, "experts": experts if may_assign else None,
        "enterprise": permissions.applies_for_funding(request.user), **steps}, status=status)


def _expert_choices(user):
    return visible_users(user).filter(agency__kind__in=permissions.STAFF_KINDS, is_active=True).select_related(
        "agency").order_by("agency__path", "username")


@login_required
def application_page(request, pk: int):
    user = _funding_reader(request)
    return _application_page(request, get_object_or_404(selectors.application_detail(user), pk=pk))


@login_required
@require_POST
def application_experts(request, pk: int):
    user = _reader(request)
    application = get_object_or_404(selectors.application_detail(user), pk=pk)
    form = forms.ExpertsForm(request.POST, people=_expert_choices(user))
    if form.is_valid():
        try:
            services.score_sheets_assign(actor=user, application=application,
                                         experts=list(form.cleaned_data["experts"]))
            messages.success(request, _("已分配评审专家，评分表已送达各专家的待办。"))
            return redirect("programs:application", pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return _application_page(request, application, status=422, experts=form)


@login_required
def score_sheets(request):
    return render(request, "programs/score_sheets.html",
                  {"page": _paged(request, selectors.my_score_sheets(request.user))})


@login_required
def score_sheet_page(request, pk: int):
    sheet = get_object_or_404(selectors.my_score_sheets(request.user), pk=pk)
    form = forms.ScoreSheetForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.score_sheet_submit(actor=request.user, sheet=sheet, **form.cleaned_data)
                messages.success(request, _("评分表已提交。"))
                return redirect("programs:score_sheet", pk)
            except ApplicationError as exc:
                add_service_error(form, exc)
        status = 422
    return render(request, "programs/score_sheet.html", {"sheet": sheet, "a": sheet.application, "form": form},
                  status=status)


def _step(request, procedure, pk: int, action: str, detail, page, name: str):
    subject = get_object_or_404(detail(request.user), pk=pk)
    if action in APPROVAL_ANSWERS:
        answer_from_page(request, procedure, pk, action)
        return redirect(name, pk)
    if action not in procedure.actions or procedure.actions[action].internal:
        return redirect(name, pk)
    form = forms.step_form(procedure, action, request.POST)
    if form.is_valid():
        try:
            perform(procedure=procedure.key, subject_id=pk, action=action, actor=request.user,
                    version=posted_version(request), data=form.cleaned_data)
            messages.success(request, step_done(procedure, action))
            return redirect(name, pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            return page(request, get_object_or_404(detail(request.user), pk=pk), (action, form), exc.status)
    return page(request, subject, (action, form), 422)


@login_required
@require_POST
def application_step(request, pk: int, action: str):
    _funding_reader(request)
    return _step(request, FUNDING, pk, action, selectors.application_detail, _application_page,
                 "programs:application")


@login_required
def report(request):
    user = _reader(request)
    raw = request.GET.get("year") or ""
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
    return render(request, "programs/report.html", {"rows": selectors.fund_report_rows(user, year), "year": year})


@login_required
def report_docx(request):
    user = _reader(request)
    raw = request.GET.get("year") or ""
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
    response = HttpResponse(annual_report_docx(user, year), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="funding-report-{year}.docx"'
    return response


# ---- ledger ---------------------------------------------------------------------------------------------

@login_required
def ledgers(request):
    user = _reader(request)
    form = forms.DocumentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                document = services.document_create(actor=user, agency=user.agency, **form.cleaned_data)
                return redirect("programs:ledger", document.pk)
            except ApplicationError as exc:
                add_service_error(form, exc)
        status = 422
    documents = [(d, selectors.ledger_figures(d)) for d in selectors.documents_with_figures(user)[:100]]
    return render(request, "programs/ledgers.html", {"documents": documents, "form": form,
                                                     "may_manage": permissions.manages_programs(user)},
                  status=status)


@login_required
def ledger_page(request, pk: int):
    user = _reader(request)
    document = get_object_or_404(selectors.visible_documents(user), pk=pk)
    form = forms.TaskForm(request.POST or None, prefix="task")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.task_add(actor=user, document=document, **form.cleaned_data)
                return redirect("programs:ledger", pk)
            except ApplicationError as exc:
                add_service_error(form, exc)
        status = 422
    overdue = request.GET.get("overdue") == "1"
    tasks = selectors.task_list(user, document_id=pk, overdue=overdue)
    return render(request, "programs/ledger.html", {
        "document": document, "figures": selectors.ledger_figures(document),
        "units": selectors.unit_figures(document),
        "sentence": selectors.ledger_sentence(document), "page": _paged(request, tasks, 50),
        "today": timezone.localdate(), "states": TASK_STATES, "form": form, "overdue": overdue,
        "may_manage": permissions.may_manage_at(user, document.agency)}, status=status)


def _task_page(request, task, bound=None, status=200):
    steps = _steps(request, POLICY_TASK, task_out(task, request.user), bound)
    return render(request, "programs/task.html", {"t": task, **steps}, status=status)


@login_required
def task_page(request, pk: int):
    user = _reader(request)
    return _task_page(request, get_object_or_404(selectors.task_detail(user), pk=pk))


@login_required
@require_POST
def task_step(request, pk: int, action: str):
    _reader(request)
    return _step(request, POLICY_TASK, pk, action, selectors.task_detail, _task_page, "programs:task")


# ---- registries -----------------------------------------------------------------------------------------

def _registry(request, *, form, add, rows, template: str, extra: dict):
    user = request.user
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                data = {k: v for k, v in form.cleaned_data.items()}
                add(actor=user, agency=user.agency, **data)
                messages.success(request, _("已登记。"))
                return redirect(request.path)
            except ApplicationError as exc:
                add_service_error(form, exc, {"liaison_id": "liaison"})
        status = 422
    return render(request, template, {"page": _paged(request, rows), "form": form,
                                      "may_manage": permissions.manages_programs(user), **extra}, status=status)


@login_required
def key_enterprises(request):
    user = _reader(request)
    form = forms.KeyEnterpriseForm(request.POST or None, liaisons=visible_users(user).filter(
        agency=user.agency) if user.agency_id else visible_users(user).none())
    return _registry(request, form=form, add=services.key_enterprise_nominate, rows=selectors.key_enterprises(user),
                     template="programs/key_enterprises.html", extra={"states": LISTING_STATES})


def _enterprise_page(request, entry, bound=None, status=200):
    steps = _steps(request, KEY_ENTERPRISE, enterprise_out(entry, request.user, detail=True), bound)
    return render(request, "programs/key_enterprise.html", {"e": entry, **steps}, status=status)


@login_required
def key_enterprise_page(request, pk: int):
    user = _reader(request)
    return _enterprise_page(request, get_object_or_404(selectors.key_enterprise_detail(user), pk=pk))


@login_required
@require_POST
def key_enterprise_step(request, pk: int, action: str):
    _reader(request)
    return _step(request, KEY_ENTERPRISE, pk, action, selectors.key_enterprise_detail, _enterprise_page,
                 "programs:key_enterprise")


@login_required
def alliances(request):
    user = _reader(request)
    kind = request.GET.get("kind") if request.GET.get("kind") in AllianceKind.values else None
    figures = selectors.alliance_figures(user, timezone.localdate())
    return _registry(request, form=forms.AllianceForm(request.POST or None), add=services.alliance_add,
                     rows=selectors.alliances(user, kind), template="programs/alliances.html",
                     extra={"figures": figures, "kind": kind, "kinds": AllianceKind.choices})


@login_required
def stations(request):
    user = _reader(request)
    kind = request.GET.get("kind") if request.GET.get("kind") in StationKind.values else None
    return _registry(request, form=forms.StationForm(request.POST or None), add=services.station_add,
                     rows=selectors.stations(user, kind), template="programs/stations.html",
                     extra={"kind": kind, "kinds": StationKind.choices})


@login_required
def rights_contacts(request):
    user = _reader(request)
    kind = request.GET.get("kind") if request.GET.get("kind") in ContactKind.values else None
    q = (request.GET.get("q") or "")[:100]
    return _registry(request, form=forms.ContactForm(request.POST or None), add=services.rights_contact_add,
                     rows=selectors.rights_contacts(user, kind=kind, q=q), template="programs/rights_contacts.html",
                     extra={"kind": kind, "kinds": ContactKind.choices, "q": q})
