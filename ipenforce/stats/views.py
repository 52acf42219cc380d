"""The period report page and its .xlsx download."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error
from ipenforce.core.xlsx import xlsx_response
from ipenforce.stats import dashboard, rollup
from ipenforce.stats.forms import ReportForm
from ipenforce.stats.permissions import may_see_reports
from ipenforce.stats.reports import period_report, report_rows, report_title
from ipenforce.stats.selectors import default_figure_agency, report_figures_scope


def _report(request):
    if not may_see_reports(request.user):
        raise Http404
    today = timezone.localdate()
    initial = {"agency": default_figure_agency(request.user), "start": today.replace(month=1, day=1), "end": today}
    form = ReportForm(request.GET or None, user=request.user, initial=initial)
    report = None
    if form.is_valid():
        try:
            report = period_report(request.user, form.cleaned_data["agency"].pk, start=form.cleaned_data["start"],
                                   end=form.cleaned_data["end"])
        except ApplicationError as exc:
            add_service_error(form, exc)
    return form, report


@login_required
def report_page(request):
    form, report = _report(request)
    return render(request, "stats/report.html", {"form": form, "report": report,
                                                 "rows": report_rows(report) if report else None})


@login_required
def report_export(request):
    form, report = _report(request)
    if report is None:
        return report_page(request)
    rows = [[r["label"], r["current"], r["previous"], r["growth"]] for r in report_rows(report)]
    rows.append([report["text"]])
    title = [[report_title(report)],
             [_("统计口径：") + "；".join(report["definitions"].values())]]
    return xlsx_response("report", [_("项目"), _("本期"), _("上年同期"), _("同比（%）")], rows,
                         sheet_title=_("知识产权案件统计"), title_rows=title)


def _dashboard_scope(request):
    if not may_see_reports(request.user):
        raise Http404
    form = ReportForm(request.GET or None, user=request.user, initial={
        "agency": default_figure_agency(request.user), "start": timezone.localdate().replace(month=1, day=1),
        "end": timezone.localdate()})
    data = form.cleaned_data if form.is_valid() else {k: form.initial.get(k) for k in ("start", "end")}
    agency_id = data["agency"].pk if data.get("agency") else request.user.agency_id
    _agency, cases, transfers, agencies = report_figures_scope(request.user, agency_id)
    start, end = data["start"], data["end"]
    rolled = dashboard.Rolled(agencies, start, end) if agencies is not None and rollup.built() else None
    return form, cases, transfers, start, end, rolled


@login_required
def dashboard_page(request):
    form, cases, transfers, start, end, rolled = _dashboard_scope(request)
    charts = [dashboard.chart(key, cases, transfers, start, end, rolled) for key in dashboard.CHARTS]
    return render(request, "stats/dashboard.html", {
        "form": form, "charts": charts,
        "chart_data": [{"key": c.key, "kind": c.kind, "labels": c.labels, "values": c.values} for c in charts]})


@login_required
def chart_export(request, key: str):
    if key not in dashboard.CHARTS:
        raise Http404
    _form, cases, transfers, start, end, rolled = _dashboard_scope(request)
    data = dashboard.chart(key, cases, transfers, start, end, rolled)
    return xlsx_response(f"chart-{key}", [_("项目"), _("数量")], zip(data.labels, data.values))
