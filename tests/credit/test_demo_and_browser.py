"""The demo's credit records (walked through the real services) reach the officers' work lists; the public page
in a real Chromium, without login: search, the masked summary, no way into internal pages."""
import pytest

from ipenforce.credit.demo import PERSON, seed_demo_credit
from ipenforce.credit.models import Listing, Publication
from tests.e2e.conftest import browser_page  # noqa: F401 — the Chromium fixture, shared


@pytest.mark.django_db
def test_demo_has_a_published_penalty_and_a_listing_in_progress(demo, work_calendar):
    assert seed_demo_credit() == 2
    assert seed_demo_credit() == 0  # once
    publication = Publication.objects.get()
    assert publication.state == "published" and publication.party_id_masked == "110105********002X"
    listing = Listing.objects.get()
    assert listing.state == "notified"
    work = demo.api("ft_officer1").get("/api/v1/work-items").json()
    titles = " ".join(str(item) for item in work["items"])
    assert "陈述申辩" in titles


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_public_page_in_chromium(demo, browser_page):  # noqa: F811
    from ipenforce.core.calendar import calendar_sync_from_package

    calendar_sync_from_package()
    seed_demo_credit()
    page = browser_page
    page.goto(page.base_url + "/public/penalties/")
    page.fill("input[name=q]", "数码店")
    page.click("main button[type=submit]")
    page.click("[data-testid=public-list] a")
    text = page.inner_text("[data-testid=public-detail]")
    assert "110105********002X" in text and PERSON["id_number"] not in text
    assert PERSON["address"] not in text and PERSON["phone"] not in text
    assert page.locator("a[href*='/cases/']").count() == 0
    page.goto(page.base_url + "/credit/")
    assert "/accounts/login/" in page.url
