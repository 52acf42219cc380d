"""Pages of command and dispatch: the lists of assignments, assistance requests and joint operations, their
pages with the forms of the steps the user may take (and the approver's answers), and the forms that start them."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.command import permissions, services
from ipenforce.command.forms import (
    AssignmentForm,
    AssistanceForm,
    EvidenceForm,
    OperationForm,
    OperationLinkForm,
    SupplierNoticeForm,
    step_form,
)
from ipenforce.command.presenters import assignment_out, assistance_out, operation_out
from ipenforce.command.selectors import (
    assignment_detail,
    assignment_list,
    assistance_detail,
    assistance_list,
    list_filters,
    operation_detail,
    visible_operations,
)
from ipenforce.command.workflow import ASSIGNMENT, ASSIGNMENT_STATES, ASSISTANCE, ASSISTANCE_STATES, OPERATION
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error, posted_version
from ipenforce.core.pagination import capped_page
from ipenforce.documents.kinds import KINDS
from ipenforce.evidence.files import stored_file_response
from ipenforce.orgs.models import Agency
from ipenforce.workflow.definitions import APPROVAL_ANSWERS
from ipenforce.workflow.models import StepKind
from ipenforce.workflow.pages import approval_answers, step_done
from ipenforce.workflow.services import perform

PER_PAGE = 25
SUBJECTS = {  # procedure key → (procedure, detail queryset, presenter, page name, template name)
    "assignment": (ASSIGNMENT, assignment_detail, assignment_out, "command:assignment", "assignment"),
    "assistance": (ASSISTANCE, assistance_detail, assistance_out, "command:assistance", "assistance"),
    "operation": (OPERATION, operation_detail, operation_out, "command:operation", "operation"),
}


@login_required
def assignment_index(request):
    filters = list_filters(request.GET, "receiver")
    mine = filters["awaiting_me"]
    selected = assignment_list(request.user, **filters)
    page = capped_page(selected, PER_PAGE, request.GET.get("page"))
    return render(request, "command/assignment_list.html", {
        "page": page, "mine": mine, "states": ASSIGNMENT_STATES, "may_assign": permissions.may_assign(request.user),
        "may_read_assignments": permissions.reads_assignments(request.user)})


@login_required
def assistance_index(request):
    filters = list_filters(request.GET, "assisted")
    mine = filters["awaiting_me"]
    selected = assistance_list(request.user, **filters)
    page = capped_page(selected, PER_PAGE, request.GET.get("page"))
    return render(request, "command/assistance_list.html", {
        "page": page, "mine": mine, "states": ASSISTANCE_STATES,
        "may_request": permissions.may_request_assistance(request.user),
        "may_read_assignments": permissions.reads_assignments(request.user)})


def _subject_page(request, key: str, subject, bound=None, status=200):
    procedure, _detail, present, _page, template = SUBJECTS[key]
    data = present(subject, request.user)
    available = data["available_actions"]
    forms = [(procedure.actions[k], bound[1] if bound and bound[0] == k else step_form(procedure, k, subject))
             for k in available if k not in APPROVAL_ANSWERS]
    if bound and bound[0] not in available:
        messages.error(request, "；".join(str(e) for errors in bound[1].errors.values() for e in errors))
    context = {"subject": subject, "data": data, "forms": forms, "procedure_key": key,
               "answers": approval_answers(available),
               "action_labels": {k: a.label for k, a in procedure.actions.items()},
               "step_kinds": dict(StepKind.choices)}
    if key == "assignment":
        context["may_make_notice"] = permissions.may_make_notice(request.user, subject)
        proposed = (data.get("approval") or {}).get("payload", {}).get("receiver_id")
        context["approval_receiver"] = Agency.objects.filter(pk=proposed).values_list("name", flat=True).first() \
            if str(proposed or "").isdigit() else ""
    if key == "operation":
        context["link_form"] = (OperationLinkForm(prefix="link")
                                if permissions.may_run_operation(request.user, subject) else None)
    if key == "assistance":
        context["may_attach"] = permissions.may_attach_answer(request.user, subject)
        context["evidence_form"] = (EvidenceForm(user=request.user, prefix="evidence")
                                    if permissions.may_file_evidence(request.user, subject)
                                    and any(f["evidence_id"] is None for f in data["files"]) else None)
    return render(request, f"command/{template}_detail.html", context, status=status)


@login_required
def assignment_page(request, pk: int):
    return _subject_page(request, "assignment", get_object_or_404(assignment_detail(request.user), pk=pk))


@login_required
@require_POST
def assignment_notice(request, pk: int):
    assignment = get_object_or_404(assignment_detail(request.user), pk=pk)
    try:
        document = services.assignment_notice(actor=request.user, assignment=assignment)
        messages.success(request, _("已制作：%(title)s %(number)s（第%(version)s版），见案件文书。") % {
            "title": KINDS[document.kind].title, "number": document.number, "version": document.version})
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("command:assignment", pk)


@login_required
def assistance_page(request, pk: int):
    return _subject_page(request, "assistance", get_object_or_404(assistance_detail(request.user), pk=pk))


@login_required
@require_POST
def subject_step(request, key: str, pk: int, action: str):
    if key not in SUBJECTS:
        raise Http404
    procedure, detail, _present, page_name, _template = SUBJECTS[key]
    subject = get_object_or_404(detail(request.user), pk=pk)
    form = None
    if action in procedure.actions and not procedure.actions[action].internal:
        form = step_form(procedure, action, subject, request.POST)
        if not form.is_valid():
            return _subject_page(request, key, subject, (action, form), 422)
        data = {**form.cleaned_data}
    elif action in APPROVAL_ANSWERS:
        data = {"comment": request.POST.get("comment", "")}
    else:
        raise Http404
    try:
        perform(procedure=procedure.key, subject_id=pk, action=action, actor=request.user,
                version=posted_version(request), data=data)
    except ApplicationError as exc:
        if form is None:
            messages.error(request, exc.message)
            return redirect(page_name, pk)
        add_service_error(form, exc)
        return _subject_page(request, key, get_object_or_404(detail(request.user), pk=pk), (action, form),
                             exc.status)
    messages.success(request, step_done(procedure, action) if form is not None
                     else _("已办理：%(action)s。") % {"action": APPROVAL_ANSWERS[action]})
    return redirect(page_name, pk)


def _create_page(request, form_class, template: str, service, redirect_to, aliases=None):
    initial = {"case_id": request.GET.get("case", "")}
    form = form_class(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        for name in ("case_id", "assisted_id"):
            if name in data:
                data[name] = int(data[name]) if data[name] else None
        for name in ("receiver_ids", "participant_ids"):
            if name in data:
                data[name] = [int(v) for v in data[name]]
        try:
            created = service(actor=request.user, **data)
            messages.success(request, _("已保存。"))
            return redirect_to(created)
        except ApplicationError as exc:
            add_service_error(form, exc, aliases)
    status = 422 if request.method == "POST" else 200
    return render(request, template, {"form": form}, status=status)


@login_required
def assignment_new(request):
    if not permissions.may_assign(request.user):
        raise Http404
    return _create_page(request, AssignmentForm, "command/assignment_form.html", services.assignment_draft,
                        lambda drafted: redirect("command:assignment", drafted[0].pk))


@login_required
def assistance_new(request):
    if not permissions.may_request_assistance(request.user):
        raise Http404
    return _create_page(request, AssistanceForm, "command/assistance_form.html", services.assistance_send,
                        lambda sent: redirect("command:assistance", sent.pk))


@login_required
def supplier_notice_new(request, case_id: int):
    if not permissions.may_request_assistance(request.user):
        raise Http404
    form = SupplierNoticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "assisted_id": int(form.cleaned_data["assisted_id"] or 0) or None}
        try:
            sent = services.supplier_notice_start(actor=request.user, case_id=case_id, **data)
            messages.success(request, _("已发出供货者通报协查函。"))
            return redirect("command:assistance", sent.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "command/supplier_notice_form.html", {"form": form, "case_id": case_id},
                  status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def assistance_upload(request, pk: int):
    found = get_object_or_404(assistance_detail(request.user), pk=pk)
    try:
        services.assistance_attach(actor=request.user, request=found, uploads=request.FILES.getlist("files"))
        messages.success(request, _("答复材料已上传。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("command:assistance", pk)


@login_required
def assistance_file(request, pk: int, file_id: int):
    found = get_object_or_404(assistance_detail(request.user), pk=pk)
    answer_file = get_object_or_404(found.files.all(), pk=file_id)
    return stored_file_response(answer_file.stored, answer_file.name)


@login_required
@require_POST
def assistance_evidence(request, pk: int):
    found = get_object_or_404(assistance_detail(request.user), pk=pk)
    form = EvidenceForm(request.POST, user=request.user, prefix="evidence")
    try:
        ids = [int(v) for v in request.POST.getlist("evidence-collector_ids")]
        services.assistance_file_evidence(actor=request.user, request=found, collector_ids=ids)
        messages.success(request, _("答复材料已登记为本案证据。"))
    except (ApplicationError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", _("提取人不正确。")))
    del form
    return redirect("command:assistance", pk)


@login_required
def operation_index(request):
    page = Paginator(visible_operations(request.user).select_related("lead"), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "command/operation_list.html", {
        "page": page, "may_run": permissions.may_run_operation(request.user),
        "may_read_assignments": permissions.reads_assignments(request.user)})


@login_required
def operation_new(request):
    if not permissions.may_run_operation(request.user):
        raise Http404
    return _create_page(request, OperationForm, "command/operation_form.html", services.operation_plan,
                        lambda operation: redirect("command:operation", operation.pk))


@login_required
def operation_page(request, pk: int):
    return _subject_page(request, "operation", get_object_or_404(operation_detail(request.user), pk=pk))


@login_required
@require_POST
def operation_link(request, pk: int):
    operation = get_object_or_404(operation_detail(request.user), pk=pk)
    form = OperationLinkForm(request.POST, prefix="link")
    if not form.is_valid():
        messages.error(request, _("请填写线索或案件的编号（ID）。"))
        return redirect("command:operation", pk)
    try:
        services.operation_link_case(actor=request.user, operation=operation, case_id=form.cleaned_data["case_id"])
        messages.success(request, _("已关联。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("command:operation", pk)
