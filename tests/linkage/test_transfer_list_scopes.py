"""The transfer list opens on a labelled filter showing the user's own agency's transfers, with "all visible" and
"awaiting me" one click away; the API and the .xlsx download filter the same way."""
import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.linkage.test_transfers import tw  # noqa: F401 — the transfer walker fixture

pytestmark = pytest.mark.django_db


def _active(html: str) -> str:
    scopes = re.search(r'data-testid="transfer-scopes".*?</ul>', html, re.S).group(0)
    return re.search(r'class="nav-link py-1 active" aria-current="page" href="\?scope=(\w+)">([^<]+)<', scopes).groups()


def test_the_list_opens_on_the_own_agency_filter_labelled_as_such(tw, demo):  # noqa: F811
    tw.propose()
    marker = f'href="/transfers/{tw.transfer["id"]}/"'
    page = demo.client("ft_officer1").get("/transfers/").content.decode()
    assert _active(page) == ("unit", "本单位的移送")
    assert marker in page and 'href="?scope=all"' in page and 'href="?scope=awaiting"' in page
    # The proposal waits on the head, not on the officer who proposed it.
    assert marker not in demo.client("ft_officer1").get("/transfers/", {"scope": "awaiting"}).content.decode()
    awaiting = demo.client("ft_head").get("/transfers/", {"scope": "awaiting"}).content.decode()
    assert _active(awaiting) == ("awaiting", "待我办理") and marker in awaiting


def test_all_shows_what_the_jurisdiction_sees_and_own_agency_does_not(tw, demo):  # noqa: F811
    tw.propose()
    tw.send()
    marker = f'href="/transfers/{tw.transfer["id"]}/"'
    commission = demo.client("sz_commission")  # oversees the city, is party to no transfer
    assert marker not in commission.get("/transfers/").content.decode()
    every = commission.get("/transfers/", {"scope": "all"}).content.decode()
    assert _active(every) == ("all", "全部可见的移送") and marker in every
    assert _active(commission.get("/transfers/", {"all": "1"}).content.decode())[0] == "all"  # the old link
    assert marker in demo.client("ft_police").get("/transfers/").content.decode()  # sent to them
    assert marker in demo.client("sz_procurator").get("/transfers/").content.decode()  # copied to them
    api = demo.api("sz_commission")
    assert api.get("/api/v1/transfers", own_agency="true").json()["count"] == 0
    assert api.get("/api/v1/transfers").json()["count"] == 1
    own = commission.get("/transfers/export.xlsx")
    assert len(list(load_workbook(BytesIO(own.content)).active.iter_rows())) == 1  # the header only
    every = commission.get("/transfers/export.xlsx", {"scope": "all"})
    assert len(list(load_workbook(BytesIO(every.content)).active.iter_rows())) == 2
