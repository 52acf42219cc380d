"""Query-count baselines of the credit pages and API (baselines.json): no more than the baseline, and no more with
more publications and listings (2 → 5)."""
import pytest

from ipenforce.cases.models import Case
from ipenforce.credit.models import Listing, Publication
from tests.cases.conftest import COMPANY, today
from tests.queries.test_query_counts import BASELINES, _count

pytestmark = pytest.mark.django_db

CALLS = [
    ("credit publications page", "client", "ft_officer1", "/credit/"),
    ("credit listings page", "client", "ft_officer1", "/credit/?tab=listings"),
    ("credit publication page", "client", "ft_officer1", "/credit/publications/{publication}/"),
    ("credit listing page", "client", "ft_officer1", "/credit/listings/{listing}/"),
    ("public penalties page", "client", None, "/public/penalties/"),
    ("party page", "client", "sz_supervisor", "/credit/parties/?identifier=" + COMPANY["uscc"]),
    ("API publications", "api", "ft_officer1", "/api/v1/credit/publications"),
    ("API listings", "api", "ft_officer1", "/api/v1/credit/listings"),
    ("API party", "api", "sz_supervisor", "/api/v1/credit/parties/" + COMPANY["uscc"]),
    ("API repeat checks", "api", "ft_officer1", "/api/v1/credit/cases/{case}/repeat-checks"),
]


def _add(demo, walker, n: int) -> dict:
    for _i in range(n):
        walker.register("trademark", party=COMPANY)
        walker.to_investigation()
        party = Case.objects.get(pk=walker.case["id"]).parties.get().pk
        demo.api("ft_officer1").post(f"/api/v1/credit/cases/{walker.case['id']}/listings", {
            "party_id": party, "ground": "intentional_ip", "heavier_penalty": "fine_heavier",
            "seriousness": "情节严重"})
        walker.to_decision(proposed_fine="30000")
        walker.to_execution("30000")
        walker.act("ft_officer1", "publish", published_on=str(today()))
    return {"publication": Publication.objects.latest("pk").pk, "listing": Listing.objects.latest("pk").pk,
            "case": walker.case["id"]}


def _counted(demo, name, kind, user, url):
    if user is None:
        from django.test import Client

        class Anonymous:
            def client(self, _username):
                return Client()
        return _count(Anonymous(), kind, user, url)
    return _count(demo, kind, user, url)


def test_credit_pages_stay_within_their_query_baselines(demo, walker, settings):
    settings.PUBLIC_RATE_LIMIT = 1000
    ids = _add(demo, walker, 2)
    small = {name: _counted(demo, name, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    ids = _add(demo, walker, 3)
    large = {name: _counted(demo, name, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    over = {name: (large[name], BASELINES.get(name)) for name in large if large[name] > BASELINES.get(name, 0)}
    grew = {name: (small[name], large[name]) for name in large if large[name] > small[name]}
    assert not over, f"over the baseline (counted, allowed): {over}"
    assert not grew, f"queries grow with the rows (2 → 5): {grew}"
