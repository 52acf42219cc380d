"""What credit shows on the pages of lower apps (the case list, a case's parties): which parties are on the
serious-violation list today, by USCC or identity number, in one query for the whole page."""
from django import template

from ipenforce.credit.selectors import active_listing_identifiers

register = template.Library()


@register.simple_tag
def listed_parties(cases) -> set[int]:
    """The ids of the parties of `cases` (a case or a page of cases, parties prefetched) that are listed."""
    cases = [cases] if hasattr(cases, "parties") else list(cases)
    parties = [p for c in cases for p in c.parties.all() if p.identifier]
    listed = active_listing_identifiers({p.identifier for p in parties})
    return {p.pk for p in parties if p.identifier in listed}
