"""What credit shows on the pages of lower apps (the case list, a case's parties): which parties are on the
serious-violation list today, by USCC or identity number, in one query for the whole page."""
from django import template

from ipenforce.credit.selectors import active_listing_identifiers

register = template.Library()


@register.simple_tag
def listed_parties(cases) -> set[int]:
    """The ids of the parties of `cases` that are listed: a case or a page of cases (parties prefetched), or a page
    of the case list's rows (`party_records`: dicts of id and identifier)."""
    cases = [cases] if hasattr(cases, "parties") else list(cases)
    parties = [(p["id"], p["identifier"]) if isinstance(c, dict) else (p.pk, p.identifier)
               for c in cases for p in (c["party_records"] if isinstance(c, dict) else c.parties.all())]
    parties = [(pk, identifier) for pk, identifier in parties if identifier]
    listed = active_listing_identifiers({identifier for _pk, identifier in parties})
    return {pk for pk, identifier in parties if identifier in listed}
