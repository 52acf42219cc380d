"""Write the built-in .docx templates (docx/<kind>.docx) from kinds.py: `python manage.py shell -c
"from ipenforce.documents.build_templates import main; main()"` (kinds.py reads the case states).

The templates are docxtpl (Jinja2) documents; administrators may replace any of them with their own version
through the template page, and the placeholders are checked on upload.
"""
import zipfile
from datetime import datetime
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from ipenforce.documents.kinds import KINDS, SEAL, SIGN, Kind

DOCX_DIR = Path(__file__).resolve().parent / "docx"
TABLE_COLUMNS = {
    "evidence": (("证据种类", "{{ e.kind }}"), ("名称及描述", "{{ e.description }}"), ("来源", "{{ e.source }}"),
                 ("提取时间", "{{ e.collected_at }}"), ("地点", "{{ e.place }}")),
    "electronic": (("网址或系统", "{{ e.captured_url }}"), ("提取时间", "{{ e.captured_at }}"),
                   ("文件", "{{ e.file_name }}"), ("SHA-256", "{{ e.sha256 }}")),
    "evidence_list": (("编号", "{{ e.number }}"), ("证据种类", "{{ e.kind }}"), ("名称及描述", "{{ e.description }}"),
                      ("来源", "{{ e.source }}"), ("证明对象", "{{ e.proves }}"), ("出自笔录", "{{ e.record }}")),
    "qa": (("序号", "{{ e.number }}"), ("问", "{{ e.q }}"), ("答", "{{ e.a }}")),
    "signers": (("身份", "{{ e.role }}"), ("签名人", "{{ e.name }}"), ("签名情况", "{{ e.signed }}"),
                ("签名图像 SHA-256", "{{ e.sha256 }}")),
}


def _chinese_font(document) -> None:
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def _centered(document, text: str, size: int, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)


def _repeated_table(document, name: str) -> None:
    columns = TABLE_COLUMNS[name]
    table = document.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    for index, (header, placeholder) in enumerate(columns):
        table.cell(0, index).text = header
        table.cell(2, index).text = placeholder
    table.cell(1, 0).text = "{%tr for e in " + name + " %}"
    table.cell(3, 0).text = "{%tr endfor %}"


def build(kind: Kind) -> Path:
    document = Document()
    _chinese_font(document)
    _centered(document, "{{ agency.name }}", 16, bold=True)
    _centered(document, kind.title, 20, bold=True)
    if kind.code or kind.number_from_case:
        number = document.add_paragraph("{{ number }}")
        number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if kind.rows:
        table = document.add_table(rows=len(kind.rows), cols=2)
        table.style = "Table Grid"
        for index, (label, placeholder) in enumerate(kind.rows):
            table.cell(index, 0).text = label
            table.cell(index, 1).text = placeholder
    for text in kind.paragraphs:
        document.add_paragraph(text)
    for name in kind.tables:
        _repeated_table(document, name)
    for text in (SIGN[0], SEAL, SIGN[1]) if kind.seal else SIGN:
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = DOCX_DIR / f"{kind.key}.docx"
    path.write_bytes(_reproducible(document))
    return path


def _reproducible(document) -> bytes:
    """The .docx with fixed timestamps, so a rebuild of unchanged texts gives the same bytes (and hash): a changed
    hash is how a deployment learns that a built-in template changed."""
    fixed = datetime(2021, 1, 1)
    document.core_properties.created = document.core_properties.modified = fixed
    raw = BytesIO()
    document.save(raw)
    out = BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=fixed.timetuple()[:6]), source.read(entry))
    return out.getvalue()


def main() -> None:
    DOCX_DIR.mkdir(exist_ok=True)
    for kind in KINDS.values():
        print(build(kind))


if __name__ == "__main__":
    main()
