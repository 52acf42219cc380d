"""The fund's annual performance report as .docx (F-12: 绩效评价): totals per item, district and industry of one
year, from the same aggregate query as the report page, with the year's audit sample and recoveries."""
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.oxml.ns import qn

from ipenforce.core.language import in_record_language
from ipenforce.programs.selectors import application_list, fund_report_rows

HEADERS = (gettext_lazy("资助项目"), gettext_lazy("所在区"), gettext_lazy("所属行业"), gettext_lazy("申请数"),
           gettext_lazy("决定资助（元）"), gettext_lazy("已拨付（元）"), gettext_lazy("已追回（元）"))


def _money(value) -> str:
    return f"{(value or Decimal('0')):,.2f}"


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@in_record_language
def annual_report_docx(user, year: int) -> bytes:
    rows = fund_report_rows(user, year)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.add_heading(_("%(year)s年度知识产权资助资金绩效报告") % {"year": year}, level=1)
    granted = sum((r["granted"] or Decimal("0")) for r in rows)
    paid = sum((r["paid"] or Decimal("0")) for r in rows)
    recovered = sum((r["recovered"] or Decimal("0")) for r in rows)
    count = sum(r["applications"] for r in rows)
    sampled = application_list(user).filter(call__year=year, audit_sampled=True).count()
    document.add_paragraph(
        _("本年度共受理资助申请%(count)s件，决定资助%(granted)s元，已拨付%(paid)s元，追回%(recovered)s元；"
          "抽取%(sampled)s个项目进行资金审计。") % {"count": count, "granted": _money(granted), "paid": _money(paid),
                                            "recovered": _money(recovered), "sampled": sampled})
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, HEADERS):
        cell.text = str(header)
    for r in rows:
        cells = table.add_row().cells
        values = (r["call__title"], r["district"] or "—", r["industry"] or "—", str(r["applications"]),
                  _money(r["granted"]), _money(r["paid"]), _money(r["recovered"]))
        for cell, value in zip(cells, values):
            cell.text = value
    document.add_paragraph(_("生成时间：%(now)s") % {"now": timezone.localtime().strftime("%Y-%m-%d %H:%M")})
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
