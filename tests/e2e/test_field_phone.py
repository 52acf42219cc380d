"""The phone app in Chromium at 390×844 with geolocation emulated: a photo (its preview shown under the CSP), an
inspection record signed on the pads by two officers with the party's refusal before a witness, written while the
network is off and sent once when it returns."""
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


def test_an_officer_writes_a_signed_record_and_a_photo_offline_on_the_phone(demo, browser_page, tmp_path,
                                                                            settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    walker = CaseWalker(demo)
    walker.register("trademark")
    walker.to_investigation()
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.grant_permissions(["geolocation"], origin=page.base_url)
    page.context.set_geolocation({"latitude": 22.543210, "longitude": 114.057860, "accuracy": 12})
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "ft_officer1")
    page.fill("#id_password", demo.password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/")
    page.goto(page.base_url + "/m/")
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
