"""Case pages: list with filters and export, lead registration and editing, the case page with its tabs and
action forms, and the approval queue. Thin: selectors read, services write."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipenforce.cases import criminal, explanations, permissions, selectors, services
from ipenforce.cases.choices import State
from ipenforce.cases.exports import case_rows
from ipenforce.cases.forms import CaseFilterForm, CaseForm, PartyForm, RightForm
from ipenforce.cases.imports import IMPORTED
from ipenforce.cases.limitation import case_limitation
from ipenforce.cases.models import COUNT_FIELDS, Case
from ipenforce.cases.personal_data import parties_for
from ipenforce.cases.presenters import case_list_rows, list_values, statement_rows
from ipenforce.cases.workflow import CASE
from ipenforce.core.errors import ApplicationError, ValidationFailed
from ipenforce.core.forms import add_service_error, posted_version
from ipenforce.core.pagination import capped_page
from ipenforce.orgs.choices import Role
from ipenforce.workflow.definitions import APPROVAL_ANSWERS
from ipenforce.workflow.forms import action_form_class
from ipenforce.workflow.models import StepKind
from ipenforce.workflow.presenters import approval_row
from ipenforce.workflow.selectors import approval_queue as approvals_waiting
from ipenforce.workflow.selectors import available_actions, deadline_rows, pending_approval
from ipenforce.workflow.services import perform

PAGE_SIZE = 25


@login_required
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    try:
        cases = case_rows(request.user, request.GET)
    except ValidationFailed:  # the form shows the error
        cases = Case.objects.none()
    page = capped_page(list_values(cases), PAGE_SIZE, request.GET.get("page"))
    page.object_list = case_list_rows(page.object_list)
    return render(request, "cases/case_list.html", {
        "page": page, "filter_form": form, "can_create": permissions.may_register(request.user),
        "may_import": permissions.may_import_cases(request.user),
        "headers": _sort_headers(request.GET),
    })


CASE_COLUMNS = [
    ("number", gettext_lazy("案件编号")), ("title", gettext_lazy("案由")), (None, gettext_lazy("当事人")),
    ("ip_type", gettext_lazy("类型")), ("procedure", gettext_lazy("程序")), ("state", gettext_lazy("状态")),
    ("agency", gettext_lazy("办案单位")), ("discovered", gettext_lazy("发现日期")),
    ("registered", gettext_lazy("登记时间")),
]


def _sort_headers(params) -> list[dict]:
    """The list's column headers: a click sorts by the column (again: the other way), the filters kept."""
    current = params.get("sort") or "-registered"
    headers = []
    for key, label in CASE_COLUMNS:
        header = {"label": label, "key": key, "url": None, "arrow": ""}
        if key:
            query = params.copy()
            query.pop("page", None)
            query["sort"] = f"-{key}" if current == key else key
            header["url"] = "?" + query.urlencode()
            header["arrow"] = "▲" if current == key else "▼" if current == f"-{key}" else ""
        headers.append(header)
    return headers


def _form_errors_to_page(exc: ApplicationError, forms_by_prefix: dict) -> None:
    """Put a service error on the form field it names ("parties[0].uscc" → the party form's uscc)."""
    field = exc.field or ""
    for prefix, form in forms_by_prefix.items():
        if prefix and field.startswith(prefix):
            add_service_error(form, ApplicationError(exc.message, field=field[len(prefix):]))
            return
    add_service_error(forms_by_prefix[""], exc)


@login_required
def case_create(request):
    if not permissions.may_register(request.user):
        raise Http404
    form = CaseForm(request.POST or None, prefix="case")
    party_form = PartyForm(request.POST or None, prefix="party")
    right_form = RightForm(request.POST or None, prefix="right")
    if request.method == "POST" and all([form.is_valid(), party_form.is_valid(), right_form.is_valid()]):
        data = {k: v for k, v in form.cleaned_data.items() if k != "campaigns"}
        try:
            case = services.case_register(
                actor=request.user, data=data, parties=[party_form.cleaned_data], rights=[right_form.cleaned_data],
                campaign_ids=[c.pk for c in form.cleaned_data["campaigns"]])
            messages.success(request, _("案源已登记。"))
            for warning in case.warnings:
                messages.warning(request, warning)
            return redirect("cases:detail", case.pk)
        except ApplicationError as exc:
            _form_errors_to_page(exc, {"parties[0].": party_form, "rights[0].": right_form, "": form})
    return render(request, "cases/case_form.html", {"form": form, "party_form": party_form, "right_form": right_form})


def _visible_case(request, pk: int):
    return selectors.case_or_404(request.user, pk, detail=True)


@login_required
def case_edit(request, pk: int):
    case = _visible_case(request, pk)
    if not permissions.may_edit(request.user, case):
        raise Http404
    form = CaseForm(request.POST or None, instance=case, prefix="case")
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "campaigns"}
        changes["campaign_ids"] = [c.pk for c in form.cleaned_data["campaigns"]]
        try:
            services.case_update(actor=request.user, case=case, version=int(request.POST.get("version", 0)),
                                 changes=changes)
            messages.success(request, _("案件信息已保存。"))
            return redirect("cases:detail", case.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


def _action_form(case, key: str, data=None):
    action = CASE.actions[key]
    choices = {}
    if any(f.kind == "users" for f in action.fields):
        officers = selectors.assignable_officers(case)
        choices["officers"] = [(str(u.pk),
                                f"{u.display_name}（{u.certificate_no or _('无执法证')}）") for u in officers]
    return action_form_class(action, choices)(data, prefix=key)


def _detail_page(request, case, bound=None, status=200):
    available = available_actions(CASE, case, request.user)
    approval = pending_approval(case)
    remaining, surcharge = selectors.outstanding(case, timezone.localdate())
    action_forms = [(CASE.actions[key], bound[1] if bound and bound[0] == key else _action_form(case, key))
                    for key in available if key not in APPROVAL_ANSWERS]
    if bound and bound[0] not in available:  # refused and no longer offered: say why above the page
        messages.error(request, "；".join(str(e) for errors in bound[1].errors.values() for e in errors))
    return render(request, "cases/case_detail.html", {
        "case": case, "available": available, "action_forms": action_forms,
        "answers": [(k, v) for k, v in APPROVAL_ANSWERS.items() if k in available],
        "approval": approval_row(CASE, case), "approval_fields": _approval_fields(approval),
        "deadlines": deadline_rows(CASE, case, request.user), "fine_range": selectors.fine_range_for(case),
        "crime_checks": criminal.evaluate(case), "limitation": case_limitation(case),
        "explanations": explanations.for_case(case),
        "counts": [(name, Case._meta.get_field(name).verbose_name, getattr(case, name)) for name in COUNT_FIELDS],
        "outstanding": remaining, "surcharge": surcharge,
        "may_edit": permissions.may_edit(request.user, case), "party_form": PartyForm(prefix="party"),
        "parties": parties_for(case, request.user), "statements": statement_rows(case),
        "right_form": RightForm(prefix="right"), "step_kinds": dict(StepKind.choices),
        "action_labels": {**{k: a.label for k, a in CASE.actions.items()}, "document": _("制作文书"),
                          "field_record": _("笔录签名封存"), IMPORTED: _("自旧系统导入")},
        "state_labels": dict(State.choices), "role_labels": dict(Role.choices),
    }, status=status)


def _approval_fields(approval) -> list[tuple[str, object]]:
    """The proposal's values under their labels, for the approver."""
    if approval is None:
        return []
    labels = {f.name: f.label for f in CASE.actions[approval.action].fields}
    return [(labels.get(name, name), value) for name, value in approval.payload.items() if value not in (None, "", [])]


@login_required
def case_detail(request, pk: int):
    return _detail_page(request, _visible_case(request, pk))


@login_required
@require_POST
def case_action(request, pk: int, action: str):
    case = _visible_case(request, pk)
    form = None
    if action in CASE.actions and not CASE.actions[action].internal:
        form = _action_form(case, action, request.POST)
        if not form.is_valid():
            return _detail_page(request, case, (action, form), status=422)
        data = {**form.cleaned_data}
    elif action in APPROVAL_ANSWERS:
        data = {"comment": request.POST.get("comment", "")}
    else:
        raise Http404
    try:
        perform(procedure=CASE.key, subject_id=case.pk, action=action, actor=request.user,
                version=posted_version(request), data=data)
    except ApplicationError as exc:
        if form is None:
            messages.error(request, exc.message)
            return redirect("cases:detail", case.pk)
        add_service_error(form, exc)
        return _detail_page(request, _visible_case(request, pk), (action, form), status=exc.status)
    messages.success(request,
                     _("已办理：%(action)s。")
                     % {"action": CASE.actions[action].label if form else APPROVAL_ANSWERS[action]})
    return redirect("cases:detail", case.pk)


@login_required
@require_POST
def party_add(request, pk: int):
    case = _visible_case(request, pk)
    form = PartyForm(request.POST, prefix="party")
    return _related_add(request, case, form, services.party_add)


@login_required
@require_POST
def right_add(request, pk: int):
    case = _visible_case(request, pk)
    form = RightForm(request.POST, prefix="right")
    return _related_add(request, case, form, services.right_add)


def _related_add(request, case, form, service):
    if form.is_valid():
        try:
            saved = service(actor=request.user, case=case, version=posted_version(request),
                            data=form.cleaned_data)
            messages.success(request, _("已添加。"))
            for warning in getattr(saved, "warnings", []):
                messages.warning(request, warning)
            return redirect("cases:detail", case.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    errors = "；".join(f"{form.fields[f].label if f in form.fields else ''}{' ' if f in form.fields else ''}{e}"
                      for f, errs in form.errors.items() for e in errs)
    messages.error(request, errors)
    return redirect("cases:detail", case.pk)


@login_required
@require_POST
def party_remove(request, pk: int, party_id: int):
    case = _visible_case(request, pk)
    party = get_object_or_404(case.parties.all(), pk=party_id)
    return _related_remove(request, case, services.party_remove, party=party)


@login_required
@require_POST
def right_remove(request, pk: int, right_id: int):
    case = _visible_case(request, pk)
    right = get_object_or_404(case.rights.all(), pk=right_id)
    return _related_remove(request, case, services.right_remove, right=right)


def _related_remove(request, case, service, **target):
    try:
        service(actor=request.user, case=case, version=posted_version(request), **target)
        messages.success(request, _("已删除。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("cases:detail", case.pk)


@login_required
def approval_queue(request):
    """待我审批: the approvals of every procedure waiting on this user now."""
    page = capped_page(approvals_waiting(request.user), PAGE_SIZE, request.GET.get("page"))
    return render(request, "cases/approval_queue.html", {"page": page})
