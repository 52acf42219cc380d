"""The demo's assessment reads as a real city's (issue 15): districts differ in their workload, speed and closures,
so their scores spread; the city figures of the 2018 letter stay as they were."""
from datetime import date

import pytest

from ipenforce.stats.assessment import assessment_report
from ipenforce.stats.demo import seed_demo_history, seed_demo_schemes

pytestmark = pytest.mark.django_db


def test_demo_districts_score_differently(demo):
    seed_demo_history()
    seed_demo_schemes()
    report = assessment_report(demo.user("sz_supervisor"), agency_id=None, start=date(2018, 1, 1),
                               end=date(2018, 6, 30))
    districts = [row for row in report["units"][1:] if row.values.get("filed")]
    assert len(districts) >= 4
    scores = [row.score for row in districts]
    assert None not in scores and len(set(scores)) >= len(districts) // 2
    assert max(scores) - min(scores) >= 10
    filed = [row.values["filed"] for row in districts]
    assert max(filed) >= 3 * min(filed)
    assert len({row.values["decision_days"] for row in districts}) > 1


def test_demo_officers_score_differently(demo):
    seed_demo_history()
    seed_demo_schemes()
    report = assessment_report(demo.user("sz_supervisor"), agency_id=None, start=date(2018, 1, 1),
                               end=date(2018, 6, 30))
    officers = {row.name: row for row in report["officers"]}
    futian = [row for name, row in officers.items() if "福田" in name or "华强北" in name]
    assert len(futian) >= 3 and all(row.values["filed"] for row in futian)
    assert len({row.values["filed"] for row in futian}) >= 3
    assert len({row.score for row in report["officers"] if row.values.get("filed")}) >= 3
