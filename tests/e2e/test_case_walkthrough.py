"""End to end in Chromium: a trademark case from lead to archive through the pages, as each officer would take
it (officer, unit head, head, legal reviewer), its notice and decision made on the documents page at their
stages, then the archived case file (.zip) downloaded and its manifest checked against every file in it."""
import hashlib
import io
import json
import zipfile

import pytest
from django.utils import timezone

from ipenforce.cases.models import Case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _as(browser_page, demo, username):
    """A page of its own for each person (each with its own session)."""
    context = browser_page.context.browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(browser_page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", demo.password)
    page.click("main button[type=submit]")
    page.wait_for_selector("nav")
    return page


def _act(page, url, key, **fields):
    page.goto(url)
    box = f"[data-testid=action-{key}]"
    page.click(f"{box} summary")
    for name, value in fields.items():
        selector = f"#id_{key}-{name}"
        if value is True:
            page.check(selector)
        elif page.locator(f"select{selector}").count():
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click(f"{box} button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".alert-danger").count() == 0, page.inner_text("main")


def _approve(page, url):
    page.goto(url)
    page.click("[data-testid=answer-form] button.btn-success")
    page.wait_for_load_state()
    assert "已办理：同意" in page.inner_text("main")


def _make(page, case_id, kind):
    page.goto(f"{page.url.split('/cases/')[0]}/cases/{case_id}/documents/")
    page.select_option("[data-testid=generate-form] select", kind)
    page.click("[data-testid=generate-form] button[type=submit]")
    page.wait_for_selector("text=已制作")


def test_a_case_from_lead_to_archive_through_the_pages(demo, browser_page, tmp_path):
    today = str(timezone.localdate())
    officer = _as(browser_page, demo, "ft_officer1")
    officer.goto(browser_page.base_url + "/cases/new/")
    officer.fill("#id_case-title", "销售假冒注册商标的耳机")
    officer.select_option("#id_case-source", "inspection")
    officer.select_option("#id_case-ip_type", "trademark")
    officer.fill("#id_case-description", "巡查发现")
    officer.fill("#id_case-discovered_on", today)
    officer.select_option("#id_party-kind", "organisation")
    officer.fill("#id_party-name", "深圳市某某电子有限公司")
    officer.fill("#id_party-uscc", "91440300708461136T")
    officer.select_option("#id_right-ip_type", "trademark")
    officer.fill("#id_right-trademark_number", "12345678")
    officer.fill("#id_right-trademark_class", "9")
    officer.fill("#id_right-holder", "某品牌公司")
    officer.click("main button[type=submit]")
    officer.wait_for_selector("[data-testid=case-state]")
    url = officer.url
    case = Case.objects.get(title="销售假冒注册商标的耳机")

    unit_head, head, legal = (_as(browser_page, demo, name) for name in ("ft_unithead", "ft_head", "ft_legal"))
    unit_head.goto(url)
    unit_head.click("[data-testid=action-assign_officers] summary")
    for name in ("ft_officer1", "ft_officer2"):
        unit_head.check(f"[data-testid=action-assign_officers] input[value='{demo.user(name).pk}']")
    unit_head.click("[data-testid=action-assign_officers] button[type=submit]")
    unit_head.wait_for_load_state()
    _act(officer, url, "triage", procedure="ordinary", reason="罚款须按违法经营额计算")
    _act(officer, url, "file", comment="拟立案")
    _approve(unit_head, url)
    _approve(head, url)
    _act(officer, url, "submit_report", findings="经查：当事人销售假冒注册商标的耳机200个。", proposed_fine="50000")
    _act(legal, url, "review_pass", opinion="同意")
    _make(officer, case.pk, "penalty_notice")
    _act(officer, url, "serve_notice", served_on=today)
    _act(officer, url, "end_statement", waived=True)
    _act(officer, url, "decide", outcome="penalty", fine="50000", order_to_stop=True,
         confiscated_goods="假冒耳机200个", discretion="general", reason="违法经营额较小，首次违法",
         review_body="深圳市市场监督管理局", court="深圳市福田区人民法院")
    _approve(unit_head, url)
    _approve(head, url)
    _make(officer, case.pk, "penalty_decision")
    _act(officer, url, "serve_decision", served_on=today, method="direct")
    _act(officer, url, "record_payment", amount="50000", paid_on=today)
    _act(officer, url, "publish", published_on=today)
    _act(officer, url, "record_destruction", destroyed_on=today, record="粉碎销毁，监销人：张三、李四")
    _act(officer, url, "close", comment="执行完毕")
    _approve(head, url)
    _act(officer, url, "archive", archive_number="深福市监档〔2026〕9号", retention="30y")
    assert officer.inner_text("[data-testid=case-state]") == "已归档"

    officer.goto(f"{browser_page.base_url}/cases/{case.pk}/documents/")
    contents = officer.inner_text("[data-testid=case-file-contents]")
    assert "行政处罚告知书" in contents and "行政处罚决定书" in contents and "办案过程记录" in contents
    assert officer.locator("[data-testid=generate-form]").count() == 0
    officer.screenshot(path=str(tmp_path / "case-file.png"), full_page=True)
    with officer.expect_download() as download_info:
        officer.click("[data-testid=case-file-download]")
    data = download_info.value.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["archive_number"] == "深福市监档〔2026〕9号" and manifest["retention"] == "30y"
        for name, sha in manifest["files"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == sha, name
        for line in archive.read("SHA256SUMS").decode().splitlines():
            sha, name = line.split("  ", 1)
            assert hashlib.sha256(archive.read(name)).hexdigest() == sha, name
        kinds = [e["file"] for e in manifest["entries"]]
        assert any("penalty_notice" in f for f in kinds) and any("penalty_decision" in f for f in kinds)
