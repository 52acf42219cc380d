"""The campaign report as .docx: a docxtpl template built here with the documents app's helpers and rendered in
its sandbox (documents.render), stored by hash like every generated document."""
from functools import cache

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ipenforce.documents.build_templates import _centered, _chinese_font, _reproducible
from ipenforce.documents.render import blob_save, render

COLUMNS = (("单位", "{{ u.agency }}"), ("期间", "{{ u.period }}"), ("查处案件", "{{ u.filed }}"),
           ("其中专利", "{{ u.patent }}"), ("结案", "{{ u.closed }}"), ("移送公安", "{{ u.transferred }}"),
           ("罚没款（元）", "{{ u.fines }}"), ("查扣物品货值（元，填报）", "{{ u.goods_seized }}"),
           ("关闭网店（家，填报）", "{{ u.shops_closed }}"))


@cache
def template() -> bytes:
    document = Document()
    _chinese_font(document)
    _centered(document, "{{ lead_agency }}", 16, bold=True)
    _centered(document, "{{ title }}", 20, bold=True)
    document.add_paragraph("{{ text }}")
    document.add_paragraph("{{ late_text }}")
    table = document.add_table(rows=5, cols=len(COLUMNS))
    table.style = "Table Grid"
    for index, (header, placeholder) in enumerate(COLUMNS):
        table.cell(0, index).text = header
        table.cell(2, index).text = placeholder
        table.cell(4, index).text = placeholder.replace("u.", "total.")
    table.cell(1, 0).text = "{%tr for u in units %}"
    table.cell(3, 0).text = "{%tr endfor %}"
    document.add_paragraph("典型案例：")
    document.add_paragraph("{% for t in typical %}{{ t }}\n{% endfor %}")
    for text in ("{{ lead_agency }}", "{{ today }}"):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _reproducible(document)


def render_report(context: dict) -> tuple[str, str]:
    """(sha256, storage name) of the rendered report."""
    return blob_save("campaigns", render(template(), context))
