"""Generated documents and templates are checked against their recorded hash: a changed file is neither served
nor used, and verify_documents names it."""
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from ipenforce.documents.models import Document, DocumentTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _overwrite(name: str, data: bytes = b"forged") -> None:
    default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def test_changed_document_is_not_served_and_is_reported(demo, walker, capsys):
    api = demo.api("ft_officer1")
    case = walker.register("trademark")
    made = api.post(f"/api/v1/cases/{case['id']}/documents", {"kind": "crime_transfer"}).json()
    url = f"/api/v1/cases/{case['id']}/documents/{made['id']}"
    assert api.get(url).status_code == 200
    call_command("verify_documents")
    assert "checked" in capsys.readouterr().out
    _overwrite(Document.objects.get(pk=made["id"]).storage_name)
    refused = api.get(url)
    assert refused.status_code == 409 and refused.json()["code"] == "integrity_check_failed"
    page = demo.client("ft_officer1").get(f"/cases/{case['id']}/documents/{made['id']}/")
    assert page.status_code in (404, 409)
    with pytest.raises(CommandError, match="1 document file"):
        call_command("verify_documents")


def test_changed_template_is_not_used(demo, walker):
    api = demo.api("ft_officer1")
    case = walker.register("trademark")
    assert api.post(f"/api/v1/cases/{case['id']}/documents", {"kind": "crime_transfer"}).status_code == 201
    template = DocumentTemplate.objects.filter(kind="crime_transfer").order_by("-version").first()
    _overwrite(template.storage_name)
    refused = api.post(f"/api/v1/cases/{case['id']}/documents", {"kind": "crime_transfer"})
    assert refused.status_code == 409 and refused.json()["code"] == "integrity_check_failed"
