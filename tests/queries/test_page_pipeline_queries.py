"""The pages read at every turn at province scale (issue 20) run an exact number of queries: the workbench, the
approvals queue, the case list and the case page. A case page asks for what its guards and its panels both read
(the prior trademark decisions, the limitation's calendar) once."""
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.conftest import PERSON, today

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> list[str]:
    client.get(url)  # warm the per-process caches (content types, rules)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in queries.captured_queries]


# Each request's queries: the session, the user (with agency and roles), the unread count (navigation) and
# the page's own.
PAGES = [("ft_officer1", "/", 6), ("ft_head", "/cases/approvals/", 6), ("ft_officer1", "/cases/", 8),
         ("sz_supervisor", "/cases/", 8)]


@pytest.mark.parametrize(("username", "url", "expected"), PAGES)
def test_workbench_queue_and_case_list_run_a_fixed_number_of_queries(demo, walker, username, url, expected):
    walker.register("trademark", illegal_turnover="600000")
    walker.to_investigation()
    walker.act("ft_officer1", "extend_decision", reason="案情复杂")  # an approval waiting on the head
    assert len(_queries(demo.client(username), url)) == expected


def test_a_trademark_case_page_asks_for_its_prior_decisions_and_its_calendar_once(demo, walker):
    walker.register("trademark", party=PERSON, conduct_on=str(today() - timedelta(days=30)))
    walker.to_investigation()
    queries = _queries(demo.client("ft_officer1"), f"/cases/{walker.case['id']}/")
    prior = [q for q in queries if "DISTINCT" in q and '"cases_party"."uscc"' in q]
    calendar = [q for q in queries if "core_calendarday" in q]
    assert (len(prior), len(calendar)) == (1, 1)
    assert len(queries) == 17


def test_the_wsgi_entry_freezes_what_it_loaded_out_of_the_collectors_passes():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "IPENFORCE_SECRET_KEY": "k" * 50, "IPENFORCE_DEBUG": "0",
           "IPENFORCE_STATIC_ROOT": str(settings.STATIC_ROOT), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", "import gc, config.wsgi; print(gc.get_freeze_count())"],
                         cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True).stdout
    assert int(out) > 50_000
