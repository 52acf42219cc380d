"""Query-count baselines of the programs lists and pages (baselines.json): none may exceed its baseline, nor grow
with the rows (2 → 5 applications, tasks, ledgers and registry entries)."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ipenforce.programs import services
from ipenforce.programs.models import FundingCall
from tests.programs.conftest import uscc
from tests.queries.test_query_counts import BASELINES, _count

pytestmark = pytest.mark.django_db

CALLS = [
    ("programs application list page", "client", "ft_officer1", "/programs/applications/"),
    ("programs application page", "client", "ft_officer1", "/programs/applications/{app}/"),
    ("programs call page", "client", "ft_officer1", "/programs/calls/{call}/"),
    ("programs ledger list page", "client", "ft_officer1", "/programs/ledgers/"),
    ("programs ledger page", "client", "ft_officer1", "/programs/ledgers/{document}/"),
    ("programs task page", "client", "ft_officer1", "/programs/tasks/{task}/"),
    ("programs key enterprises page", "client", "ft_officer1", "/programs/key-enterprises/"),
    ("programs alliances page", "client", "ft_officer1", "/programs/alliances/"),
    ("programs stations page", "client", "ft_officer1", "/programs/stations/"),
    ("API programs applications", "api", "ft_officer1", "/api/v1/programs/applications"),
    ("API programs application", "api", "ft_officer1", "/api/v1/programs/applications/{app}"),
    ("API programs ledgers", "api", "ft_officer1", "/api/v1/programs/ledgers"),
    ("API programs tasks", "api", "ft_officer1", "/api/v1/programs/tasks"),
    ("API programs key enterprises", "api", "ft_officer1", "/api/v1/programs/key-enterprises"),
    ("programs rights contacts page", "client", "ft_officer1", "/programs/rights-contacts/"),
    ("API programs rights contacts", "api", "ft_officer1", "/api/v1/programs/rights-contacts"),
]


def _add(demo, n: int, start: int) -> dict:
    officer = demo.user("ft_officer1")
    today = timezone.localdate()
    call = FundingCall.objects.first() or services.call_create(
        actor=officer, agency=officer.agency, year=today.year, title="计数资助", track="approval",
        budget=Decimal("1000000"), opens_on=today, closes_on=today + timedelta(days=5), cap=Decimal("5000"),
        unit_amount=Decimal("1000"))
    for i in range(start, start + n):
        app = services.application_submit(actor=officer, call=call, applicant_name=f"计数企业{i}",
                                          applicant_uscc=uscc(100 + i), project_ref=f"ZL-Q-{i}",
                                          requested=Decimal("1000"), undertaking=True, quantity=1)
        document = services.document_create(actor=officer, agency=officer.agency, title=f"计数台账{i}")
        task = services.task_add(actor=officer, document=document, area="方面", title=f"任务{i}", lead_unit="单位",
                                 due_on=today - timedelta(days=1))
        services.key_enterprise_nominate(actor=officer, agency=officer.agency, name=f"计数重点企业{i}",
                                    uscc=uscc(200 + i), liaison=officer)
        services.alliance_add(actor=officer, agency=officer.agency, kind="ip", name=f"联盟{i}", filed_on=today)
        services.rights_contact_add(actor=officer, agency=officer.agency, kind="right_holder",
                                    right_holder=f"权利人{i}", verification_contact="联系人")
        services.station_add(actor=officer, agency=officer.agency, kind="workstation", name=f"站{i}", host="协会",
                             year=today.year)
    return {"app": app.pk, "call": call.pk, "document": document.pk, "task": task.pk}


def test_programs_lists_and_pages_stay_within_their_baselines(demo):
    ids = _add(demo, 2, 0)
    small = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    ids = _add(demo, 3, 2)
    large = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    over = {name: (large[name], BASELINES.get(name)) for name in large if large[name] > BASELINES.get(name, 0)}
    grew = {name: (small[name], large[name]) for name in large if large[name] > small[name]}
    assert not grew, f"queries grow with the rows: {grew}"
    assert not over, f"over the baseline (counted, allowed): {over}"
