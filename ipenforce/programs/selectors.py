"""Reads: the funding calls, applications, ledgers, tasks and registry entries a user may see (those of the
agencies in their scope, orgs.selectors), the facts the engine's guards read, and the ledger's figures."""
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from ipenforce.core import rules
from ipenforce.credit.selectors import active_listing_identifiers, funding_bar
from ipenforce.orgs.selectors import visible_agencies
from ipenforce.programs.models import (
    Alliance,
    AllianceKind,
    FundingApplication,
    FundingCall,
    KeyEnterprise,
    PolicyDocument,
    PolicyTask,
    RightsContact,
    ScoreSheet,
    Station,
    TaskStatus,
)
from ipenforce.programs.permissions import applies_for_funding, reads_programs
from ipenforce.programs.workflow import FundingFacts, ListingFacts, TaskFacts
from ipenforce.workflow.models import DeadlineStatus
from ipenforce.workflow.selectors import subject_prefetches

COUNTED = ("rejected", "not_accepted", "waived")  # applications that take nothing from the budget


def _scoped(model, user) -> QuerySet:
    """Rows kept by an agency in the user's scope — for the users who read programs at all (permissions)."""
    if not reads_programs(user):
        return model.objects.none()
    return model.objects.filter(agency__in=visible_agencies(user))


def visible_calls(user) -> QuerySet[FundingCall]:
    """Staff see the calls of their scope; an enterprise's account sees every call (a 申报指南 is public)."""
    if applies_for_funding(user):
        return FundingCall.objects.select_related("agency")
    return _scoped(FundingCall, user).select_related("agency")


def application_list(user, *, state: str | None = None, call_id: int | None = None) -> QuerySet[FundingApplication]:
    """Staff see the applications kept by their scope; an enterprise's account only its own."""
    if applies_for_funding(user):
        qs = FundingApplication.objects.filter(applicant_org__path__startswith=user.agency.path)
    else:
        qs = _scoped(FundingApplication, user)
    qs = qs.select_related("call", "agency")
    if state:
        qs = qs.filter(state=state)
    if call_id:
        qs = qs.filter(call_id=call_id)
    return qs


def application_detail(user) -> QuerySet[FundingApplication]:
    return application_list(user).prefetch_related(*subject_prefetches(), "score_sheets__expert")


def granted_total(call: FundingCall, exclude_pk: int | None = None) -> Decimal:
    qs = call.applications.exclude(state__in=COUNTED).exclude(pk=exclude_pk)
    return qs.aggregate(total=Sum("granted"))["total"] or Decimal("0")


def funding_facts(application: FundingApplication, actor, payload: dict) -> FundingFacts:
    call = application.call
    now = timezone.now()
    window = [d for d in application.deadlines.all() if d.rule == "programs.funding_objection_window"]
    sheets = list(application.score_sheets.all())
    over = bool(window) and all(d.status != DeadlineStatus.RUNNING or (d.due_at and d.due_at < now) for d in window)
    return FundingFacts(
        state=application.state, track=call.track, today=timezone.localdate(now),
        applicant_name=application.applicant_name, cap=call.cap, computed=application.computed,
        remaining_budget=call.budget - granted_total(call, exclude_pk=application.pk),
        payment_opens_on=call.payment_opens_on, payment_closes_on=call.payment_closes_on, publicity_over=over,
        granted=application.granted, paid=application.paid,
        platform_credit=platform_credit(application.applicant_uscc, timezone.localdate(now)),
        contract_required=call.contract_required,
        sheet_scores=[s.score for s in sheets if s.submitted_at],
        sheets_pending=sum(not s.submitted_at for s in sheets),
    )


def my_score_sheets(user) -> QuerySet[ScoreSheet]:
    """The score sheets handed to this expert."""
    if not (user and user.is_authenticated):
        return ScoreSheet.objects.none()
    return ScoreSheet.objects.filter(expert=user).select_related("application__call")


def score_sheets_seen(user, application: FundingApplication) -> list[ScoreSheet]:
    """The sheets of an application this user may read: an expert whose own sheet is still open sees only that
    one (no anchoring on the others' scores); everyone else sees the submitted sheets and their own."""
    sheets = list(application.score_sheets.all())  # prefetched with their experts by application_detail
    own = next((s for s in sheets if s.expert_id == user.pk), None)
    if own is not None and own.submitted_at is None:
        return [own]
    return [s for s in sheets if s.submitted_at or s.expert_id == user.pk]


def platform_credit(uscc: str, on=None) -> dict:
    """What the credit module knows of an applicant on `on` (D-35, F-08): whether it is on the serious-violation
    list, and the funding bars running ([GD-IP] art 49). The hand-recorded check covers what the platform does not
    know (other cities' records, refusals to perform court judgments)."""
    on = on or timezone.localdate()
    bars = funding_bar(uscc, on) if uscc else []
    return {
        "listed": bool(active_listing_identifiers([uscc], on)), "bars": bars,
        "barred_until": max((b["until"] for b in bars), default=None),
        "citation": rules.version_on("credit.funding_bar", on).citation,
        "listed_citation": rules.version_on("programs.funding_credit_bar", on).citation,
    }


def duplicates(uscc: str, project_ref: str) -> QuerySet[FundingApplication]:
    """Applications of the same enterprise for the same object, across items and years (not those refused)."""
    return FundingApplication.objects.filter(applicant_uscc=uscc, project_ref=project_ref).exclude(
        state__in=COUNTED)


def fund_report_rows(user, year: int) -> list[dict]:
    """Totals per item, district and industry of one year's funding — one aggregate query."""
    return list(application_list(user).filter(call__year=year).values("call__title", "district", "industry")
                .annotate(applications=Count("pk"), granted=Sum("granted"), paid=Sum("paid"),
                          recovered=Sum("recovered"))
                .order_by("call__title", "district", "industry"))


# ---- ledger ---------------------------------------------------------------------------------------------

def visible_documents(user) -> QuerySet[PolicyDocument]:
    return _scoped(PolicyDocument, user).select_related("agency")


def task_list(user, *, document_id: int | None = None, overdue: bool = False) -> QuerySet[PolicyTask]:
    qs = _scoped(PolicyTask, user).select_related("document")
    if document_id:
        qs = qs.filter(document_id=document_id)
    if overdue:
        qs = qs.filter(overdue_q())
    return qs


def overdue_q() -> Q:
    return Q(due_on__lt=timezone.localdate()) & ~Q(state=TaskStatus.DONE)


def is_overdue(task: PolicyTask) -> bool:
    return bool(task.due_on and task.due_on < timezone.localdate() and task.state != TaskStatus.DONE)


def task_detail(user) -> QuerySet[PolicyTask]:
    return task_list(user).select_related("agency").prefetch_related(*subject_prefetches())


def task_facts(task: PolicyTask, actor, payload: dict) -> TaskFacts:
    return TaskFacts(state=task.state)


FIGURES = ("total", "done", "in_progress", "not_started", "overdue")


def _figure_counts(prefix: str = "") -> dict:
    def on(q: Q) -> Q:
        return Q(**{f"{prefix}{k}": v for k, v in q.children}) if prefix else q

    overdue = Q(**{f"{prefix}due_on__lt": timezone.localdate()}) & ~Q(**{f"{prefix}state": TaskStatus.DONE})
    return {"total": Count(f"{prefix}pk"),
            "done": Count(f"{prefix}pk", filter=on(Q(state=TaskStatus.DONE))),
            "in_progress": Count(f"{prefix}pk", filter=on(Q(state=TaskStatus.IN_PROGRESS))),
            "not_started": Count(f"{prefix}pk", filter=on(Q(state=TaskStatus.NOT_STARTED))),
            "overdue": Count(f"{prefix}pk", filter=overdue)}


def ledger_figures(document: PolicyDocument) -> dict:
    """Counts per status of one document's tasks (already annotated by `documents_with_figures`, or one
    aggregate query)."""
    if hasattr(document, "figure_total"):
        return {name: getattr(document, f"figure_{name}") for name in FIGURES}
    return document.tasks.aggregate(**_figure_counts())


def unit_figures(document: PolicyDocument) -> list[dict]:
    """The ledger's dashboard per lead unit: counts per status, one grouped query."""
    return list(document.tasks.order_by().values("lead_unit").annotate(**_figure_counts()).order_by("lead_unit"))


def documents_with_figures(user) -> QuerySet[PolicyDocument]:
    """The ledgers with their counts per status, in one query."""
    return visible_documents(user).annotate(
        **{f"figure_{k}": v for k, v in _figure_counts("tasks__").items()})


CHINESE_DIGITS = "零一二三四五六七八九十"


def _chinese(n: int) -> str:
    return CHINESE_DIGITS[n] if 0 <= n <= 10 else str(n)


def ledger_sentence(document: PolicyDocument) -> str:
    """The sentence the letter writes from a ledger: "从…四方面20项重点任务……目前已落实6项，正在推进14项"."""
    figures = ledger_figures(document)
    areas = document.areas
    text = f"从{'、'.join(areas)}{_chinese(len(areas))}方面{figures['total']}项重点任务……目前已落实{figures['done']}项"
    if figures["in_progress"]:
        text += f"，正在推进{figures['in_progress']}项"
    if figures["not_started"]:
        text += f"，尚未启动{figures['not_started']}项"
    return text + "。"


# ---- registries -----------------------------------------------------------------------------------------

def key_enterprises(user, state: str | None = None) -> QuerySet[KeyEnterprise]:
    qs = _scoped(KeyEnterprise, user).select_related("agency", "liaison")
    return qs.filter(state=state) if state else qs


def key_enterprise_detail(user) -> QuerySet[KeyEnterprise]:
    return key_enterprises(user).prefetch_related(*subject_prefetches())


def listing_facts(entry: KeyEnterprise, actor, payload: dict) -> ListingFacts:
    return ListingFacts(state=entry.state, today=timezone.localdate())


def is_key_enterprise(uscc: str, on=None) -> bool:
    """Whether an enterprise is on a current 重点企业名录 — what the complaint queues ask to put it first."""
    on = on or timezone.localdate()
    return KeyEnterprise.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on), uscc=uscc,
                                        state="listed", listed_on__lte=on).exists()


def alliances(user, kind: str | None = None) -> QuerySet[Alliance]:
    qs = _scoped(Alliance, user).select_related("agency")
    return qs.filter(kind=kind) if kind else qs


def alliance_figures(user, as_of) -> dict:
    """The letter's figures: IP alliances and standards alliances on file by a date, and the standards they
    published — one aggregate query."""
    qs = alliances(user).filter(filed_on__lte=as_of)
    return qs.aggregate(ip=Count("pk", filter=Q(kind=AllianceKind.IP)),
                        standards=Count("pk", filter=Q(kind=AllianceKind.STANDARDS)),
                        published=Sum("standards_published"))


def stations(user, kind: str | None = None) -> QuerySet[Station]:
    qs = _scoped(Station, user).select_related("agency")
    return qs.filter(kind=kind) if kind else qs


def agency_for(user, agency_id: int | None):
    """The agency a new row is kept by: the one named if the user sees it, else the user's own."""
    from django.utils.translation import gettext as _

    from ipenforce.core.errors import NotFound

    if agency_id is None:
        if user.agency_id is None:
            raise NotFound(_("请指定单位。"), code="agency_not_found", field="agency_id")
        return user.agency
    agency = visible_agencies(user).filter(pk=agency_id).first()
    if agency is None:
        raise NotFound(_("单位不存在或您无权查看。"), code="agency_not_found", field="agency_id")
    return agency


def rights_contacts(user, *, kind: str | None = None, q: str = "") -> QuerySet[RightsContact]:
    """The directories an officer reads: those kept by their agency's subtree and by the agencies above it (a
    city's key-trademark list serves every district)."""
    from ipenforce.orgs.models import path_ids
    from ipenforce.orgs.permissions import active

    if not (active(user) and reads_programs(user)):
        return RightsContact.objects.none()
    scope = Q(agency__in=visible_agencies(user))
    if user.agency_id:
        scope |= Q(agency_id__in=path_ids(user.agency.path))
    qs = RightsContact.objects.filter(scope).select_related("agency")
    if kind:
        qs = qs.filter(kind=kind)
    q = q.strip()
    if q:
        qs = qs.filter(Q(right_holder__icontains=q) | Q(mark_number=q) | Q(products__icontains=q))
    return qs
