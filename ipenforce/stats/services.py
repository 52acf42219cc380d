"""Writes of the statistics app: an administrator sets a year's assessment weights and targets."""
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.stats.indicators import BY_CODE, PERCENT
from ipenforce.stats.models import AssessmentScheme, AssessmentWeight
from ipenforce.stats.permissions import may_configure_assessment

MAX_WEIGHT = Decimal(100)


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationFailed(_("应为数字。"), code="invalid_number", field=field) from None
    if not number.is_finite() or number < 0:
        raise ValidationFailed(_("不能为负数。"), code="negative", field=field)
    if number >= Decimal("1e12") or number != number.quantize(Decimal("0.01")):
        raise ValidationFailed(_("最多两位小数，且不超过一万亿。"), code="invalid_number", field=field)
    return number


def _clean_weights(weights: list[dict]) -> list[dict]:
    cleaned, seen = [], set()
    for n, item in enumerate(weights):
        prefix = f"weights[{n}]"
        code = item.get("indicator")
        if code not in BY_CODE:
            raise ValidationFailed(_("没有这个考核指标：%(code)s。") % {"code": code}, code="unknown_indicator",
                                   field=f"{prefix}.indicator")
        if code in seen:
            raise ValidationFailed(_("指标重复：%(code)s。") % {"code": code}, code="duplicate_indicator",
                                   field=f"{prefix}.indicator")
        seen.add(code)
        row = {"indicator": code, **{k: _decimal(item.get(k, 0), f"{prefix}.{k}")
                                     for k in ("weight", "unit_target", "officer_target")}}
        if BY_CODE[code].measure == PERCENT and max(row["unit_target"], row["officer_target"]) > 100:
            raise ValidationFailed(_("比例指标的目标值不能超过100。"), code="rate_above_100",
                                   field=f"{prefix}.unit_target")
        cleaned.append(row)
    total = sum((w["weight"] for w in cleaned), Decimal(0))
    if total != MAX_WEIGHT:
        raise ValidationFailed(_("各指标权重之和须为100（现为%(total)s）。") % {"total": total}, code="weights_not_100",
                               field="weights")
    return cleaned


def assessment_scheme_save(*, actor, year: int, stale_approval_days: int, weights: list[dict]) -> AssessmentScheme:
    """Create or replace the weights and targets of `year`; the old values stay in the audit log."""
    if not may_configure_assessment(actor):
        raise PermissionDenied(_("只有系统管理员可以设置考核权重和目标。"), code="assessment_admin_only")
    if not 2000 <= year <= 2100:
        raise ValidationFailed(_("年度应在2000至2100之间。"), code="invalid_year", field="year")
    if not isinstance(stale_approval_days, int) or not 1 <= stale_approval_days <= 365:
        raise ValidationFailed(_("审批超时天数应为1至365的整数。"), code="invalid_days", field="stale_approval_days")
    cleaned = _clean_weights(weights)
    with transaction.atomic():
        scheme = AssessmentScheme.objects.select_for_update().filter(year=year).first()
        before = _snapshot(scheme) if scheme else None
        if scheme is None:
            scheme = AssessmentScheme(year=year)
        scheme.stale_approval_days, scheme.updated_by = stale_approval_days, actor
        scheme.save()
        scheme.weights.all().delete()
        AssessmentWeight.objects.bulk_create(AssessmentWeight(scheme=scheme, **w) for w in cleaned)
        audit_append(actor=actor, action="assessment_scheme.save", target=scheme, before=before,
                     after=_snapshot(scheme))
    return scheme


def _snapshot(scheme: AssessmentScheme) -> dict:
    return {"year": scheme.year, "stale_approval_days": scheme.stale_approval_days,
            "weights": [{"indicator": w.indicator, "weight": str(w.weight), "unit_target": str(w.unit_target),
                         "officer_target": str(w.officer_target)} for w in scheme.weights.order_by("indicator")]}
