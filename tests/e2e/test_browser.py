"""End to end in Chromium: log in, see the workbench, administer a user, get a clear error, switch to English."""
import pytest

from ipenforce.orgs.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, username, password):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")


def test_officer_logs_in_and_sees_the_certificate_reminder(demo, browser_page):
    page = browser_page
    _login(page, "ft_officer2", demo.password)
    page.wait_for_selector("[data-testid=work-items]")
    assert "执法证" in page.inner_text("[data-testid=work-items]")
    assert page.locator("nav >> text=用户").count() == 0


def test_admin_creates_a_user_and_sees_field_errors(demo, browser_page, tmp_path):
    page = browser_page
    _login(page, "ft_admin", demo.password)
    page.click("nav >> text=用户")
    page.click("text=新建用户")
    page.fill("#id_username", "ft_e2e")
    page.fill("#id_password", "E2e-password-2026")
    page.fill("#id_full_name", "端到端")
    page.select_option("#id_agency", label="深圳市市场监督管理局福田监管局")
    page.check("input[name=roles][value=police_liaison]")
    page.click("main button[type=submit]")
    error = page.inner_text("[data-field=roles]")
    assert "不能担任" in error and not User.objects.filter(username="ft_e2e").exists()
    page.uncheck("input[name=roles][value=police_liaison]")
    page.check("input[name=roles][value=case_officer]")
    page.fill("#id_password", "E2e-password-2026")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=user-table]")
    assert "ft_e2e" in page.inner_text("[data-testid=user-table]")
    page.screenshot(path=str(tmp_path / "users.png"), full_page=True)


def test_language_switch_to_english(demo, browser_page):
    page = browser_page
    _login(page, "sz_supervisor", demo.password)
    page.select_option("[data-testid=language-form] select", "en")
    page.wait_for_selector("text=My work")
    assert "Agencies" in page.inner_text("nav")
