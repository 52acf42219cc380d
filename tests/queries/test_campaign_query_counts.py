"""Query-count baselines of the campaign pages and API (in baselines.json): no more than the baseline, and no
more with more reports and tagged cases."""
from datetime import date, timedelta

import pytest

from ipenforce.campaigns.models import UnitReport
from ipenforce.cases.models import Case
from tests.campaigns.test_walk import at, case, create_campaign, tag
from tests.conftest import FUTIAN
from tests.queries.test_query_counts import BASELINES, _count

pytestmark = pytest.mark.django_db

CALLS = [
    ("campaign list page", "client", "ft_officer1", "/campaigns/"),
    ("campaign page", "client", "sz_head", "/campaigns/{campaign}/"),
    ("campaign report list page", "client", "sz_head", "/campaigns/reports/"),
    ("campaign report page", "client", "ft_officer1", "/campaigns/reports/{report}/"),
    ("API campaign list", "api", "ft_officer1", "/api/v1/campaigns/plans"),
    ("API campaign report list", "api", "sz_head", "/api/v1/campaigns/reports"),
    ("API campaign report", "api", "ft_officer1", "/api/v1/campaigns/reports/{report}"),
]


def _grow(demo, cid: int, day: date) -> dict:
    with at(day):
        demo.api("sz_head").post(f"/api/v1/campaigns/plans/{cid}/open-reports")
        for _n in range(2):
            tag(demo.api("ft_officer1"), cid, case(demo, FUTIAN, "patent", day - timedelta(days=1)).pk)
    report = UnitReport.objects.filter(agency=demo.agency(FUTIAN)).latest("period_start")
    return {"campaign": cid, "report": report.pk}


def test_campaign_pages_stay_within_their_query_baselines(demo):
    with at(date(2026, 3, 9), 9):
        cid = create_campaign(demo)["id"]
    ids = _grow(demo, cid, date(2026, 3, 9))
    small = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    ids = _grow(demo, cid, date(2026, 3, 24))
    assert UnitReport.objects.count() == 8 and Case.objects.filter(agency__name=FUTIAN).count() >= 4
    large = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    over = {name: (large[name], BASELINES.get(name)) for name in large if large[name] > BASELINES.get(name, 0)}
    grew = {name: (small[name], large[name]) for name in large if large[name] > small[name]}
    assert not over, f"over the baseline (counted, allowed): {over}"
    assert not grew, f"queries grow with the rows: {grew}"
