"""The case file (卷宗) built when a case is archived: the 卷内目录 (every document, record and evidence item in
order, with page counts), the 档案号 and 保管期限, and a .zip of the whole file with a manifest of SHA-256
hashes (manifest.json and SHA256SUMS, checkable with `sha256sum -c`). Stored under its own hash and immutable;
`check_case_files` (run by verify_evidence) re-reads every archive and every entry, so an appended byte is found."""
import hashlib
import io
import json
import math
import zipfile
from datetime import datetime

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document as Docx
from docx.shared import Pt

from ipenforce.cases.choices import Retention
from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import IntegrityFailed
from ipenforce.documents.kinds import KINDS
from ipenforce.documents.models import CaseFile, Document, DocumentTemplate
from ipenforce.documents.render import blob_check, blob_read, blob_save
from ipenforce.evidence.choices import EvidenceKind
from ipenforce.evidence.selectors import case_evidence

CATALOGUE = "00-卷内目录.docx"
MANIFEST, SUMS = "manifest.json", "SHA256SUMS"
# A page count for a .docx estimated from its text on an A4 page at 12 pt (the built-in templates' layout):
# about 28 characters to a line and 32 lines to a page; a table row takes a line at least.
CHARS_PER_LINE, LINES_PER_PAGE = 28, 32


def docx_pages(data: bytes) -> int:
    document = Docx(io.BytesIO(data))
    lines = sum(max(1, math.ceil(len(p.text) / CHARS_PER_LINE)) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            lines += max(max(1, math.ceil(len(c.text) / (CHARS_PER_LINE // max(1, len(row.cells))))) for c in row.cells)
    return max(1, math.ceil(lines / LINES_PER_PAGE))


def file_pages(data: bytes, content_type: str) -> int:
    """A PDF's page objects; an image or other single file is one page."""
    if content_type == "application/pdf":
        return max(1, data.count(b"/Type /Page") - data.count(b"/Type /Pages")
                   + data.count(b"/Type/Page") - data.count(b"/Type/Pages"))
    return 1


def _stored_bytes(stored) -> bytes:
    with default_storage.open(stored.storage_name, "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != stored.sha256:
        raise IntegrityFailed(_("证据文件已被改动，与登记的哈希值不符：%(name)s。") % {"name": stored.storage_name})
    return data


def _timeline(case: Case) -> bytes:
    """The record of the procedure (办案过程记录): every step of the case's timeline."""
    document = Docx()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(_("办案过程记录"), level=1)
    document.add_paragraph(f"{case.number or ''} {case.title}")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for index, header in enumerate((_("时间"), _("事项"), _("办理人"), _("意见"))):
        table.cell(0, index).text = header
    for step in case.steps.select_related("actor").order_by("created_at", "pk"):
        cells = table.add_row().cells
        cells[0].text = timezone.localtime(step.created_at).strftime("%Y-%m-%d %H:%M")
        cells[1].text = f"{step.get_kind_display()} {step.action}"
        cells[2].text = step.actor.display_name
        cells[3].text = step.comment
    return _fixed(document)


def _fixed(document) -> bytes:
    document.core_properties.created = document.core_properties.modified = datetime(2021, 1, 1)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _catalogue(case: Case, archive_number: str, retention: str, entries: list[dict]) -> bytes:
    document = Docx()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(_("卷内目录"), level=1)
    document.add_paragraph(_("档案号：%(n)s    保管期限：%(r)s") % {"n": archive_number, "r": retention})
    document.add_paragraph(_("案件编号：%(n)s    案由：%(t)s") % {"n": case.number or "", "t": case.title})
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for index, header in enumerate((_("序号"), _("题名"), _("日期"), _("页号"), _("页数"))):
        table.cell(0, index).text = header
    for entry in entries:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(entry["seq"]), entry["title"], entry["date"]
        cells[3].text, cells[4].text = entry["page_range"], str(entry["pages"])
    return _fixed(document)


def _entries(case: Case) -> list[tuple[dict, bytes]]:
    """(entry, bytes) for every part of the file in order: documents as made, the procedure record, evidence."""
    parts: list[tuple[dict, bytes]] = []
    for document in Document.objects.filter(case=case).order_by("created_at", "pk"):
        data = blob_read(document.storage_name, document.sha256)
        title = KINDS[document.kind].title if document.kind in KINDS else document.kind
        label = f"{title} {document.number}".strip() + f"（第{document.version}版）"
        if document.correction_reason:
            label += _("（更正：%(reason)s）") % {"reason": document.correction_reason}
        parts.append(({"section": "document", "title": label, "date": timezone.localtime(
            document.created_at).strftime("%Y-%m-%d"), "pages": docx_pages(data),
            "file": f"documents/{len(parts) + 1:03d}-{document.kind}-v{document.version}.docx"}, data))
    timeline = _timeline(case)
    parts.append(({"section": "record", "title": _("办案过程记录"), "date": str(timezone.localdate()),
                   "pages": docx_pages(timeline), "file": "records/办案过程记录.docx"}, timeline))
    for index, item in enumerate(case_evidence(case).order_by("collected_at", "pk"), start=1):
        for number, attached in enumerate(item.files.all(), start=1):
            data = _stored_bytes(attached.stored)
            title = f"{EvidenceKind(item.kind).label}：{item.description}"
            parts.append(({"section": "evidence", "title": title, "date": timezone.localtime(
                item.collected_at).strftime("%Y-%m-%d"), "pages": file_pages(data, attached.stored.content_type),
                "file": f"evidence/{index:03d}-{number}-{attached.name}"}, data))
    page = 1
    for seq, (entry, data) in enumerate(parts, start=1):
        entry |= {"seq": seq, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                  "page_range": f"{page}-{page + entry['pages'] - 1}" if entry["pages"] > 1 else str(page)}
        page += entry["pages"]
    return parts


def build_zip(case: Case, archive_number: str, retention: str) -> tuple[bytes, list[dict]]:
    parts = _entries(case)
    retention_label = str(Retention(retention).label) if retention in Retention.values else retention
    entries = [entry for entry, _data in parts]
    catalogue = _catalogue(case, archive_number, retention_label, entries)
    files = [(CATALOGUE, catalogue)] + [(entry["file"], data) for entry, data in parts]
    manifest = {"case_number": case.number or "", "title": case.title, "agency": case.agency.name,
                "archive_number": archive_number, "retention": retention, "retention_label": retention_label,
                "archived_on": str(case.archived_on or timezone.localdate()), "entries": entries,
                "files": {name: hashlib.sha256(data).hexdigest() for name, data in files}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    files.append((MANIFEST, manifest_bytes))
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files).encode()
    files.append((SUMS, sums))
    stamp = (case.archived_on or timezone.localdate()).timetuple()[:3] + (0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data)
    return out.getvalue(), entries


def case_file_build(case: Case, ctx) -> CaseFile:
    """Run on `archive` (an extension of the case procedure), in its transaction: a file that cannot be built
    (a document or evidence file altered in storage) stops the archiving."""
    data, entries = build_zip(case, case.archive_number, case.retention)
    sha, name = blob_save("case_files", data, suffix=".zip")
    case_file = CaseFile.objects.create(case=case, archive_number=case.archive_number, retention=case.retention,
                                        contents=entries, sha256=sha, storage_name=name, size=len(data),
                                        built_by=ctx.actor)
    audit_append(actor=ctx.actor, action="case_file.build", target=case,
                 after={"archive_number": case.archive_number, "retention": case.retention, "sha256": sha,
                        "entries": len(entries)})
    return case_file


def zip_problems(data: bytes) -> list[str]:
    """Each entry of an archive whose bytes do not match its manifest."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        for name, sha in manifest["files"].items():
            if hashlib.sha256(archive.read(name)).hexdigest() != sha:
                problems.append(f"{name}: hash mismatch")
    return problems


def case_files() -> QuerySet[CaseFile]:
    return CaseFile.objects.order_by("pk")


def check_generated_files() -> tuple[int, list[str]]:
    """Templates, generated documents and case files, each re-hashed against what was recorded; a case file's
    entries against its manifest too. (how many checked, problems)."""
    problems, checked = [], 0
    for label, model in (("template", DocumentTemplate), ("document", Document)):
        for row in model.objects.order_by("pk").iterator(chunk_size=500):
            checked += 1
            problem = blob_check(row.storage_name, row.sha256)
            if problem:
                problems.append(f"{label} {row.pk} ({row.kind} v{row.version}): {problem}")
    for case_file in case_files().iterator(chunk_size=100):
        checked += 1
        try:
            data = blob_read(case_file.storage_name, case_file.sha256)
            problems += [f"case file {case_file.archive_number}: {p}" for p in zip_problems(data)]
        except (IntegrityFailed, zipfile.BadZipFile, KeyError, ValueError) as exc:
            problems.append(f"case file {case_file.archive_number}: {getattr(exc, 'message', exc)}")
    return checked, problems
