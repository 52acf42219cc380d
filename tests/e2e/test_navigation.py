"""The top navigation fits on a 1366 px desktop (one line, nothing cut) and on a 390 px phone (the collapsed menu
opens inside the screen) for every demo role, in Chinese and in English; screenshots of both are kept as
artefacts in var/artefacts/navigation/ (IPENFORCE_ARTEFACTS moves them)."""
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from ipenforce.orgs.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(os.environ.get("IPENFORCE_ARTEFACTS") or Path(settings.BASE_DIR) / "var" / "artefacts") / "navigation"
DESKTOP, PHONE = {"width": 1366, "height": 768}, {"width": 390, "height": 844}
ONE_LINE = 64  # px: the bar of one row of entries (56 px in Bootstrap 5); a wrapped entry makes it taller

# Every element of the open navigation that is cut (its content wider or taller than its box, or its box past the
# window's right edge), the height of the bar and the width of the page.
MEASURE = """() => {
  const nav = document.querySelector('nav.navbar');
  const cut = [];
  for (const el of nav.querySelectorAll('a, button, select, .navbar-brand, li')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;  // hidden (a closed dropdown)
    if (el.scrollWidth > el.clientWidth + 1 || box.right > window.innerWidth + 0.5)
      cut.push((el.innerText || el.value || el.tagName).trim().slice(0, 40));
  }
  return {cut, navHeight: nav.getBoundingClientRect().height,
          pageWidth: document.documentElement.scrollWidth};
}"""


def _one_user_per_menu():
    """One user for each set of roles at each kind of agency: the menu depends on nothing else."""
    chosen = {}
    for user in User.objects.filter(is_active=True).select_related("agency").order_by("username"):
        chosen.setdefault((tuple(sorted(user.role_set)), user.agency.kind if user.agency_id else "", user.is_superuser),
                          user)
    return list(chosen.values())


def _sign_in(page, user, language):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
         "url": page.base_url},
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.base_url}])
    page.goto(page.base_url + "/")
    page.wait_for_selector("nav.navbar")


def test_the_navigation_fits_on_desktop_and_phone_for_every_role_in_both_languages(demo, browser_page):
    page = browser_page
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    problems, users = [], _one_user_per_menu()
    assert len(users) > 10
    for user in users:
        for language in ("zh-hans", "en"):
            page.set_viewport_size(DESKTOP)
            _sign_in(page, user, language)
            desktop = page.evaluate(MEASURE)
            page.screenshot(path=str(ARTEFACTS / f"desktop-{language}-{user.username}.png"),
                            clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": 160})
            if desktop["cut"] or desktop["navHeight"] > ONE_LINE or desktop["pageWidth"] > DESKTOP["width"]:
                problems.append(f"{user.username} [{language}] 1366 px: {desktop}")
            page.set_viewport_size(PHONE)
            page.click("nav .navbar-toggler")
            page.wait_for_selector("#mainnav.show")
            phone = page.evaluate(MEASURE)
            page.screenshot(path=str(ARTEFACTS / f"phone-{language}-{user.username}.png"), full_page=True)
            if phone["cut"] or phone["pageWidth"] > PHONE["width"]:
                problems.append(f"{user.username} [{language}] 390 px: {phone}")
    assert not problems, "\n".join(problems)
