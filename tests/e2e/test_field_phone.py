"""The phone app in Chromium at 390×844 with geolocation emulated: a photo (its preview shown under the CSP), an
inspection record signed on the pads by two officers with the party's refusal before a witness, written while the
network is off and sent once when it returns; a record whose case changed meanwhile shown as a conflict (never
written over) and sent after the officer reviewed it; a lead registered and a short video filmed on the phone, a
too-large video refused on the device. Screenshots are saved in the test's tmp_path."""
import pytest
from playwright.sync_api import expect

from ipenforce.evidence.models import EvidenceItem
from ipenforce.field.models import FieldPhoto, FieldRecord
from tests.cases.conftest import CaseWalker
from tests.field.conftest import PNG_1PX

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _draw(page, testid):
    canvas = page.locator(f"[data-testid={testid}]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 30)
    page.mouse.down()
    for step in range(1, 8):
        page.mouse.move(box["x"] + 20 + step * 30, box["y"] + 30 + (step % 3) * 25, steps=3)
    page.mouse.up()


def _login_on_phone(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.grant_permissions(["geolocation"], origin=page.base_url)
    page.context.set_geolocation({"latitude": 22.543210, "longitude": 114.057860, "accuracy": 12})
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "ft_officer1")
    page.fill("#id_password", demo.password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/")
    page.goto(page.base_url + "/m/")
    # the service worker's install fetches the page and assets; the test server's one SQLite connection is not
    # shared safely between concurrent requests, so the test starts once it is done
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")


def test_an_officer_writes_a_signed_record_and_a_photo_offline_on_the_phone(demo, browser_page, tmp_path,
                                                                            settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    walker = CaseWalker(demo)
    walker.register("trademark")
    walker.to_investigation()
    page = browser_page
    _login_on_phone(page, demo)
    page.wait_for_selector("[data-testid=phone-case]")
    page.screenshot(path=str(tmp_path / "phone-cases.png"))
    page.click("[data-testid=phone-case]")
    page.set_input_files("[data-testid=photo-input]", files=[
        {"name": "现场.png", "mimeType": "image/png", "buffer": PNG_1PX}])
    thumb = page.wait_for_selector("[data-testid=photo-thumb]")
    page.wait_for_function("() => document.querySelector('[data-testid=photo-thumb]').naturalWidth > 0")
    assert thumb.get_attribute("src").startswith("blob:")
    expect(page.locator("[data-testid=pending]")).to_have_text("0")
    photo = FieldPhoto.objects.get()
    assert (photo.position_source, float(photo.latitude), photo.accuracy_m) == ("browser", 22.54321, 12)

    page.context.set_offline(True)
    page.click("[data-testid=start-inspection]")
    page.wait_for_selector("#record-form")
    assert "22.54321" in page.inner_text("[data-testid=record-start]")
    page.check("#f-certificates_shown")
    page.fill("[name=findings]", "货架上陈列标有某品牌商标的耳机200副。")
    officers = [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk]
    for officer in officers:
        _draw(page, f"pad-officer-{officer}")
    page.check("#f-party_refused")
    page.fill("[name=refusal_note]", "当事人拒绝签名。")
    page.click("[data-testid=finish-record]")
    assert "见证人" in page.inner_text("[data-testid=form-error]")
    page.fill("[name=witness_name]", "赵六")
    _draw(page, "pad-witness")
    page.screenshot(path=str(tmp_path / "phone-record.png"), full_page=True)
    page.click("[data-testid=finish-record]")
    page.wait_for_selector("[data-testid=start-inspection]")
    assert page.inner_text("[data-testid=pending]") == "1" and not FieldRecord.objects.exists()

    page.context.set_offline(False)
    expect(page.locator("[data-testid=pending]")).to_have_text("0", timeout=20000)
    record = FieldRecord.objects.get()
    assert record.state == "sealed" and record.party_refused and record.witness_name == "赵六"
    assert sorted(s.role for s in record.signatures.all()) == ["officer", "officer", "party", "witness"]
    assert [o["id"] for o in record.officers] == officers
    assert float(record.latitude) == 22.54321
    assert EvidenceItem.objects.count() == 2
    page.click("#sync")  # a second send of the same queue makes nothing new
    page.wait_for_timeout(500)
    assert FieldRecord.objects.count() == 1 and FieldPhoto.objects.count() == 1
    page.screenshot(path=str(tmp_path / "phone-synced.png"))


def test_a_case_changed_while_the_officer_was_offline_is_shown_as_a_conflict_never_written_over(
        demo, browser_page, tmp_path, settings):
    from ipenforce.cases.models import Case
    from ipenforce.cases.services.leads import case_update

    settings.MEDIA_ROOT = tmp_path / "media"
    walker = CaseWalker(demo)
    walker.register("trademark")
    walker.to_investigation()
    page = browser_page
    _login_on_phone(page, demo)
    page.click("[data-testid=phone-case]")
    page.wait_for_selector("[data-testid=start-inspection]")
    page.context.set_offline(True)
    page.click("[data-testid=start-inspection]")
    page.wait_for_selector("#record-form")
    page.check("#f-certificates_shown")
    page.fill("[name=findings]", "货架上陈列标有某品牌商标的耳机200副。")
    for officer in (demo.user("ft_officer1").pk, demo.user("ft_officer2").pk):
        _draw(page, f"pad-officer-{officer}")
    _draw(page, "pad-party")
    page.click("[data-testid=finish-record]")
    page.wait_for_selector("[data-testid=start-inspection]")
    expect(page.locator("[data-testid=pending]")).to_have_text("1")

    case = Case.objects.get(pk=walker.case["id"])  # meanwhile, at the desk, the case is changed
    case_update(actor=demo.user("ft_officer2"), case=case, version=case.version, changes={"title": "案由已由内勤更正"})
    page.context.set_offline(False)
    conflict = page.locator("[data-testid=sync-conflict]")
    expect(conflict).to_be_visible(timeout=20000)
    assert "案件已被更新" in conflict.inner_text() and f"现为第{case.version + 1}版" in conflict.inner_text()
    assert not FieldRecord.objects.exists() and page.inner_text("[data-testid=pending]") == "1"
    page.click("#sync")  # sending again does not write it over either
    page.wait_for_timeout(500)
    assert not FieldRecord.objects.exists()
    page.screenshot(path=str(tmp_path / "phone-conflict.png"), full_page=True)

    page.click("[data-testid=conflict-review]")  # the officer reviews the case as it is now, then sends
    note = page.wait_for_selector("[data-testid=conflict-note]")
    assert "案由已由内勤更正" in note.inner_text()
    assert page.input_value("[name=findings]") == "货架上陈列标有某品牌商标的耳机200副。"
    page.click("[data-testid=finish-record]")
    page.wait_for_selector("[data-testid=start-inspection]")  # back on the case once the record is queued and sent
    expect(page.locator("[data-testid=pending]")).to_have_text("0", timeout=20000)
    record = FieldRecord.objects.get()
    assert record.state == "sealed" and sorted(s.role for s in record.signatures.all()) == [
        "officer", "officer", "party"]
    assert not page.locator("[data-testid=sync-conflict]").count()


def test_a_lead_and_a_short_video_from_the_phone(demo, browser_page, tmp_path, settings):
    from ipenforce.cases.models import Case
    from ipenforce.field.models import PhoneLead
    from tests.field.test_media import MP4

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    walker = CaseWalker(demo)
    walker.register("trademark")
    walker.to_investigation()
    page = browser_page
    _login_on_phone(page, demo)
    page.click("[data-testid=new-lead]")
    page.wait_for_selector("#lead-form")
    assert "22.54321" in page.inner_text("[data-testid=lead-start]")
    page.fill("[name=title]", "华强北某店销售疑似假冒耳机")
    page.fill("[name=description]", "巡查发现店内陈列标有某品牌商标的耳机，无授权证明。")
    page.fill("[name=party_name]", "深圳市某电子商行")
    page.fill("[name=party_uscc]", "91440300708461136T")
    page.screenshot(path=str(tmp_path / "phone-lead.png"), full_page=True)
    page.click("[data-testid=submit-lead]")
    page.wait_for_selector("[data-testid=new-lead]")  # back home once the lead is queued and sent
    expect(page.locator("[data-testid=pending]")).to_have_text("0", timeout=20000)
    lead = PhoneLead.objects.select_related("case").get()
    assert (lead.case.source, lead.case.state, float(lead.latitude)) == ("inspection", "verifying", 22.54321)
    assert Case.objects.count() == 2

    page.goto(page.base_url + "/m/")
    expect(page.locator("[data-testid=phone-case]").first).to_contain_text("华强北某店销售疑似假冒耳机")  # in my list

    page.goto(page.base_url + f"/m/#case-{walker.case['id']}")  # a case under investigation: a short video
    page.wait_for_selector("[data-testid=video-input]", state="attached")
    page.set_input_files("[data-testid=video-input]", files=[
        {"name": "现场.mp4", "mimeType": "video/mp4", "buffer": MP4}])
    page.wait_for_selector("[data-testid=video-thumb]")
    expect(page.locator("[data-testid=pending]")).to_have_text("0", timeout=20000)
    video = FieldPhoto.objects.get()
    assert video.media == "video" and video.case_id == walker.case["id"]
    assert video.device_sha256 == video.stored.sha256 and video.accuracy_m == 12
    page.set_input_files("[data-testid=video-input]", files=[
        {"name": "长.mp4", "mimeType": "video/mp4", "buffer": MP4 + bytes(1024 * 1024)}])
    error = page.wait_for_selector("[data-testid=media-error]:not(.d-none)")
    assert "视频过大" in error.inner_text() and "上限为 1 MB" in error.inner_text()
    assert page.inner_text("[data-testid=pending]") == "0" and FieldPhoto.objects.count() == 1
    page.screenshot(path=str(tmp_path / "phone-video.png"), full_page=True)
