"""API routes for the legal rules, the working-day calendar and due-date computation (read-only for all users)."""
from django.shortcuts import get_object_or_404
from ninja import Router

from ipenforce.core import clock, rules
from ipenforce.core.schemas import CalendarYearOut, DueOut, DueRequest, RuleOut
from ipenforce.core.selectors import calendar_days, calendar_years

router = Router(tags=["rules"])


@router.get("/rules", response=list[RuleOut], summary="法规规则库（期限、数额标准），含出处与核实状态")
def rule_list(request):
    return [{**rule.model_dump(), "used_by": rules.uses_of(rule.key)} for rule in rules.all_rules()]


@router.post("/rules/due", response=DueOut, summary="按规则和工作日历计算期限")
def rule_due(request, payload: DueRequest):
    pauses = tuple(clock.Pause(p.start, p.end) for p in payload.pauses)
    due, version = rules.due_for(
        payload.rule, payload.start, version_date=payload.version_date, pauses=pauses,
        extensions_granted=payload.extensions_granted,
    )
    rule = rules.get_rule(payload.rule)
    return {
        "rule": rule.key, "title": rule.title, "due": due.due, "paused": due.paused, "warnings": due.warnings,
        "duration": version.duration, "unit": version.unit, "citation": version.citation, "verified": version.verified,
    }


# After /rules/due: the first matching path wins, and "due" would otherwise be taken for a rule's key.
@router.get("/rules/{key}", response=RuleOut, summary="单条规则及其各版本")
def rule_detail(request, key: str):
    return {**rules.get_rule(key).model_dump(), "used_by": rules.uses_of(key)}


@router.get("/calendar/{year}", response=CalendarYearOut, tags=["calendar"], summary="某年的节假日与调休工作日")
def calendar_year(request, year: int):
    entry = get_object_or_404(calendar_years(), year=year)
    return {"year": entry.year, "source": entry.source, "days": list(calendar_days(year))}
