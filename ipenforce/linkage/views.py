"""Pages: the transfers waiting on the user, the transfer's timeline with its deadlines, documents and the forms
of the steps the user may take; the procuratorate's supervision view and opinions."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error, posted_version
from ipenforce.linkage import permissions, services, supervision
from ipenforce.linkage.downloads import attachment_response
from ipenforce.linkage.forms import step_form
from ipenforce.linkage.presenters import transfer_out
from ipenforce.linkage.selectors import SCOPES, list_scope, transfer_detail, transfer_list
from ipenforce.linkage.workflow import STATES, TRANSFER
from ipenforce.workflow.pages import step_done
from ipenforce.workflow.services import perform


@login_required
def transfer_queue(request):
    scope = list_scope(request.GET)
    transfers = transfer_list(request.user, awaiting_me=scope == "awaiting", own_agency=scope == "unit")
    page = Paginator(transfers, 25).get_page(request.GET.get("page"))
    return render(request, "linkage/transfer_list.html",
                  {"page": page, "scope": scope, "scopes": SCOPES, "states": STATES})


def _page(request, transfer, bound=None, status=200):
    data = transfer_out(transfer, request.user)
    forms = [(TRANSFER.actions[key], bound[1] if bound and bound[0] == key else step_form(key))
             for key in data["available_actions"]]
    if bound and bound[0] not in data["available_actions"]:  # refused and no longer offered: say why above the page
        messages.error(request, "；".join(str(e) for errors in bound[1].errors.values() for e in errors))
    attachable = {s.pk for s in transfer.steps.all() if permissions.may_attach(request.user, transfer, s)}
    return render(request, "linkage/transfer_detail.html", {"transfer": transfer, "data": data, "forms": forms,
                                                            "states": STATES, "attachable": attachable},
                  status=status)


@login_required
def transfer_page(request, pk: int):
    return _page(request, get_object_or_404(transfer_detail(request.user), pk=pk))


@login_required
@require_POST
def transfer_step(request, pk: int, action: str):
    transfer = get_object_or_404(transfer_detail(request.user), pk=pk)
    if action not in TRANSFER.actions or TRANSFER.actions[action].internal:
        return redirect("linkage:detail", pk)
    form = step_form(action, request.POST)
    if form.is_valid():
        try:
            perform(procedure=TRANSFER.key, subject_id=pk, action=action, actor=request.user,
                    version=posted_version(request), data=form.cleaned_data)
            messages.success(request, step_done(TRANSFER, action))
            return redirect("linkage:detail", pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            return _page(request, get_object_or_404(transfer_detail(request.user), pk=pk), (action, form), exc.status)
    return _page(request, transfer, (action, form), 422)


@login_required
def attachment(request, pk: int, attachment_id: int):
    return attachment_response(get_object_or_404(transfer_detail(request.user), pk=pk), attachment_id)


@login_required
@require_POST
def step_upload(request, pk: int, step_id: int):
    transfer = get_object_or_404(transfer_detail(request.user), pk=pk)
    step = get_object_or_404(transfer.steps.all(), pk=step_id)
    try:
        services.step_attach(actor=request.user, transfer=transfer, step=step, uploads=request.FILES.getlist("files"))
        messages.success(request, _("文书已上传。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("linkage:detail", pk)


@login_required
def supervision_page(request):
    return render(request, "linkage/supervision.html", {
        "untransferred": supervision.untransferred_over_threshold(request.user)[:200],
        "overdue": supervision.overdue_police_decisions(request.user)[:200],
        "non_filings": supervision.unchallenged_non_filings(request.user)[:200],
        "opinions": supervision.opinions(request.user)[:200], "may_supervise": permissions.may_supervise(request.user),
        "states": STATES,
    })


@login_required
@require_POST
def opinion_issue(request, case_id: int):
    try:
        opinion = supervision.opinion_issue(actor=request.user, case=case_or_404(request.user, case_id),
                                            text=request.POST.get("text", ""))
        messages.success(request, _("监督意见已发出。"))
        return redirect("linkage:opinion", opinion.pk)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("linkage:supervision")


@login_required
def opinion_page(request, opinion_id: int):
    opinion = get_object_or_404(supervision.opinions(request.user), pk=opinion_id)
    if request.method == "POST":
        try:
            supervision.opinion_answer(actor=request.user, opinion=opinion, answer=request.POST.get("answer", ""))
            messages.success(request, _("已答复。"))
            return redirect("linkage:opinion", opinion.pk)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return render(request, "linkage/opinion.html", {"opinion": opinion})
