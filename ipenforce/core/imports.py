"""Bulk .xlsx imports: each import registers its columns (with the core validators they use) and how its rows are
saved. A downloadable template; an upload checked row by row — every error named by row and column — before
anything is saved; then, on the worker, the rows checked again (with progress) and written in one transaction."""
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from ipenforce.core.identifiers import InvalidIdentifier, check_resident_id, check_uscc
from ipenforce.core.models import ImportJob

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
PROGRESS_EVERY = 200
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Column:
    """One column of an import: its header (the template's), the key the row's dict uses, and its kind —
    text, int, date, money, uscc, id_number (USCC or resident ID), choice (labels or values) or agency."""

    header: str
    key: str
    kind: str = "text"
    required: bool = True
    choices: tuple = ()  # (value, label) pairs for kind "choice"
    hint: str = ""
    max_length: int = 0


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": str(self.column), "message": str(self.message)}


@dataclass(frozen=True)
class ListImport:
    """`allowed(user, params)` answers whether the user may import into the target the params name (raise
    NotFound for a target they cannot see); `check(user, params, rows)` finds the errors a cell alone does not show
    (duplicates in the file or the database) as RowErrors; `save(user, params, rows)` writes the rows, inside the
    import's one transaction, and answers how many it wrote. `agencies(user)` are the agencies an "agency" column
    may name."""

    name: str
    title: object
    columns: Callable[[], list[Column]]
    allowed: Callable[[object, dict], bool]
    save: Callable[[object, dict, list[dict]], int]
    check: Callable[[object, dict, list[tuple[int, dict]]], list[RowError]] | None = None
    agencies: Callable[[object], QuerySet] | None = None
    examples: list = field(default_factory=list)  # one example row of values, shown on the template's 说明 sheet


IMPORTS: dict[str, ListImport] = {}


def register(definition: ListImport) -> ListImport:
    IMPORTS[definition.name] = definition
    return definition


def _definition(name: str) -> ListImport:
    if name not in IMPORTS:
        raise NotFound(_("没有这种导入：%(name)s。") % {"name": name}, code="unknown_import", field="name")
    return IMPORTS[name]


def import_template(name: str) -> bytes:
    """The template: the header row to fill in, and a 说明 sheet saying what each column takes."""
    definition = _definition(name)
    columns = definition.columns()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(definition.title)[:31]
    sheet.append([str(c.header) for c in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.header) * 2 + 4)
    notes = workbook.create_sheet(_("说明"))
    notes.append([_("列"), _("必填"), _("说明"), _("示例")])
    examples = definition.examples or [""] * len(columns)
    for column, example in zip(columns, examples, strict=False):
        notes.append([str(column.header), _("是") if column.required else _("否"), _describe(column),
                      example if isinstance(example, int | float) else str(example)])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _describe(column: Column) -> str:
    text = {
        "text": _("文字"), "int": _("整数"), "date": _("日期，如 2026-03-31"), "money": _("金额（元），最多两位小数"),
        "uscc": _("18位统一社会信用代码"), "id_number": _("统一社会信用代码或居民身份证号码"),
        "choice": _("以下之一：%(c)s") % {"c": "、".join(str(label) for _v, label in column.choices)},
        "agency": _("单位全称（须为您可见的单位）"),
    }[column.kind]
    return f"{text}。{column.hint}" if column.hint else text


class _CellError(ValueError):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_DATE_FORMATS = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE_FORMATS.match(_text(value))
    if not match:
        raise _CellError(_("应为日期，如 2026-03-31。"))
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise _CellError(_("不是有效的日期。")) from None


def _money(value) -> Decimal:
    try:
        amount = Decimal(_text(value).replace(",", ""))
    except InvalidOperation:
        raise _CellError(_("应为金额（元），如 12000.50。")) from None
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
        raise _CellError(_("应为不小于零、最多两位小数的金额。"))
    return amount.quantize(CENT)


def _int(value) -> int:
    text = _text(value)
    if not re.fullmatch(r"\d+", text):
        raise _CellError(_("应为不小于零的整数。"))
    return int(text)


def _identifier(value, kinds: str) -> str:
    text = _text(value)
    if kinds == "id_number" and len(re.sub(r"\s", "", text)) == 18 and re.match(r"^\d{17}", text.replace(" ", "")):
        try:
            return check_resident_id(text)
        except InvalidIdentifier:
            pass  # may still be a USCC made of digits
    try:
        return check_uscc(text)
    except InvalidIdentifier as exc:
        raise _CellError(str(exc)) from None


def _choice(value, column: Column):
    text = _text(value)
    for key, label in column.choices:
        if text in (str(key), str(label)):
            return key
    raise _CellError(_("应为以下之一：%(c)s。") % {"c": "、".join(str(label) for _k, label in column.choices)})


def _cell(column: Column, value, agencies: dict):
    if column.kind == "text":
        text = _text(value)
        if column.max_length and len(text) > column.max_length:
            raise _CellError(_("不能超过 %(n)s 个字。") % {"n": column.max_length})
        return text
    if column.kind == "date":
        return _date(value)
    if column.kind == "money":
        return _money(value)
    if column.kind == "int":
        return _int(value)
    if column.kind in ("uscc", "id_number"):
        return _identifier(value, column.kind)
    if column.kind == "choice":
        return _choice(value, column)
    if column.kind == "agency":
        agency = agencies.get(_text(value))
        if agency is None:
            raise _CellError(_("单位“%(a)s”不存在或您无权查看。") % {"a": _text(value)})
        return agency
    raise ValueError(column.kind)


def _read(content: bytes, columns: list[Column]) -> list[tuple[int, tuple]]:
    """The data rows of the first sheet (row number, cells), after checking the header row."""
    if len(content) > MAX_BYTES:
        raise ValidationFailed(_("文件：不能超过 5 MB。"), code="file_too_large", field="file")
    try:
        sheet = load_workbook(BytesIO(content), read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    except Exception:  # openpyxl raises many kinds for a file that is not .xlsx
        raise ValidationFailed(_("文件：不是有效的 .xlsx 表格。"), code="bad_file", field="file") from None
    headers = [str(c.header) for c in columns]
    if not rows or [_text(c) for c in rows[0][:len(headers)]] != headers:
        raise ValidationFailed(_("文件：第一行应为模板的表头：%(h)s。") % {"h": "、".join(headers)},
                               code="bad_headers", field="file")
    data = [(number, tuple(row) + (None,) * (len(headers) - len(row)))
            for number, row in enumerate(rows[1:], start=2) if any(_text(c) for c in row[:len(headers)])]
    if len(data) > MAX_ROWS:
        raise ValidationFailed(_("文件：一次最多导入 %(n)s 行。") % {"n": MAX_ROWS}, code="too_many_rows", field="file")
    if not data:
        raise ValidationFailed(_("文件：没有数据行。"), code="no_rows", field="file")
    return data


def import_check(*, user, name: str, params: dict, content: bytes,
                 progress: Callable[[int], None] | None = None) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Every row parsed and checked: the rows (row number, values by key) and every error by row and column."""
    definition = _definition(name)
    columns = definition.columns()
    data = _read(content, columns)
    agencies = {}
    if any(c.kind == "agency" for c in columns) and definition.agencies is not None:
        for agency in definition.agencies(user):
            agencies[agency.name] = agency
    rows, errors = [], []
    for index, (number, cells) in enumerate(data, start=1):
        values = {}
        for column, value in zip(columns, cells, strict=False):
            if not _text(value) and not isinstance(value, date | datetime):
                if column.required:
                    errors.append(RowError(number, column.header, _("必填。")))
                values[column.key] = None if column.kind not in ("text",) else ""
                continue
            try:
                values[column.key] = _cell(column, value, agencies)
            except _CellError as exc:
                errors.append(RowError(number, column.header, str(exc)))
        rows.append((number, values))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index)
    if definition.check is not None:  # on every row: a value that failed its cell check is missing from it
        errors.extend(definition.check(user, params, rows))
    order = {str(c.header): index for index, c in enumerate(columns)}
    errors.sort(key=lambda e: (e.row, order.get(str(e.column), len(order))))
    return rows, errors


def _permitted(definition: ListImport, user, params: dict) -> None:
    if not definition.allowed(user, params):
        raise PermissionDenied(_("您不能进行这项导入。"))


def import_start(*, user, name: str, params: dict, filename: str, content: bytes) -> ImportJob:
    """Check the upload now; a file with errors is kept as an invalid job listing them (nothing is imported),
    a clean one is queued for the worker."""
    definition = _definition(name)
    _permitted(definition, user, params)
    rows, errors = import_check(user=user, name=name, params=params, content=content)
    with transaction.atomic():
        job = ImportJob.objects.create(user=user, name=name, params=params, filename=filename[:200],
                                       total=len(rows), errors=[e.as_dict() for e in errors[:500]],
                                       state=ImportJob.INVALID if errors else ImportJob.QUEUED)
        if errors:
            job.finished_at = timezone.now()
            job.save(update_fields=["finished_at"])
        else:
            job.file.save(f"{name}-{job.pk}.xlsx", ContentFile(content), save=True)
            from ipenforce.core.tasks import run_import

            transaction.on_commit(lambda: run_import.enqueue(job.pk))
        audit_append(actor=user, action="import.upload", target=job,
                     after={"name": name, "rows": len(rows), "errors": len(errors)})
    return job


def _progress(job: ImportJob, state: str):
    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(state=state, done=done)
    return report


def import_job_run(*, job_id: int) -> ImportJob:
    """On the worker: check every row again (the data may have changed since the upload), then write them all in
    one transaction — any error and nothing is written."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.state not in (ImportJob.QUEUED, ImportJob.CHECKING):
        return job
    definition = IMPORTS[job.name]
    _progress(job, ImportJob.CHECKING)(0)
    try:
        _permitted(definition, job.user, job.params)
        with job.file.open("rb") as handle:
            content = handle.read()
        rows, errors = import_check(user=job.user, name=job.name, params=job.params, content=content,
                                    progress=_progress(job, ImportJob.CHECKING))
        if errors:
            return _finish(job, ImportJob.FAILED, 0, errors)
        _progress(job, ImportJob.IMPORTING)(len(rows))
        with transaction.atomic():
            count = definition.save(job.user, job.params, [values for _n, values in rows])
            audit_append(actor=job.user, action="import.done", target=job, after={"name": job.name, "rows": count})
        return _finish(job, ImportJob.DONE, count, [])
    except ApplicationError as exc:
        return _finish(job, ImportJob.FAILED, 0, [RowError(0, exc.field or "", exc.message)])


def _finish(job: ImportJob, state: str, done: int, errors: list[RowError]) -> ImportJob:
    job.state, job.done, job.finished_at = state, done, timezone.now()
    job.errors = [e.as_dict() for e in errors[:500]]
    job.save(update_fields=["state", "done", "errors", "finished_at"])
    return job


def import_jobs(user) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(user=user)
