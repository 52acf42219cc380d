"""Benchmark: the case list, its export and the case page over a synthetic city of many cases.

    IPENFORCE_DEBUG=1 IPENFORCE_DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python bench/cases.py --cases 100000

Creates the demo city (if missing) and synthetic cases spread over its district bureaus with bulk inserts, then
times the requests a case officer and a city supervisor make. Targets (one machine, 2 cores) are printed beside
each median; the script exits non-zero when a target is missed.
"""
import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from ipenforce.cases.choices import IpType, Procedure, Source, State  # noqa: E402
from ipenforce.cases.models import Case, Party  # noqa: E402
from ipenforce.core.identifiers import uscc_check_char  # noqa: E402
from ipenforce.orgs.choices import AgencyKind, AgencyLevel  # noqa: E402
from ipenforce.orgs.models import Agency, User  # noqa: E402

TARGETS_MS = {"api list": 300, "api list filtered": 300, "page list": 400, "case page": 300, "export 1000": 3000,
              "assessment": 1500}


def _uscc(n: int) -> str:
    first17 = f"91440300{n:09d}"
    return first17 + uscc_check_char(first17)


def _synthetic(rng, today, n, agency, state, creator) -> Case:
    """A case discovered in the last four years; filed unless still in verification, decided and closed when closed."""
    discovered = today - timedelta(days=rng.randrange(1, 1500))
    filed = None if state == State.VERIFYING else min(discovered + timedelta(days=rng.randrange(1, 20)), today)
    done = {}
    if state in (State.CLOSED, State.ARCHIVED):
        decided = min(filed + timedelta(days=rng.randrange(10, 120)), today)
        done = {"decided_on": decided, "closed_on": min(decided + timedelta(days=rng.randrange(1, 60)), today),
                "fine": Decimal(rng.randrange(1000, 200000))}
    return Case(agency=agency, title=f"合成案件 {n}", source=rng.choice(Source.values),
                ip_type=rng.choice(IpType.values),
                description="基准测试数据", discovered_on=discovered, state=state, procedure=Procedure.ORDINARY,
                created_by=creator, illegal_turnover=Decimal(rng.randrange(1000, 500000)), filed_on=filed, **done)


def populate(total: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    missing = total - Case.objects.count()
    if missing <= 0:
        return
    bureaus = list(Agency.objects.filter(kind=AgencyKind.MARKET_REGULATION, level=AgencyLevel.DISTRICT))
    creator = User.objects.get(username="ft_officer1")
    rng, today = random.Random(7), timezone.localdate()
    states = [State.VERIFYING, State.INVESTIGATING, State.CLOSED, State.ARCHIVED]
    batch = 5000
    for start in range(0, missing, batch):
        cases = [_synthetic(rng, today, start + i, rng.choice(bureaus), rng.choice(states), creator)
                 for i in range(min(batch, missing - start))]
        Case.objects.bulk_create(cases)
        Party.objects.bulk_create([Party(case=c, kind="organisation", name=f"合成公司{c.pk}", uscc=_uscc(c.pk))
                                   for c in cases])
        print(f"  {start + len(cases)} / {missing} cases", flush=True)


def timed(client: Client, path: str, runs: int, **params) -> float:
    samples = []
    for _n in range(runs):
        began = time.perf_counter()
        response = client.get(path, params)
        samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    populate(args.cases)
    officer, supervisor = Client(SERVER_NAME="localhost"), Client(SERVER_NAME="localhost")
    officer.force_login(User.objects.get(username="ft_officer1"))
    supervisor.force_login(User.objects.get(username="sz_supervisor"))
    case = Case.objects.filter(agency__name__endswith="福田监管局").order_by("-pk").first()
    results = {
        "api list": timed(supervisor, "/api/v1/cases", args.runs),
        "api list filtered": timed(officer, "/api/v1/cases", args.runs, ip_type="patent", q="合成公司1234"),
        "page list": timed(supervisor, "/cases/", args.runs, page=3),
        "case page": timed(officer, f"/cases/{case.pk}/", args.runs),
        "export 1000": timed(officer, "/cases/export.xlsx", 1,
                             discovered_from=str(timezone.localdate() - timedelta(days=60))),
        "assessment": timed(supervisor, "/api/v1/assessment", args.runs, start=f"{timezone.localdate().year}-01-01",
                            end=str(timezone.localdate())),
    }
    print(f"{Case.objects.count()} cases")
    missed = 0
    for name, ms in results.items():
        ok = ms <= TARGETS_MS[name]
        missed += not ok
        print(f"  {name:<18} median {ms:8.1f} ms   target ≤ {TARGETS_MS[name]} ms   {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
