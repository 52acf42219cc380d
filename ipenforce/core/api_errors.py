"""Pydantic validation errors as the API's error shape, with Chinese messages naming the field."""
from django.utils.translation import gettext as _

WRAPPERS = {"body", "query", "path", "form", "payload", "filters"}


def _message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("此字段为必填项。")
    if kind == "string_too_short":
        return _("长度不能少于%(n)s个字符。") % {"n": ctx.get("min_length")}
    if kind == "string_too_long":
        return _("长度不能超过%(n)s个字符。") % {"n": ctx.get("max_length")}
    if kind.startswith("int_"):
        return _("必须是整数。")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("日期格式应为 YYYY-MM-DD（时间为 ISO 8601）。")
    if kind.startswith("bool"):
        return _("必须是 true 或 false。")
    if kind in ("literal_error", "enum"):
        return _("取值无效，可选值：%(expected)s。") % {"expected": ctx.get("expected", "")}
    if kind == "string_pattern_mismatch":
        return _("格式不正确。")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()), "")
        symbol = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}[kind]
        return _("必须%(symbol)s %(bound)s。") % {"symbol": symbol, "bound": bound}
    if kind == "extra_forbidden":
        return _("不允许的字段。")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("请求体必须是 JSON 对象。")
    if kind == "list_type":
        return _("必须是列表。")
    if kind.startswith("string"):
        return _("必须是字符串。")
    return _("取值无效。")


def _field(loc) -> str | None:
    parts = [str(p) for p in loc if str(p) not in WRAPPERS]
    return ".".join(parts) or None


def validation_error_body(errors: list[dict]) -> dict:
    items = [{"field": _field(e.get("loc", ())), "message": _message(e), "type": e.get("type", "")} for e in errors]
    first = items[0] if items else {"field": None, "message": _("取值无效。")}
    message = f"{first['field']}：{first['message']}" if first["field"] else first["message"]
    return {"code": "validation_error", "message": message, "field": first["field"], "errors": items}
