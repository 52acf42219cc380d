"""Writing lists to .xlsx (openpyxl), with cell values a spreadsheet cannot execute."""
from collections.abc import Iterable
from datetime import date, datetime
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would read as a formula is prefixed with an apostrophe (formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def xlsx_response(filename: str, headers: list[str], rows: Iterable[Iterable], *, sheet_title: str | None = None,
                  title_rows: Iterable[Iterable] = ()) -> HttpResponse:
    """`sheet_title` names the sheet (at most 31 characters); `title_rows` go above the headers."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] if sheet_title else None)
    for row in title_rows:
        sheet.append([safe_cell(v) for v in row])
    sheet.append(headers)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = date.today().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
