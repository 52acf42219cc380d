"""The case as the API returns it (and as the case page reads it): one dict built from a prefetched case; and a
page of the case list as plain rows."""
from collections import defaultdict
from dataclasses import asdict
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from ipenforce.cases import criminal, explanations, selectors
from ipenforce.cases.choices import MatterType, Procedure, Source, State
from ipenforce.cases.limitation import case_limitation
from ipenforce.cases.models import COUNT_FIELDS, Case, Party
from ipenforce.cases.personal_data import parties_for
from ipenforce.cases.workflow import CASE
from ipenforce.workflow.models import StepKind
from ipenforce.workflow.presenters import approval_row, step_row
from ipenforce.workflow.selectors import available_actions, deadline_rows


def case_row(case: Case) -> dict:
    return {
        "id": case.pk, "number": case.number, "title": case.title, "agency": case.agency.name,
        "agency_id": case.agency_id, "state": case.state, "procedure": case.procedure, "ip_type": case.ip_type,
        "source": case.source, "discovered_on": case.discovered_on, "version": case.version,
        "parties": [p.name for p in case.parties.all()],
    }


# The columns a list row reads: `values()` over these (one join for the agency's name), no model instances.
LIST_FIELDS = ("id", "number", "title", "agency_id", "agency__name", "state", "procedure", "ip_type", "source",
               "discovered_on", "registered_at", "version")


def list_values(cases, *more: str):
    """The list's queryset (filtered, scoped, sorted) reduced to the columns a row shows (and `more`)."""
    return cases.prefetch_related(None).values(*LIST_FIELDS, *more)


def case_list_rows(values) -> list[dict]:
    """A page of `list_values` as the list page, the API and the export show it: labels resolved once per page (not
    a translated-choices lookup per cell), dates as text, the detail link, and the parties of all its cases read
    in one query (`parties` their names, `party_records` (id, name, identifier) for the listing flags)."""
    rows = list(values)
    records = defaultdict(list)
    for case_id, pk, name, uscc, id_number in Party.objects.filter(case_id__in=[r["id"] for r in rows]).order_by(
            "pk").values_list("case_id", "pk", "name", "uscc", "id_number"):
        records[case_id].append({"id": pk, "name": name, "identifier": uscc or id_number})
    labels = {field: {key: str(label) for key, label in choices.choices}
              for field, choices in (("state", State), ("procedure", Procedure), ("ip_type", MatterType),
                                     ("source", Source))}
    link = reverse("cases:detail", args=[0]).removesuffix("0/")
    for row in rows:
        row["agency"] = row.pop("agency__name")
        row["party_records"] = records[row["id"]]
        row["parties"] = [p["name"] for p in row["party_records"]]
        row["url"] = f"{link}{row['id']}/"
        row["registered_on"] = timezone.localdate(row["registered_at"]) if row["registered_at"] else None
        for field, names in labels.items():
            row[f"{field}_label"] = names.get(row[field], row[field])
    return rows


# What the officers recorded of the party's say and the bureau's answer (陈述申辩、听证), shown on the case page.
STATEMENT_ACTIONS = ("serve_notice", "record_statement", "request_hearing", "schedule_hearing", "hold_hearing",
                     "end_statement", "collective_discussion")


def statement_rows(case: Case) -> list[dict]:
    """The steps that record the party's statements, defences and hearing and the bureau's answer, in order, each
    with its facts (label and text) as a person reads them."""
    return [step_row(CASE, s) for s in case.steps.all() if s.action in STATEMENT_ACTIONS and s.kind == StepKind.ACTION]


def case_full(case: Case, user) -> dict:
    today = timezone.localdate()
    remaining, surcharge = selectors.outstanding(case, today)
    paid = sum((p.amount for p in case.payments.all()), Decimal(0))
    fine_range = selectors.fine_range_for(case)
    return {
        **case_row(case),
        "description": case.description, "conduct_on": case.conduct_on, "conduct_ended_on": case.conduct_ended_on,
        "harms_safety": case.harms_safety, "public_interest": case.public_interest, "major_rights": case.major_rights,
        "limitation": asdict(case_limitation(case)), "offence": case.offence,
        "innocent_seller": case.innocent_seller, "serious_circumstances": case.serious_circumstances,
        "counts": {name: getattr(case, name) for name in COUNT_FIELDS},
        "is_ecommerce": case.is_ecommerce,
        "is_cross_region": case.is_cross_region, "is_major": case.is_major, "triage_reason": case.triage_reason,
        "campaigns": [c.name for c in case.campaigns.all()],
        "officers": [o.display_name for o in case.officers.all()],
        "outcome": case.outcome, "filed_on": case.filed_on, "decided_on": case.decided_on,
        "served_on": case.served_on, "published_on": case.published_on, "closed_on": case.closed_on,
        "archived_on": case.archived_on, "payment_due_on": case.payment_due_on,
        "amounts": {
            "illegal_turnover": case.illegal_turnover, "illegal_gains": case.illegal_gains,
            "goods_value": case.goods_value, "sales_amount": case.sales_amount, "loss_amount": case.loss_amount,
            "proposed_fine": case.proposed_fine,
            "proposed_confiscation": case.proposed_confiscation, "fine": case.fine,
            "confiscation": case.confiscation, "paid": paid, "outstanding": remaining, "surcharge": surcharge,
        },
        "decision": {
            "order_to_stop": case.order_to_stop, "confiscated_goods": case.confiscated_goods,
            "confiscated_tools": case.confiscated_tools, "discretion": case.discretion,
            "reason": case.decision_reason, "review_body": case.review_body, "court": case.court,
            "destroyed_on": case.destroyed_on, "destruction_record": case.destruction_record,
            "collective_minutes": case.collective_minutes, "archive_number": case.archive_number,
            "retention": case.retention,
        },
        "fine_range": None if fine_range is None else {
            "low": fine_range.low, "high": fine_range.high, "basis": fine_range.basis, "rule": fine_range.rule_key,
            "citation": fine_range.citation, "verified": fine_range.verified, "aggravated": fine_range.aggravated,
            "aggravation": fine_range.aggravation_text, "prior_cases": fine_range.prior_cases,
        },
        "crime_checks": [vars(check) for check in criminal.evaluate(case)],
        "explanations": [vars(e) for e in explanations.for_case(case)],
        "parties_detail": parties_for(case, user),
        "rights": list(case.rights.all()),
        "deadlines": deadline_rows(CASE, case, user),
        "measures": list(case.measures.all()),
        "appeals": list(case.appeals.all()),
        "timeline": [step_row(CASE, s) for s in case.steps.all()],
        "statements": statement_rows(case),
        "pending_approval": approval_row(CASE, case),
        "transfers": [t.pk for t in case.transfers.all()],
        "available_actions": available_actions(CASE, case, user),
    }
