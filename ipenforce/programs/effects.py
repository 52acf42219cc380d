"""What funding and policy-task steps change beyond state and clocks (called by the engine in its transaction)."""
from ipenforce.programs.models import FundingApplication, KeyEnterprise, PolicyTask


def _review(application: FundingApplication, ctx):
    p = ctx.payload
    application.credit_check = {"result": p.get("credit_result"), "found_on": p.get("credit_found_on"),
                                "source": p.get("credit_source"), "checked_by": ctx.actor.display_name,
                                "checked_on": ctx.today}
    application.credit_check = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                for k, v in application.credit_check.items()}


def _expert_score(application: FundingApplication, ctx):
    application.score = ctx.payload["score"]
    application.computed = ctx.payload["recommended"]


def _decide(application: FundingApplication, ctx):
    application.granted = ctx.payload["granted"]


def _pay(application: FundingApplication, ctx):
    application.paid = ctx.payload["amount"]


def _recover(application: FundingApplication, ctx):
    application.recovered = ctx.payload["amount"]


FUNDING_EFFECTS = {"review": _review, "expert_score": _expert_score, "decide": _decide, "pay": _pay,
                   "recover": _recover}


def _report(task: PolicyTask, ctx):
    task.last_progress = ctx.payload["progress"]
    task.last_reported_on = ctx.today


TASK_EFFECTS = {"report": _report}


def _approve_listing(entry: KeyEnterprise, ctx):
    entry.listed_on = ctx.today
    entry.valid_until = ctx.payload["valid_until"]


def _delist(entry: KeyEnterprise, ctx):
    entry.valid_until = ctx.today


LISTING_EFFECTS = {"approve_listing": _approve_listing, "delist": _delist}
