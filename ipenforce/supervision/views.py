"""Pages of supervision: the supervisor's desk of supervised cases with their warning lights and the weekly
table, each supervision's timeline and the forms of the steps the user may take; enforcement supervision orders
with their documents."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.cases.selectors import case_by_reference
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error
from ipenforce.core.pagination import capped_page
from ipenforce.orgs.selectors import visible_agencies
from ipenforce.supervision import checks, lights, permissions, reviews, services
from ipenforce.supervision.checklist import checklist
from ipenforce.supervision.documents import order_document
from ipenforce.supervision.forms import DrawForm, OrderForm, SuperviseForm, case_step_form, order_step_form
from ipenforce.supervision.presenters import case_light, order_out, supervised_case_out
from ipenforce.supervision.selectors import (
    draw_detail,
    draw_list,
    order_detail,
    order_list,
    review_rows,
    supervised_case_detail,
    supervised_case_list,
)
from ipenforce.supervision.weekly import week_of, weekly_docx, weekly_xlsx
from ipenforce.supervision.workflow import CASE_STATES, ORDER, ORDER_STATES, SUPERVISED_CASE
from ipenforce.workflow.pages import step_done
from ipenforce.workflow.services import perform

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _posted_int(request, name: str) -> int:
    """A posted number, 0 when missing or not a number (a stale or forged form is then refused, never a 500)."""
    value = request.POST.get(name) or ""
    return int(value) if value.isdigit() else 0


def _require_reader(user) -> None:
    if not permissions.reads_supervision(user):
        raise Http404


@login_required
def case_list(request):
    _require_reader(request.user)
    form = SuperviseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.supervised_case_open(
                actor=request.user, case=case_by_reference(request.user, form.cleaned_data["case_id"]),
                instructions=form.cleaned_data["instructions"], interval_days=form.cleaned_data["interval_days"],
                deadline=form.cleaned_data["deadline"])
            messages.success(request, _("已挂牌督办。"))
            return redirect("supervision:case_detail", item.pk)
        except (ApplicationError, Http404) as exc:
            add_service_error(form, exc) if isinstance(exc, ApplicationError) else form.add_error(
                "case_id", _("案件不存在或您无权查看。"))
    today = timezone.localdate()
    within = request.GET.get("within")
    listed = supervised_case_list(request.user, open_only=request.GET.get("all") != "1",
                                  within=int(within) if within and within.isdigit() else None,
                                  light=request.GET.get("light"))
    page = capped_page(listed, 25, request.GET.get("page"))
    rows = [(item, case_light(item, today)) for item in page]
    return render(request, "supervision/case_list.html", {
        "page": page, "rows": rows, "legend": lights.legend(), "form": form, "states": CASE_STATES,
        "may_open": permissions.supervises(request.user)}, status=422 if form.errors else 200)


@login_required
def case_weekly(request, ext: str = "xlsx"):
    _require_reader(request.user)
    monday, _sunday = week_of(timezone.localdate())
    build, kind = (weekly_docx, DOCX) if ext == "docx" else (weekly_xlsx, XLSX)
    response = HttpResponse(build(request.user, monday), content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="supervised-cases-{monday.isoformat()}.{ext}"'
    return response


def _case_page(request, item, bound=None, status=200):
    data = supervised_case_out(item, request.user)
    forms = [(SUPERVISED_CASE.actions[key], bound[1] if bound and bound[0] == key else case_step_form(key))
             for key in data["available_actions"] if key in SUPERVISED_CASE.actions]
    return render(request, "supervision/case_detail.html", {
        "item": item, "data": data, "forms": forms, "legend": lights.legend(),
        "step_url": "supervision:case_step"}, status=status)


@login_required
def case_detail(request, pk: int):
    return _case_page(request, get_object_or_404(supervised_case_detail(request.user), pk=pk))


def _step(request, pk, action, procedure, detail, form_for, page, url_name):
    subject = get_object_or_404(detail(request.user), pk=pk)
    if action not in procedure.actions or procedure.actions[action].internal:
        return redirect(url_name, pk)
    form = form_for(action, request.POST)
    if form.is_valid():
        try:
            perform(procedure=procedure.key, subject_id=pk, action=action, actor=request.user,
                    version=_posted_int(request, "version"), data=form.cleaned_data)
            messages.success(request, step_done(procedure, action))
            return redirect(url_name, pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            messages.error(request, exc.message)
            return page(request, get_object_or_404(detail(request.user), pk=pk), (action, form), exc.status)
    return page(request, subject, (action, form), 422)


@login_required
@require_POST
def case_step(request, pk: int, action: str):
    return _step(request, pk, action, SUPERVISED_CASE, supervised_case_detail, case_step_form, _case_page,
                 "supervision:case_detail")


@login_required
def order_list_page(request):
    _require_reader(request.user)
    targets = [a for a in visible_agencies(request.user).filter(kind__in=permissions.ENFORCEMENT_KINDS)
               .order_by("path") if permissions.may_issue_order(request.user, a)]
    form = OrderForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            target = next(a for a in targets if str(a.pk) == form.cleaned_data["target"])
            case_id = form.cleaned_data.get("case_id")
            order = services.order_issue(actor=request.user, target=target, matter=form.cleaned_data["matter"],
                                         case=case_by_reference(request.user, case_id) if case_id else None)
            messages.success(request, _("执法监督通知书已发出。"))
            return redirect("supervision:order_detail", order.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
        except Http404:
            form.add_error("case_id", _("案件不存在或您无权查看。"))
    page = Paginator(order_list(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "supervision/order_list.html", {
        "page": page, "form": form, "states": ORDER_STATES, "may_issue": bool(targets)},
        status=422 if form.errors else 200)


def _order_page(request, order, bound=None, status=200):
    data = order_out(order, request.user)
    forms = [(ORDER.actions.get(key), bound[1] if bound and bound[0] == key else order_step_form(key))
             for key in data["available_actions"] if key in ORDER.actions]
    answers = [key for key in data["available_actions"] if key not in ORDER.actions]
    return render(request, "supervision/order_detail.html", {
        "order": order, "data": data, "forms": forms, "answers": answers}, status=status)


@login_required
def order_detail_page(request, pk: int):
    return _order_page(request, get_object_or_404(order_detail(request.user), pk=pk))


@login_required
@require_POST
def order_step(request, pk: int, action: str):
    if action in ("approve", "reject", "send_back"):
        get_object_or_404(order_detail(request.user), pk=pk)
        try:
            perform(procedure=ORDER.key, subject_id=pk, action=action, actor=request.user,
                    version=_posted_int(request, "version"), data={"comment": request.POST.get("comment", "")})
            messages.success(request, _("已审批。"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("supervision:order_detail", pk)
    return _step(request, pk, action, ORDER, order_detail, order_step_form, _order_page,
                 "supervision:order_detail")


@login_required
def order_document_page(request, pk: int, kind: str):
    order = get_object_or_404(order_detail(request.user), pk=pk)
    try:
        name, data = order_document(order, kind)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("supervision:order_detail", pk)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def checks_page(request):
    if not checks.reads_checks(request.user):
        raise Http404
    chosen = checks.CHECKS_BY_KEY.get(request.GET.get("tab") or "", checks.CHECKS[0])
    now = timezone.now()
    page = Paginator(chosen.rows(request.user, now), 50).get_page(request.GET.get("page"))
    return render(request, "supervision/checks.html", {
        "checks": checks.CHECKS, "chosen": chosen, "page": page,
        "rows": [(case, chosen.detail(case)) for case in page],
        "export_url": reverse(f"supervision:check_export_{chosen.key}")})


@login_required
def review_list(request):
    _require_reader(request.user)
    units = [a for a in visible_agencies(request.user).filter(kind__in=permissions.ENFORCEMENT_KINDS)
             .order_by("path") if permissions.may_draw(request.user, a)]
    form = DrawForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            unit = next(a for a in units if str(a.pk) == form.cleaned_data["unit"])
            draw = reviews.draw_create(actor=request.user, unit=unit, period_start=form.cleaned_data["period_start"],
                                       period_end=form.cleaned_data["period_end"],
                                       sample_size=form.cleaned_data["sample_size"],
                                       seed=form.cleaned_data.get("seed") or "")
            messages.success(request, _("已抽取案卷。"))
            return redirect("supervision:review_detail", draw.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    page = Paginator(draw_list(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "supervision/review_list.html", {
        "page": page, "form": form, "may_draw": bool(units), "checklist": checklist()},
        status=422 if form.errors else 200)


def _deductions_from(post, review_id: int) -> list[dict]:
    out = []
    for item in checklist().items:
        for deduction in item.deductions:
            name = f"{review_id}-{item.code}-{deduction.code}"
            if post.get(f"d-{name}"):
                out.append({"item": item.code, "code": deduction.code, "reason": post.get(f"r-{name}", "")})
    return out


@login_required
def review_detail(request, pk: int):
    draw = get_object_or_404(draw_detail(request.user), pk=pk)
    refused = None  # the scoring form a refusal sends back, with what was entered
    if request.method == "POST":
        review = get_object_or_404(draw.reviews.all(), pk=_posted_int(request, "review"))
        try:
            if request.POST.get("op") == "answer":
                reviews.review_answer(actor=request.user, review=review, answer=request.POST.get("answer", ""))
                messages.success(request, _("已答复。"))
            else:
                reviews.review_score(actor=request.user, review=review,
                                     deductions=_deductions_from(request.POST, review.pk))
                messages.success(request, _("已评分。"))
            return redirect("supervision:review_detail", pk)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            refused = {"review": review.pk, "values": {k: v for k, v in request.POST.items()
                                                       if k.startswith(("d-", "r-"))}}
    rows = list(review_rows(draw))
    return render(request, "supervision/review_detail.html", {
        "refused": refused,
        "draw": draw, "rows": rows, "checklist": checklist(draw.checklist), "repeatable": reviews.draw_verify(draw),
        "may_score": permissions.may_score(request.user, draw),
        "may_answer": bool(rows) and permissions.may_answer_review(request.user, rows[0])})
