"""End to end in Chromium: log in, see the workbench, administer a user, get a clear error, switch to English."""
import pytest

from ipenforce.orgs.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _menu(page, group, entry):
    """Open a menu group and follow one of its entries."""
    page.click(f'nav a.dropdown-toggle:text-is("{group}")')
    page.click(f'nav a.dropdown-item:text-is("{entry}")')


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
    _menu(page, "系统", "用户")
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
    page.click('nav a.dropdown-toggle:text-is("System")')
    assert "Agencies" in page.inner_text("nav .dropdown-menu.show")


def test_officer_registers_a_lead_and_triages_it(demo, browser_page):
    from datetime import timedelta

    from django.utils import timezone

    page = browser_page
    _login(page, "ft_officer1", demo.password)
    _menu(page, "案件办理", "案件")
    page.click("text=登记案源")
    page.fill("#id_case-title", "浏览器登记的商标案")
    page.select_option("#id_case-source", "inspection")
    page.select_option("#id_case-ip_type", "trademark")
    page.fill("#id_case-description", "巡查发现")
    page.fill("#id_case-discovered_on", str(timezone.localdate() - timedelta(days=1)))
    page.select_option("#id_party-kind", "organisation")
    page.fill("#id_party-name", "深圳市某某电子有限公司")
    page.fill("#id_party-uscc", "91440300708461136A")
    page.select_option("#id_right-ip_type", "trademark")
    page.fill("#id_right-trademark_number", "12345678")
    page.fill("#id_right-trademark_class", "9")
    page.fill("#id_right-holder", "某品牌公司")
    page.click("main button[type=submit]")
    assert "校验位错误" in page.inner_text("[data-field=uscc]")
    page.fill("#id_party-uscc", "91440300708461136T")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=case-state]")
    assert page.inner_text("[data-testid=case-state]") == "核查中"
    page.click("[data-testid=action-triage] summary")
    page.select_option("#id_triage-procedure", "ordinary")
    page.fill("#id_triage-reason", "罚款须按违法经营额计算")
    page.click("[data-testid=action-triage] button[type=submit]")
    page.wait_for_selector("text=已办理：繁简分流。")
    page.click("[data-bs-target='#tab-timeline']")
    assert "繁简分流" in page.inner_text("[data-testid=timeline]")


def test_dashboard_draws_charts(demo, browser_page):
    from ipenforce.stats.demo import seed_demo_history

    seed_demo_history()
    page = browser_page
    _login(page, "sz_head", demo.password)
    _menu(page, "统计考核", "看板")
    page.fill("#id_start", "2018-01-01")
    page.fill("#id_end", "2018-06-30")
    page.click("main button[type=submit]")
    page.wait_for_selector("#chart-by_ip_type canvas")
    drawn, empty = page.locator(".chart canvas").count(), page.locator("[data-testid=chart-empty]")
    assert drawn + empty.count() == 7 and drawn >= 5  # an empty chart says so instead of drawing bare axes
    assert all(text == "所选范围内没有数据。" for text in empty.all_inner_texts())
