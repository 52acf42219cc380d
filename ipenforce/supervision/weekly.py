"""The weekly table of key supervised cases (重点督办案件周报, wave2-rules A-37 ◐): each supervised case the user
may see that was open during the week, with the counts the 2011 打击侵权假冒 notice asks for — 新增重点督办案件 /
取得新进展 / 行政处理阶段 / 公安侦办阶段 / 已开庭 / 已办结 / 已宣传报道 / 关闭网站(网店)."""
from datetime import date, timedelta
from io import BytesIO

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Font

from ipenforce.core.clock import end_of, start_of
from ipenforce.core.language import in_record_language
from ipenforce.core.xlsx import safe_cell
from ipenforce.supervision.models import Stage
from ipenforce.supervision.presenters import case_light
from ipenforce.supervision.selectors import visible_supervised_cases
from ipenforce.workflow.models import Step

LIGHT_LABELS = {"red": "红", "yellow": "黄", "green": "绿", "": "—"}


def week_of(day: date) -> tuple[date, date]:
    """Monday to Sunday of the week holding `day` (the table is reported on Friday, A-37)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def weekly_rows(user, monday: date) -> tuple[list[dict], dict]:
    sunday = monday + timedelta(days=6)
    items = list(visible_supervised_cases(user).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=start_of(monday))).filter(created_at__lte=end_of(sunday))
        .select_related("case", "case__agency", "supervisor_agency").order_by("case__agency__path", "pk"))
    reported = set(Step.objects.filter(supervised_case__in=[i.pk for i in items], action="report",
                                       created_at__range=(start_of(monday), end_of(sunday)))
                   .values_list("subject_id", flat=True))
    rows, totals = [], dict.fromkeys(("new", "progress", *Stage.values, "publicised", "sites_closed"), 0)
    for item in items:
        new = start_of(monday) <= item.created_at <= end_of(sunday)
        row = {"item": item, "new": new, "progress": item.pk in reported, "stage": item.get_stage_display(),
               "light": case_light(item, min(sunday, timezone.localdate()))}
        rows.append(row)
        totals["new"] += new
        totals["progress"] += row["progress"]
        totals[item.stage] += 1
        totals["publicised"] += item.publicised
        totals["sites_closed"] += item.sites_closed
    return rows, totals


def _title(monday: date) -> str:
    return _("重点督办案件周报（%(start)s 至 %(end)s）") % {
        "start": monday.isoformat(), "end": (monday + timedelta(days=6)).isoformat()}


def _count_headers() -> list[str]:
    return [_("新增重点督办案件"), _("取得新进展"), *[str(label) for label in Stage.labels], _("已宣传报道"),
            _("关闭网站（网店）")]


def _counts(totals: dict) -> list:
    return [totals["new"], totals["progress"], *[totals[v] for v in Stage.values], totals["publicised"],
            totals["sites_closed"]]


@in_record_language
def weekly_docx(user, monday: date) -> bytes:
    """The same table as a Word document for the weekly report (python-docx; it holds no template to edit)."""
    rows, totals = weekly_rows(user, monday)
    document = Document()
    document.add_heading(_title(monday), level=1)
    counts = document.add_table(rows=2, cols=len(_count_headers()))
    counts.style = "Table Grid"
    for index, (header, value) in enumerate(zip(_count_headers(), _counts(totals), strict=True)):
        counts.cell(0, index).text, counts.cell(1, index).text = header, str(value)
    document.add_paragraph("")
    headers = [_("案件"), _("案由"), _("办案单位"), _("所处阶段"), _("本周有新进展"), _("督办期限"), _("预警")]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for index, header in enumerate(headers):
        table.cell(0, index).text = header
    for row in rows:
        item = row["item"]
        cells = table.add_row().cells
        values = [str(item.case), item.case.title, item.case.agency.name, row["stage"],
                  _("是") if row["progress"] else "", item.deadline.isoformat(), LIGHT_LABELS[row["light"]]]
        for index, value in enumerate(values):
            cells[index].text = value
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def weekly_xlsx(user, monday: date) -> bytes:
    rows, totals = weekly_rows(user, monday)
    book = Workbook()
    sheet = book.active
    sheet.title = _("重点督办案件周报")
    sheet.append([_title(monday)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(_count_headers())
    sheet.append(_counts(totals))
    sheet.append([])
    sheet.append([_("案件"), _("案由"), _("办案单位"), _("督办单位"), _("本周新增"), _("本周有新进展"), _("所处阶段"),
                  _("已宣传报道"), _("关闭网站（网店）数"), _("督办期限"), _("下次报告日"), _("预警")])
    for row in rows:
        item = row["item"]
        sheet.append([safe_cell(str(item.case)), safe_cell(item.case.title), item.case.agency.name,
                      item.supervisor_agency.name,
                      _("是") if row["new"] else "", _("是") if row["progress"] else "", row["stage"],
                      _("是") if item.publicised else "", item.sites_closed, item.deadline,
                      item.next_report_due, LIGHT_LABELS[row["light"]]])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
