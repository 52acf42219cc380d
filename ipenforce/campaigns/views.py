"""Pages: the campaigns, a campaign (plan, units, tagged cases, reports, campaign reports), a new campaign, the
unit reports with late ones flagged, a report with its figures, text and steps."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.campaigns import downloads, permissions, services
from ipenforce.campaigns.choices import ReportState
from ipenforce.campaigns.forms import CampaignForm, ReportForm, SummaryForm, TagForm, step_form
from ipenforce.campaigns.presenters import campaign_out, report_out, summary_out
from ipenforce.campaigns.selectors import (
    campaign_detail,
    campaign_list,
    report_list,
    summary_list,
    tagged_cases,
    visible_reports,
)
from ipenforce.campaigns.workflow import UNIT_REPORT
from ipenforce.cases.selectors import case_by_reference
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error, posted_version
from ipenforce.orgs.models import Agency
from ipenforce.workflow.pages import step_done
from ipenforce.workflow.selectors import subject_prefetches
from ipenforce.workflow.services import perform


def _readable(request):
    if not permissions.reads_campaigns(request.user):
        raise Http404


@login_required
def campaign_index(request):
    _readable(request)
    page = Paginator(campaign_list(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "campaigns/campaign_list.html",
                  {"page": page, "may_create": permissions.may_create_campaign(request.user)})


def _unit_choices(user):
    return Agency.objects.filter(path__startswith=user.agency.path, is_active=True,
                                 kind__in=permissions.ENFORCEMENT_KINDS).exclude(pk=user.agency_id).order_by("path")


@login_required
def campaign_new(request):
    if not permissions.may_create_campaign(request.user):
        raise Http404
    form = CampaignForm(request.POST or None, agencies=_unit_choices(request.user))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            units = [{"agency_id": int(pk), "target_cases": data["target_cases"], "tasks": data["tasks"]}
                     for pk in data["units"]]
            try:
                campaign = services.campaign_create(actor=request.user, data=data, stages=form.stages(), units=units)
                services.reports_open(actor=request.user, campaign=campaign)
                messages.success(request, _("专项行动已创建。"))
                return redirect("campaigns:detail", campaign.pk)
            except ApplicationError as exc:
                add_service_error(form, exc)
    return render(request, "campaigns/campaign_form.html", {"form": form}, status=status)


def _campaign_page(request, campaign, tag_form=None, summary_form=None, status=200):
    today = timezone.localdate()
    reports = report_list(request.user, campaign_id=campaign.pk)
    return render(request, "campaigns/campaign_detail.html", {
        "campaign": campaign, "data": campaign_out(campaign, request.user, today),
        "cases": tagged_cases(request.user, campaign)[:50],
        "reports": [report_out(r, request.user, today, detail=False) for r in reports[:100]],
        "summaries": [summary_out(s) for s in summary_list(request.user, campaign)[:20]],
        "tag_form": tag_form or TagForm(), "summary_form": summary_form or SummaryForm(),
    }, status=status)


@login_required
def campaign_page(request, pk: int):
    _readable(request)
    return _campaign_page(request, get_object_or_404(campaign_detail(request.user), pk=pk))


@login_required
@require_POST
def campaign_tag(request, pk: int):
    campaign = get_object_or_404(campaign_detail(request.user), pk=pk)
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            case = case_by_reference(request.user, form.cleaned_data["case_id"])
            services.campaign_tag(actor=request.user, campaign=campaign, content_type="cases.case", object_id=case.pk)
            messages.success(request, _("已标记到本专项行动。"))
            return redirect("campaigns:detail", pk)
        except ApplicationError as exc:
            form.add_error("case_id", exc.message)
        except Http404:
            form.add_error("case_id", _("案件不存在或您无权查看。"))
    return _campaign_page(request, campaign, tag_form=form, status=422)


@login_required
@require_POST
def campaign_open_reports(request, pk: int):
    campaign = get_object_or_404(campaign_detail(request.user), pk=pk)
    try:
        services.require_manager(request.user, campaign)
        opened = services.reports_open(actor=request.user, campaign=campaign)
        messages.success(request, _("已生成%(n)s份报告。") % {"n": len(opened)})
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("campaigns:detail", pk)


@login_required
@require_POST
def summary_new(request, pk: int):
    campaign = get_object_or_404(campaign_detail(request.user), pk=pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.summary_create(actor=request.user, campaign=campaign, start=form.cleaned_data["start"],
                                    end=form.cleaned_data["end"])
            messages.success(request, _("汇总报告已生成。"))
            return redirect("campaigns:detail", pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return _campaign_page(request, campaign, summary_form=form, status=422)


@login_required
def report_index(request):
    _readable(request)
    late = {"1": True, "0": False}.get(request.GET.get("late", ""))
    within = request.GET.get("within", "")
    rows = report_list(request.user, state=request.GET.get("state") or None, late=late,
                       within=int(within) if within.isdigit() else None)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(request, "campaigns/report_list.html", {
        "page": page, "rows": [report_out(r, request.user, today, detail=False) for r in page],
        "states": ReportState.choices, "late": request.GET.get("late", "")})


def _report(request, pk: int):
    return get_object_or_404(visible_reports(request.user).prefetch_related(*subject_prefetches()), pk=pk)


def _report_page(request, report, form=None, bound=None, status=200):
    data = report_out(report, request.user, timezone.localdate())
    forms = [(UNIT_REPORT.actions[key], bound[1] if bound and bound[0] == key else step_form(key))
             for key in data["available_actions"]]
    if form is None and data["may_edit"]:
        form = ReportForm(initial={"text": report.text, "typical_cases": report.typical_cases,
                                   "goods_seized": report.goods_seized, "shops_closed": report.shops_closed})
    return render(request, "campaigns/report_detail.html",
                  {"report": report, "data": data, "form": form, "forms": forms}, status=status)


@login_required
def report_page(request, pk: int):
    return _report_page(request, _report(request, pk))


@login_required
@require_POST
def report_edit(request, pk: int):
    report = _report(request, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_update(actor=request.user, report=report, version=posted_version(request),
                                   changes=form.cleaned_data)
            messages.success(request, _("报告已保存。"))
            return redirect("campaigns:report", pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            return _report_page(request, _report(request, pk), form=form, status=exc.status)
    return _report_page(request, report, form=form, status=422)


@login_required
@require_POST
def report_step(request, pk: int, action: str):
    report = _report(request, pk)
    if action not in UNIT_REPORT.actions or UNIT_REPORT.actions[action].internal:
        return redirect("campaigns:report", pk)
    form = step_form(action, request.POST)
    if form.is_valid():
        try:
            perform(procedure=UNIT_REPORT.key, subject_id=pk, action=action, actor=request.user,
                    version=posted_version(request), data=form.cleaned_data)
            messages.success(request, step_done(UNIT_REPORT, action))
            return redirect("campaigns:report", pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            if exc.field == "text":
                messages.error(request, exc.message)
            return _report_page(request, _report(request, pk), bound=(action, form), status=exc.status)
    return _report_page(request, report, bound=(action, form), status=422)


@login_required
def summary_docx(request, pk: int):
    return downloads.summary_docx(request.user, pk)


@login_required
def summary_xlsx(request, pk: int):
    return downloads.summary_xlsx(request.user, pk)
