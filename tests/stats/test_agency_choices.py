"""The report, dashboard and assessment pages offer only the agencies their figures are about: the enforcement
agencies in the user's scope, never police, procuratorates, courts, the protection centre or outside organisations."""
import re

import pytest

from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import Agency
from ipenforce.orgs.selectors import visible_agencies

pytestmark = pytest.mark.django_db
ENFORCEMENT = {AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE}


def _choices(html: str) -> set[str]:
    select = re.search(r'<select name="agency"[^>]*>(.*?)</select>', html, re.S).group(1)
    return {name.strip() for value, name in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)}


@pytest.mark.parametrize(("username", "path"), [
    ("sz_supervisor", "/reports/"), ("sz_supervisor", "/dashboard/"), ("sz_supervisor", "/assessment/"),
    ("sz_procurator", "/reports/"), ("sz_commission", "/assessment/"), ("admin", "/reports/")])
def test_only_enforcement_agencies_in_scope_are_offered(demo, username, path):
    user = demo.user(username)
    visible = visible_agencies(user)
    assert visible.exclude(kind__in=ENFORCEMENT).exists(), "the user sees other agencies, so the test can fail"
    response = demo.client(username).get(path)
    assert response.status_code == 200
    offered = _choices(response.content.decode())
    expected = set(visible.filter(kind__in=ENFORCEMENT).values_list("name", flat=True))
    assert offered == expected and "深圳市市场监督管理局福田监管局" in offered
    for name in ("深圳市公安局", "深圳市人民检察院", "深圳市中级人民法院", "中国（深圳）知识产权保护中心"):
        assert name not in offered


def test_a_police_agency_is_refused_as_a_report_agency(demo):
    police = Agency.objects.get(name="深圳市公安局")
    page = demo.client("sz_supervisor").get("/reports/", {"agency": police.pk, "start": "2026-01-01",
                                                     "end": "2026-06-30"}).content.decode()
    assert 'data-testid="report-table"' not in page and "invalid-feedback" in page


def test_the_own_agency_is_preselected_only_when_the_figures_apply_to_it(demo):
    own = demo.client("sz_supervisor").get("/reports/").context["form"]
    assert own["agency"].value() == demo.agency("深圳市市场监督管理局").pk
    procurator = demo.client("sz_procurator").get("/reports/").context["form"]
    assert procurator["agency"].value() is None
