"""The end dates of credit periods, from rules/credit_time_limits.yaml (the start date picks the version)."""
from datetime import date

from ipenforce.core import rules


def period_end(rule: str, start: date) -> date:
    due, _version = rules.due_for(rule, start)
    return due.due


def publicity_end(published_on: date, short: bool) -> date:
    """[PUB45] art 13: three months for 通报批评 or a low fine only, three years otherwise; the last day shown."""
    return period_end("credit.publicity_period_short" if short else "credit.publicity_period", published_on)


def listing_end(listed_on: date) -> date:
    return period_end("credit.listing_period", listed_on)


def earliest_listing_removal(listed_on: date) -> date:
    return period_end("credit.listing_early_removal", listed_on)


def earliest_publicity_repair(published_on: date) -> date:
    return period_end("credit.repair_min_publicity", published_on)
