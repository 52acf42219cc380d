"""Turn an action's raw payload (JSON from the API or strings from a form) into typed values, naming bad fields."""
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ipenforce.core.errors import ValidationFailed
from ipenforce.workflow.definitions import Field

MAX_TEXT = 5000
MAX_MONEY = Decimal("999999999999.99")


def _fail(field: Field, message: str, code: str = "invalid") -> ValidationFailed:
    return ValidationFailed(f"{field.label}：{message}", code=code, field=field.name)


def parse_money(value, field: Field) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise _fail(field, _("应为金额数字，例如 1234.50。")) from None
    if not amount.is_finite() or amount < 0 or amount > MAX_MONEY:
        raise _fail(field, _("金额应为非负数。"))
    if amount != amount.quantize(Decimal("0.01")):
        raise _fail(field, _("金额最多两位小数。"))
    return amount.quantize(Decimal("0.01"))


def parse_date(value, field: Field) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise _fail(field, _("日期格式应为 YYYY-MM-DD。")) from None


def _schedule(value, field: Field) -> list[dict]:
    """Instalments as a list of {"due_on", "amount"}, or lines of "YYYY-MM-DD 金额" from a form."""
    if isinstance(value, str):
        rows = []
        for line in value.splitlines():
            if line.strip():
                parts = line.split()
                if len(parts) != 2:
                    raise _fail(field, _("每行应为“日期 金额”，例如 2026-12-31 5000。"))
                rows.append({"due_on": parts[0], "amount": parts[1]})
        value = rows
    if not isinstance(value, list) or not value:
        raise _fail(field, _("至少填写一期。"))
    out = []
    for row in value:
        if not isinstance(row, dict) or "due_on" not in row or "amount" not in row:
            raise _fail(field, _("每期应包含 due_on 和 amount。"))
        out.append({"due_on": parse_date(row["due_on"], field), "amount": parse_money(row["amount"], field)})
    return sorted(out, key=lambda r: r["due_on"])


def _users(value, field: Field) -> list[int]:
    if isinstance(value, str):
        value = [v for v in value.replace("，", ",").split(",") if v.strip()]
    if not isinstance(value, list):
        raise _fail(field, _("应为用户编号列表。"))
    try:
        return sorted({int(v) for v in value})
    except (TypeError, ValueError):
        raise _fail(field, _("应为用户编号列表。")) from None


def parse_payload(fields: tuple[Field, ...], data: dict) -> dict:
    out = {}
    for field in fields:
        value = data.get(field.name)
        if field.kind == "bool":
            out[field.name] = value in (True, "true", "on", "1", 1)
            continue
        if value is None or value == "" or value == []:
            if field.required:
                raise _fail(field, _("此项必填。"), "required")
            out[field.name] = None
            continue
        if field.kind == "text":
            text = str(value).strip()
            if field.required and not text:
                raise _fail(field, _("此项必填。"), "required")
            if len(text) > MAX_TEXT:
                raise _fail(field, _("不能超过 %(n)s 个字。") % {"n": MAX_TEXT})
            out[field.name] = text
        elif field.kind == "money":
            out[field.name] = parse_money(value, field)
        elif field.kind == "date":
            out[field.name] = parse_date(value, field)
        elif field.kind == "choice":
            allowed = [str(key) for key, _label in field.choices]
            if str(value) not in allowed:
                raise _fail(field, _("应为以下之一：%(values)s。") % {"values": "、".join(allowed)}, "invalid_choice")
            out[field.name] = str(value)
        elif field.kind == "agency":
            try:
                out[field.name] = int(value)
            except (TypeError, ValueError):
                raise _fail(field, _("应为单位编号。")) from None
        elif field.kind == "users":
            out[field.name] = _users(value, field)
        elif field.kind == "schedule":
            out[field.name] = _schedule(value, field)
    return out
