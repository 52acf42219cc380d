"""Performance assessment pages: the scores and rankings, their .xlsx downloads, and the yearly weights."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error
from ipenforce.core.xlsx import xlsx_response
from ipenforce.stats import services
from ipenforce.stats.assessment import assessment_report
from ipenforce.stats.forms import AssessmentForm, SchemeForm
from ipenforce.stats.indicators import INDICATORS, SCORING, indicators_for
from ipenforce.stats.models import AssessmentScheme
from ipenforce.stats.permissions import may_assess, may_configure_assessment
from ipenforce.stats.selectors import default_figure_agency, scheme_for_year, scheme_years


def _assessment(request):
    if not may_assess(request.user):
        raise Http404
    today = timezone.localdate()
    form = AssessmentForm(request.GET or None, user=request.user, initial={
        "agency": default_figure_agency(request.user), "start": today.replace(month=1, day=1), "end": today})
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else form.initial
    agency = data.get("agency")
    agency_id = agency.pk if hasattr(agency, "pk") else agency
    try:
        return form, assessment_report(request.user, agency_id=agency_id, start=data["start"], end=data["end"])
    except ApplicationError as exc:
        add_service_error(form, exc)
        return form, None


def _table(rows, level: str) -> list[dict]:
    """Rows for the template: each indicator's value next to its contribution to the score."""
    shown = indicators_for(level)
    return [{"row": r, "cells": [(r.values[i.code], r.contributions.get(i.code)) for i in shown]} for r in rows]


@login_required
def assessment_page(request):
    form, report = _assessment(request)
    context = {"form": form, "report": report, "scoring": SCORING,
               "can_configure": may_configure_assessment(request.user)}
    if report:
        context.update({
            "unit_indicators": indicators_for("unit"), "officer_indicators": indicators_for("officer"),
            "unit_table": _table(report["units"], "unit"), "officer_table": _table(report["officers"], "officer"),
        })
    return render(request, "stats/assessment.html", context)


@login_required
def assessment_export(request, level: str):
    if level not in ("unit", "officer"):
        raise Http404
    form, report = _assessment(request)
    if report is None:
        return assessment_page(request)
    shown = indicators_for(level)
    headers = [_("排名"), _("单位") if level == "unit" else _("办案人员"), _("得分")]
    for indicator in shown:
        headers += [f"{indicator.label}（{indicator.unit}）", _("%(label)s得分") % {"label": indicator.label}]
    rows = []
    for row in report["units" if level == "unit" else "officers"]:
        cells = [row.rank, row.name, row.score]
        for indicator in shown:
            cells += [row.values[indicator.code], row.contributions.get(indicator.code)]
        rows.append(cells)
    return xlsx_response(f"assessment-{level}-{report['year']}", headers, rows)


def _initial(scheme: AssessmentScheme | None) -> dict:
    if scheme is None:
        return {}
    initial = {"stale_approval_days": scheme.stale_approval_days}
    for w in scheme.weights.all():
        initial.update({f"weight_{w.indicator}": w.weight, f"unit_target_{w.indicator}": w.unit_target,
                        f"officer_target_{w.indicator}": w.officer_target})
    return initial


@login_required
def scheme_edit(request, year: int):
    if not may_configure_assessment(request.user):
        raise Http404
    scheme = scheme_for_year(year)
    form = SchemeForm(request.POST or None, initial=_initial(scheme))
    if request.method == "POST" and form.is_valid():
        aliases = {f"weights[{n}].{k}": f"{k}_{i.code}" for n, i in enumerate(INDICATORS)
                   for k in ("indicator", "weight", "unit_target", "officer_target")}
        try:
            services.assessment_scheme_save(actor=request.user, year=year, weights=form.weights(),
                                            stale_approval_days=form.cleaned_data["stale_approval_days"])
        except ApplicationError as exc:
            add_service_error(form, exc, aliases)
        else:
            messages.success(request, _("已保存%(year)s年度考核权重和目标。") % {"year": year})
            return redirect(f"{reverse('stats:assessment')}?start={year}-01-01&end={year}-12-31")
    years = scheme_years()
    return render(request, "stats/scheme_form.html", {"form": form, "year": year, "scheme": scheme, "years": years})
