"""Documents: every template generated for a case with its content checked, numbering, versions, templates."""
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from docx import Document as Docx

from ipenforce.documents.build_templates import DOCX_DIR
from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import Document, DocumentTemplate
from ipenforce.documents.services import document_generate
from tests.cases.conftest import today
from tests.conftest import run_at_once

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def text_of(data: bytes) -> str:
    document = Docx(BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _generate(api, case_id, kind, expect=201, **extra):
    response = api.post(f"/api/v1/cases/{case_id}/documents", {"kind": kind, **extra})
    assert response.status_code == expect, response.json()
    return response.json()


@pytest.fixture
def decided_case(walker):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    walker.to_decision(Decimal(120000))
    walker.to_execution("120000", reason="违法经营额较大")
    return walker.case


def test_every_template_renders_the_case_in_chinese(demo, decided_case):
    from django.utils import timezone

    from tests.evidence.test_evidence import PNG

    api = demo.api("ft_officer1")
    officers = [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk]
    for kind, extra in (("physical", {}), ("electronic", {"captured_url": "https://shop.example.cn/item/9",
                                                          "captured_at": timezone.now().isoformat()})):
        response = api.client.post(f"/api/v1/cases/{decided_case['id']}/evidence", {
            "kind": kind, "description": f"{kind}证据：假冒耳机", "source": "仓库", "place": "华强北",
            "collected_at": timezone.now().isoformat(), "collector_ids": officers,
            "files": [SimpleUploadedFile(f"{kind}.png", PNG + kind.encode())], **extra}, headers=api.headers)
        assert response.status_code == 201, response.json()
    # Every kind made at this stage (a served decision under execution); the earlier stages' kinds are rendered
    # and read line by line in test_contents.py. The others are made by their procedure, tested there.
    for kind in (k for k in KINDS.values() if not k.extra and (k.states is None or "executing" in k.states)
                 and (not k.outcomes or "penalty" in k.outcomes)):
        document = _generate(api, decided_case["id"], kind.key)
        data = b"".join(demo.client("ft_officer1").get(document["download"]).streaming_content)
        text = text_of(data)
        assert kind.title in text and "深圳市市场监督管理局福田监管局" in text, kind.key
        assert "{{" not in text and "{%" not in text, kind.key
        if any("party." in placeholder for _label, placeholder in kind.rows):
            assert "深圳市某某电子有限公司" in text, kind.key
        if kind.code or kind.number_from_case:
            assert document["number"] and document["number"] in text, kind.key
    assert _generate(api, decided_case["id"], "evidence_extraction", expect=422)["code"] == "document_wrong_stage"
    decision = text_of(b"".join(demo.client("ft_officer1").get(
        _generate(api, decided_case["id"], "penalty_decision",
                  correction_reason="补正证据清单")["download"]).streaming_content))
    assert "120,000.00" in decision and "商标法" in decision and decided_case["number"] in decision


def test_numbers_follow_per_kind_and_a_regenerated_document_keeps_its_number(demo, walker):
    api = demo.api("ft_officer1")
    walker.register("trademark")
    first = walker.case["id"]
    walker.register("patent")
    second = walker.case["id"]
    a1 = _generate(api, first, "crime_transfer")
    a2 = _generate(api, first, "crime_transfer")
    b1 = _generate(api, second, "crime_transfer")
    year = today().year
    assert a1["number"] == a2["number"] == f"深福市监移〔{year}〕1号" and (a1["version"], a2["version"]) == (1, 2)
    assert b1["number"] == f"深福市监移〔{year}〕2号"
    refused = _generate(api, first, "penalty_decision", expect=422)  # a 决定书 while the lead is being verified
    assert refused["code"] == "document_wrong_stage" and "核查中" in refused["message"]
    timeline = api.get(f"/api/v1/cases/{first}").json()["timeline"]
    assert [s["action"] for s in timeline].count("document") == 2
    assert Document.objects.filter(case_id=first).count() == 2


def test_template_upload_checks_placeholders_and_cases_keep_their_version(demo, walker):
    admin = demo.api("sz_admin")  # templates are shared by the city: its administrators keep them
    builtin = (DOCX_DIR / "service_address.docx").read_bytes()

    def upload(data, name="t.docx", client=admin):
        return client.client.post("/api/v1/document-templates",
                                  {"kind": "service_address", "file": SimpleUploadedFile(name, data)},
                                  headers=client.headers)

    walker.register("trademark")
    officer = demo.api("ft_officer1")
    old = _generate(officer, walker.case["id"], "service_address")
    assert old["template_version"] == 1

    def with_paragraph(text):
        document = Docx(BytesIO(builtin))
        document.add_paragraph(text)
        out = BytesIO()
        document.save(out)
        return out.getvalue()

    bad = upload(with_paragraph("{{ party.nickname }} {{ weather }}"))
    assert bad.status_code == 422 and bad.json()["code"] == "template_unknown_placeholders"
    assert "nickname" in bad.json()["message"] and "weather" in bad.json()["message"]
    assert upload(b"%PDF-1.4 not a docx").json()["code"] == "template_not_docx"
    assert upload(with_paragraph("x"), client=officer).status_code == 403
    district = upload(with_paragraph("x"), client=demo.api("ft_admin"))
    assert district.status_code == 403 and "市级" in district.json()["message"]
    good = upload(with_paragraph("新版模板：{{ party.phone }}"))
    assert good.status_code == 201 and good.json()["version"] == 2
    assert _generate(officer, walker.case["id"], "service_address")["template_version"] == 1
    walker.register("patent")
    assert _generate(officer, walker.case["id"], "service_address")["template_version"] == 2


def test_another_district_cannot_list_generate_or_download(demo, walker):
    walker.register("trademark")
    document = _generate(demo.api("ft_officer1"), walker.case["id"], "case_source")
    nanshan = demo.api("ns_officer1")
    assert nanshan.get(f"/api/v1/cases/{walker.case['id']}/documents").status_code == 404
    assert nanshan.post(f"/api/v1/cases/{walker.case['id']}/documents", {"kind": "case_source"}).status_code == 404
    assert demo.client("ns_officer1").get(document["download"]).status_code == 404


def test_documents_page_generates(demo, walker):
    walker.register("trademark")
    client = demo.client("ft_officer1")
    response = client.post(f"/cases/{walker.case['id']}/documents/generate/", {"kind": "case_source"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "案件来源登记表" in page and "已制作" in page


@pytest.mark.django_db(transaction=True)
def test_concurrent_generation_takes_consecutive_numbers(demo, walker):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections need PostgreSQL")
    cases = []
    for _n in range(4):
        walker.register("trademark")
        cases.append(walker.case["id"])
    from ipenforce.cases.models import Case

    officer = demo.user("ft_officer1")

    def generate(case_id):
        return document_generate(actor=officer, case=Case.objects.get(pk=case_id), kind="crime_transfer")

    assert not [r for r in run_at_once(generate, [(c,) for c in cases]) if isinstance(r, Exception)]
    numbers = sorted(Document.objects.values_list("number", flat=True))
    assert numbers == sorted(f"深福市监移〔{today().year}〕{n}号" for n in range(1, 5))


def _template_with(text: str) -> bytes:
    document = Docx(BytesIO((DOCX_DIR / "service_address.docx").read_bytes()))
    document.add_paragraph(text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("payload", [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ party.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ lipsum.__globals__['os'].system('id') }}",
])
def test_a_template_that_would_run_code_is_refused_and_never_runs(demo, walker, payload, monkeypatch):
    import os
    import subprocess

    def forbidden(*args, **kwargs):  # pragma: no cover - reaching it is the failure
        raise AssertionError("a template ran a command")

    monkeypatch.setattr(os, "popen", forbidden)
    monkeypatch.setattr(os, "system", forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)
    api = demo.api("sz_admin")
    response = api.client.post("/api/v1/document-templates", {"kind": "service_address", "file": SimpleUploadedFile(
        "evil.docx", _template_with(payload))}, headers=api.headers)
    assert response.status_code == 422, response.json()
    assert response.json()["code"] in ("template_unsafe", "template_unknown_placeholders")
    assert DocumentTemplate.objects.filter(kind="service_address", uploaded_by__isnull=False).count() == 0


def test_a_stored_template_that_would_run_code_renders_nothing_dangerous(demo, walker):
    """Even a template that reached storage some other way (an earlier version, a restored backup) is rendered in
    the sandbox: the case gets a clear refusal, not a command's output."""
    from ipenforce.documents.render import blob_save

    walker.register("trademark")
    sha, name = blob_save("templates", _template_with("{{ cycler.__init__.__globals__.os.popen('id').read() }}"))
    DocumentTemplate.objects.create(kind="service_address", version=1, sha256=sha, storage_name=name, placeholders=[],
                                    uploaded_by=demo.user("sz_admin"))
    refused = demo.api("ft_officer1").post(f"/api/v1/cases/{walker.case['id']}/documents", {"kind": "service_address"})
    assert refused.status_code == 422 and refused.json()["code"] == "template_unusable"
    assert not Document.objects.filter(case_id=walker.case["id"]).exists()
