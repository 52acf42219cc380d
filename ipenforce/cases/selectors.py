"""Reads: the cases a user may see, one case with everything its page needs, the facts the guards look at,
and the work a case waits on beyond its approvals and time limits."""
from datetime import timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases import penalty
from ipenforce.cases.choices import IpType, Outcome, State, fine_rule_for
from ipenforce.cases.explanations import INNOCENT_SELLER
from ipenforce.cases.limitation import case_limitation
from ipenforce.cases.models import Campaign, Case, Party
from ipenforce.cases.workflow import UNIT_HEAD, Facts
from ipenforce.core import rules
from ipenforce.core.memo import memo
from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import User
from ipenforce.orgs.selectors import acting_agency_ids, visible_cases
from ipenforce.workflow.deadlines import extensions_left
from ipenforce.workflow.definitions import Task
from ipenforce.workflow.selectors import latest_deadline, subject_prefetches


def case_or_404(user, case_id, *, detail: bool = False, acted_on: Case | None = None) -> Case:
    """One case the user may read (with everything its page needs when `detail`), else 404 — also for a case
    outside the user's scope, so its existence is not disclosed. `acted_on`: the instance an action just changed
    (the engine's locked one); its row is read again (an effect may have written it) but the related rows it
    still holds (those the action left current) are taken over rather than read again."""
    if not detail:
        return get_object_or_404(visible_cases(user).select_related("agency"), pk=case_id)
    rows = case_detail(user) if acted_on is None else case_detail(user).prefetch_related(None)
    case = get_object_or_404(rows.annotate(**{
        f"has_{name}": Exists(Case.objects.filter(pk=OuterRef("pk"), **{f"{name}__isnull": False}))
        for name in SPARSE_RELATIONS}), pk=case_id)
    if acted_on is not None:
        case._prefetched_objects_cache = dict(acted_on.__dict__.get("_prefetched_objects_cache", {}))
        if "pending_approvals" in acted_on.__dict__:
            case.pending_approvals = acted_on.pending_approvals
        prefetch_related_objects([case], *_detail_prefetches())  # only what is not taken over
    # A relation the case has no rows in is prefetched from an empty queryset, which asks the database nothing.
    prefetch_related_objects([case], *(
        name if getattr(case, f"has_{name}") else Prefetch(name, queryset=_related_model(name).objects.none())
        for name in SPARSE_RELATIONS))
    return case


def _related_model(name: str):
    return Case._meta.get_field(name).related_model


def case_by_reference(user, reference: str) -> Case:
    """A case the user may read, named as people name it: its case number (深福市监罚〔2026〕1号) or, before it is
    filed, its lead number (案源 12, or just 12); else 404, as `case_or_404`."""
    reference = reference.strip().removeprefix(str(_("案源"))).removeprefix("案源").strip()
    cases = visible_cases(user).select_related("agency")
    if reference.isdigit():
        return get_object_or_404(cases, pk=int(reference))
    return get_object_or_404(cases, number=reference)


def case_list(user) -> QuerySet[Case]:
    return visible_cases(user).select_related("agency").prefetch_related(
        Prefetch("parties", queryset=Party.objects.only("id", "case_id", "name", "uscc", "id_number")))


# What a case page reads that most cases have none of (the campaigns it is marked for, payments, appeals,
# measures, transfers, credit listings, where a lead came from and went): `case_or_404(detail=True)` asks in the
# case's own query which of them have rows, and reads only those.
SPARSE_RELATIONS = ("campaigns", "payments", "appeals", "measures", "transfers", "listings", "command_links_in",
                    "command_links_out")


def case_detail(user) -> QuerySet[Case]:
    """The visible cases with what the case page and the API detail read of every case, in a fixed number of
    queries (`case_or_404(detail=True)` adds the SPARSE_RELATIONS a case has rows in)."""
    return visible_cases(user).select_related("agency", "agency__parent", "created_by", "publication").prefetch_related(
        *_detail_prefetches())


def _detail_prefetches() -> list:
    return ["parties", "rights", officers_prefetch(), *subject_prefetches()]


def officers_prefetch() -> Prefetch:
    return Prefetch("officers", queryset=User.objects.prefetch_related("role_grants"))


def primary_party(case: Case) -> Party | None:
    parties = list(case.parties.all())
    return parties[0] if parties else None


def assignable_officers(case: Case) -> QuerySet[User]:
    """The officers who may be assigned to (or collect evidence for) the case: of its agency, or for a 所 also
    of its bureau."""
    return User.objects.filter(agency_id__in=acting_agency_ids(case.agency), is_active=True,
                               role_grants__role=Role.CASE_OFFICER).order_by("username")


def campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.all()


def qualified_officer(user: User, case: Case, today) -> bool:
    """An officer who may be assigned: of the case's agency (or, for a 所, its bureau), with a valid 执法证."""
    return (user.is_active and user.agency_id in acting_agency_ids(case.agency) and user.has_role(Role.CASE_OFFICER)
            and user.certificate_valid_on(today))


def prior_trademark_decisions(case: Case) -> list[str]:
    """Numbers of trademark-infringement penalty decisions on the same party (by USCC or ID number) within the
    aggravation window before this case's conduct date (TML art. 60)."""
    years = penalty.aggravation_years(case) if case.ip_type == IpType.TRADEMARK else None
    identifiers = [p.identifier for p in case.parties.all() if p.identifier]
    if not years or not identifiers:
        return []
    since = case.rule_date.replace(year=case.rule_date.year - years) if not (
        case.rule_date.month == 2 and case.rule_date.day == 29) else case.rule_date - timedelta(days=365 * years)
    decisions = (Case.objects.filter(ip_type=IpType.TRADEMARK, outcome=Outcome.PENALTY, decided_on__gte=since,
                                     decided_on__lte=case.rule_date)
                 .filter(Q(parties__uscc__in=identifiers) | Q(parties__id_number__in=identifiers))
                 .exclude(pk=case.pk).order_by("decided_on").values_list("number", flat=True).distinct())
    # Asked once per case object: the case page's guards (fine range) and its penalty panel both read it.
    key = (case.pk, since, case.rule_date, tuple(identifiers))
    return list(memo(case, "prior_trademark_decisions", key, lambda: list(decisions)))


def fine_range_for(case: Case) -> penalty.FineRange | None:
    try:
        return penalty.fine_range(case, prior_trademark_decisions(case))
    except rules.RuleNotInForce:
        return None


def outstanding(case: Case, on) -> tuple[Decimal, Decimal]:
    """(amount still to pay including the surcharge accrued by `on`, that surcharge)."""
    paid = sum((p.amount for p in case.payments.all()), Decimal(0))
    due = case.amount_due
    if due <= 0:
        return Decimal(0), Decimal(0)
    extra = Decimal(0)
    if case.payment_due_on and case.fine:
        appeals = [(a.started_on, a.ended_on) for a in case.appeals.all()]
        extra = penalty.surcharge(case.fine, case.payment_due_on, on, appeals)
    return max(due + extra - paid, Decimal(0)), extra


def case_facts(case: Case, actor: User, payload: dict | None = None) -> Facts:
    today = timezone.localdate()
    payload = payload or {}
    officers = list(case.officers.all())
    party = primary_party(case)
    verification, decision, statement, seizure = (latest_deadline(case, r) for r in (
        "admin.lead_verification", "admin.decision_ordinary", "admin.statement_period", "admin.seizure"))
    fine_range = fine_range_for(case)
    legal_by_amount = party is not None and penalty.legal_review_by_amount(party.kind, today, case.proposed_fine,
                                                                          case.agency.region_code)
    remaining, _surcharge = outstanding(case, payload.get("paid_on") or today)
    open_appeal = next((a for a in case.appeals.all() if a.ended_on is None), None)
    candidates = []
    if payload.get("officers"):
        chosen = User.objects.filter(pk__in=payload["officers"]).prefetch_related("role_grants")
        found = {u.pk: u for u in chosen}
        candidates = [(found[pk].display_name if pk in found else f"#{pk}",
                       pk in found and qualified_officer(found[pk], case, today)) for pk in payload["officers"]]

    def extensions_allowed(deadline):
        return deadline.extensions + extensions_left(deadline) if deadline else 0

    hand_overs = [s for s in case.steps.all() if s.action == "hand_over"]
    limitation = case_limitation(case)
    return Facts(
        state=case.state, procedure=case.procedure, today=today,
        valid_officers=sum(1 for o in officers if qualified_officer(o, case, today)),
        parties=len(case.parties.all()), rights=len(case.rights.all()),
        has_computed_amounts=case.illegal_turnover is not None or case.illegal_gains is not None,
        excludes_computed_from_simple=rules.adopted("simple_procedure.local_exclusions", today,
                                                    case.agency.region_code),
        actor_is_investigator=any(o.pk == actor.pk for o in officers),
        verification_extensions=verification.extensions if verification else 0,
        verification_extensions_allowed=extensions_allowed(verification),
        decision_extensions=decision.extensions if decision else 0,
        decision_extensions_allowed=extensions_allowed(decision),
        decision_due=decision.due_on if decision else None,
        legal_review_required=penalty.legal_review_required(
            public_interest=case.public_interest, major_rights=case.major_rights,
            hearing_held=case.hearing_held_on is not None, complex_case=case.is_major, by_local_amount=legal_by_amount),
        legal_review_done=case.legal_reviewed_at is not None,
        collective_required=case.is_major, collective_done=case.collective_discussed_at is not None,
        notice_served=case.notice_served_on is not None, notified_fine=case.notified_fine,
        hearing_right=case.hearing_right, hearing_scheduled=case.hearing_on is not None, hearing_on=case.hearing_on,
        statement_due=statement.due_on if statement else None,
        appeal_open=open_appeal is not None,
        appeal_started_on=open_appeal.started_on if open_appeal else None,
        outstanding=remaining, amount_due=case.amount_due, decided_on=case.decided_on,
        confiscated_items=bool(case.confiscated_goods or case.confiscated_tools),
        destroyed=case.destroyed_on is not None,
        open_measures=frozenset(m.kind for m in case.measures.all() if m.ended_on is None),
        seizure_extensions=seizure.extensions if seizure and seizure.is_open else 0,
        seizure_extensions_allowed=extensions_allowed(seizure) if seizure else 0,
        publicity_required=penalty.decision_is_publicised(case.procedure, case.outcome),
        published=case.published_on is not None,
        simple_fine_limit=penalty.simple_fine_limit(party.kind, payload.get("decided_on") or today) if party else None,
        fine_range=(fine_range.low, fine_range.high) if fine_range else None,
        earliest_hearing_notice=lambda hearing: rules.due_for("admin.hearing_notice", hearing)[0].due,
        candidate_officers=candidates,
        state_before_transfer=hand_overs[-1].from_state if hand_overs else "",
        time_barred=f"{limitation.text}（{limitation.citation}）" if limitation.barred else "",
        innocent_seller=innocent_seller_rule(case),
    )


def innocent_seller_rule(case: Case) -> str:
    """The F1a rule's citation where the case records a bona fide seller of a trademark infringement, else ""."""
    if not case.innocent_seller or fine_rule_for(case.ip_type, case.offence) != "fine.trademark_infringement":
        return ""
    version = rules.get_rule(INNOCENT_SELLER).version_on_or_none(case.rule_date)
    return version.citation if version else ""


def case_tasks(case: Case) -> list[Task]:
    """指定办案人员: the unit head's, as long as a case that needs officers has fewer than two qualified ones."""
    if case.state not in (State.VERIFYING, State.SIMPLE, State.INVESTIGATING, State.SUSPENDED):
        return []
    today = timezone.localdate()
    prefetch_related_objects([case], officers_prefetch())  # unless read with the case (and still current)
    if sum(1 for o in case.officers.all() if qualified_officer(o, case, today)) >= 2:
        return []
    return [Task("case.assign_officers", _("指定办案人员"), UNIT_HEAD)]
