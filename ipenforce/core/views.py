"""Pages for the legal rules library, the due-date calculator and the working-day calendar."""
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipenforce.core import clock, rules
from ipenforce.core.calendar import calendar_day_set, calendar_year_add
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import DayForm, DueForm, YearForm, add_service_error
from ipenforce.core.models import CalendarYear
from ipenforce.core.permissions import may_edit_calendar
from ipenforce.core.selectors import calendar_days, calendar_years

UNIT_LABELS = {
    clock.WORKING_DAYS: gettext_lazy("个工作日"),
    clock.NATURAL_DAYS: gettext_lazy("日"),
    clock.HOURS: gettext_lazy("小时"),
    clock.MONTHS: gettext_lazy("个月"),
    clock.YEARS: gettext_lazy("年"),
}

PARTY_LABELS = {
    "natural_person": gettext_lazy("自然人"),
    "organisation": gettext_lazy("法人或其他组织"),
    "any_party": gettext_lazy("任一当事人"),
    "per_day": gettext_lazy("每日比例"),
    "cap_of_fine": gettext_lazy("上限（罚款的倍数）"),
}

BASIS_LABELS = {"turnover": gettext_lazy("违法经营额"), "gains": gettext_lazy("违法所得")}


@login_required
def rule_list(request):
    form = DueForm(request.GET or None, initial={"start": timezone.localdate()})
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        pauses = (clock.Pause(data["pause_start"], data["pause_end"]),) if data["pause_start"] else ()
        try:
            due, version = rules.due_for(data["rule"], data["start"], pauses=pauses,
                                         extensions_granted=data["extensions_granted"])
            result = {"due": due, "version": version, "rule": rules.get_rule(data["rule"])}
        except ApplicationError as exc:
            add_service_error(form, exc, {"extensions": "extensions_granted", "date": "start"})
    groups = [
        (_("期限"), [r for r in rules.all_rules() if isinstance(r, rules.TimeLimitRule)]),
        (_("数额标准"), [r for r in rules.all_rules() if isinstance(r, rules.ThresholdRule)]),
        (_("罚款幅度"), [r for r in rules.all_rules() if isinstance(r, rules.FineRule)]),
        (_("刑事立案追诉标准"), [r for r in rules.all_rules() if isinstance(r, rules.CriminalThresholdRule)]),
        (_("其他规则与地方规则示例"), [r for r in rules.all_rules() if isinstance(r, rules.PatternRule)]),
    ]
    return render(request, "core/rule_list.html", {
        "groups": groups, "form": form, "result": result, "unit_labels": UNIT_LABELS, "basis_labels": BASIS_LABELS,
        "party_labels": PARTY_LABELS, "comparison_symbols": {"lte": "≤", "lt": "<", "gte": "≥", "gt": ">"},
        "uses": {rule.key: rules.uses_of(rule.key) for rule in rules.all_rules()},
    })


@login_required
def calendar_page(request):
    years = list(calendar_years())
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    entry = next((y for y in years if y.year == year), None)
    days = calendar_days(year)
    return render(request, "core/calendar.html", {
        "years": years, "year": year, "entry": entry, "days": days,
        "can_edit": may_edit_calendar(request.user) and entry is not None and entry.source == CalendarYear.SOURCE_ADMIN,
        "can_add_year": may_edit_calendar(request.user),
        "year_form": YearForm(), "day_form": DayForm(initial={"date": date(year, 1, 1)}),
    })


def _calendar_redirect(year=None):
    url = reverse("core:calendar")
    return redirect(f"{url}?year={year}" if year else url)


@login_required
@require_POST
def calendar_year_create(request):
    if not may_edit_calendar(request.user):
        raise Http404
    form = YearForm(request.POST)
    if form.is_valid():
        try:
            calendar_year_add(actor=request.user, year=form.cleaned_data["year"])
            messages.success(request, _("已添加年度，请逐日登记节假日和调休工作日。"))
            return _calendar_redirect(form.cleaned_data["year"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("年份：") + "；".join(form.errors.get("year", [])))
    return _calendar_redirect()


@login_required
@require_POST
def calendar_day_update(request):
    if not may_edit_calendar(request.user):
        raise Http404
    form = DayForm(request.POST)
    year = ""
    if form.is_valid():
        data = form.cleaned_data
        year = data["date"].year
        try:
            calendar_day_set(actor=request.user, day=data["date"], is_working_day=data["is_working_day"],
                             name=data["name"])
            messages.success(request, _("已保存。"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
    return _calendar_redirect(year)
