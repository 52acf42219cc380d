"""CI smoke of the province benchmark (issue 20), so neither `make bench-data` nor `make bench` can rot: the
generator's set-based SQL over a few thousand cases, then one pass of every benchmark operation (its page and its
raw SQL twin). PostgreSQL only: the generator is PostgreSQL SQL."""
import importlib.util
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from ipenforce.cases.models import Case, Party
from ipenforce.core.audit import verify_chain
from ipenforce.core.identifiers import check_resident_id, check_uscc
from ipenforce.core.models import WorkItem
from ipenforce.orgs.models import Agency, User
from ipenforce.workflow.models import Approval

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the generator is PostgreSQL SQL")
BENCH = Path(__file__).resolve().parents[2] / "bench"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_then_one_pass_of_every_benchmark_operation(demo):
    demo_cases = Case.objects.count()
    written = _script("generate").generate(3000)
    assert Case.objects.count() == demo_cases + 3000
    assert Agency.objects.filter(level="city", kind="market_regulation").count() == 21
    assert Agency.objects.get(level="province").children.count() == 21
    assert written >= 5 * 3000
    report = verify_chain()
    assert report.ok, report.problem
    generated = Case.objects.filter(title__contains="涉嫌")
    assert set(generated.values_list("state", flat=True)) >= {"verifying", "investigating", "closed", "archived",
                                                              "transferred", "executing"}
    assert set(generated.values_list("procedure", flat=True)) == {"simple", "ordinary"}
    for party in Party.objects.filter(case__in=generated)[:200]:
        if party.uscc:
            assert check_uscc(party.uscc) == party.uscc
        else:
            assert check_resident_id(party.id_number) == party.id_number
    assert Approval.objects.filter(status="pending").exists()
    assert WorkItem.objects.filter(state="open", target_type="cases.case").exists()

    run = _script("run")
    for op in run.operations(date.today()):
        client = Client()
        client.force_login(User.objects.get(username=op.user))
        response = client.get(op.path, op.params)
        assert response.status_code in op.statuses, (op.name, response.status_code)
        if op.raw:
            assert run.raw_ms(op.raw, op.raw_params) >= 0
