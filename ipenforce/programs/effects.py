"""What funding and policy-task steps change beyond state and clocks (called by the engine in its transaction)."""
from decimal import Decimal

from ipenforce.programs.models import FundingApplication, KeyEnterprise, PolicyTask


def _review(application: FundingApplication, ctx):
    p = ctx.payload
    application.credit_check = {"result": p.get("credit_result"), "found_on": p.get("credit_found_on"),
                                "source": p.get("credit_source"), "checked_by": ctx.actor.display_name,
                                "checked_on": ctx.today}
    application.credit_check = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                for k, v in application.credit_check.items()}


def _expert_score(application: FundingApplication, ctx):
    """The experts' sheets aggregate to their mean score (the guard has checked every sheet is in)."""
    scores = list(application.score_sheets.filter(submitted_at__isnull=False).values_list("score", flat=True))
    application.score = (sum(scores) / len(scores)).quantize(Decimal("0.01"))
    application.computed = ctx.payload["recommended"]


def _sign_contract(application: FundingApplication, ctx):
    p = ctx.payload
    application.contract_number = p["contract_number"].strip()
    application.contract_signed_on = p["signed_on"]
    application.contract_terms = p["terms"].strip()
    application.contract_milestones = [
        {"due_on": line.split(maxsplit=1)[0], "item": (line.split(maxsplit=1)[1:] or [""])[0].strip()}
        for line in (p.get("milestones") or "").splitlines() if line.strip()]


def _decide(application: FundingApplication, ctx):
    application.granted = ctx.payload["granted"]


def _pay(application: FundingApplication, ctx):
    application.paid = ctx.payload["amount"]


def _recover(application: FundingApplication, ctx):
    application.recovered = ctx.payload["amount"]


FUNDING_EFFECTS = {"review": _review, "expert_score": _expert_score, "sign_contract": _sign_contract,
                   "decide": _decide, "pay": _pay,
                   "recover": _recover}


def _report(task: PolicyTask, ctx):
    task.last_progress = ctx.payload["progress"]
    task.last_reported_on = ctx.today


TASK_EFFECTS = {"report": _report}


def _approve_listing(entry: KeyEnterprise, ctx):
    from ipenforce.programs.services import key_enterprise_complaints_prioritise

    entry.listed_on = ctx.today
    entry.valid_until = ctx.payload["valid_until"]
    key_enterprise_complaints_prioritise(names=[entry.name], on=ctx.today)  # 直通车 for complaints already in


def _delist(entry: KeyEnterprise, ctx):
    entry.valid_until = ctx.today


LISTING_EFFECTS = {"approve_listing": _approve_listing, "delist": _delist}
