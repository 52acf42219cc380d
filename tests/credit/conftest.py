"""Helpers: a decided and published case of the demo city, walked through the case API."""

from ipenforce.credit.models import Listing, Publication
from tests.cases.conftest import (
    COMPANY,
    PERSON,
    today,
    walker,  # noqa: F401 — the case walker fixture, shared
)

__all__ = ["COMPANY", "PERSON", "decided", "published", "today"]


def decided(case_walker, party=COMPANY, fine="30000", ip_type="trademark", **extra):
    """A penalty decision of `fine` yuan, served (the case executing)."""
    case_walker.register(ip_type, party=party, **extra)
    case_walker.to_investigation()
    case_walker.to_decision(proposed_fine=fine)
    case_walker.to_execution(fine)
    return case_walker.case


def published(case_walker, party=COMPANY, published_on=None, **extra) -> Publication:
    decided(case_walker, party=party, **extra)
    case_walker.act("ft_officer1", "publish", published_on=str(published_on or today()))
    return Publication.objects.get(case_id=case_walker.case["id"])


def act(api, kind: str, subject_id: int, action: str, expect=200, **data):
    model = {"publications": Publication, "listings": Listing}.get(kind)
    version = data.pop("version", None)
    if version is None:
        version = api.get(f"/api/v1/credit/{kind}/{subject_id}").json()["version"] if model is None else \
            model.objects.get(pk=subject_id).version
    response = api.post(f"/api/v1/credit/{kind}/{subject_id}/actions/{action}", {"version": version, **data})
    assert response.status_code == expect, (action, response.json())
    return response.json()

