"""Creating and changing agencies, keeping the materialised path, levels, kinds and region codes consistent."""
import uuid

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from ipenforce.core.audit import audit_append, snapshot
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed
from ipenforce.orgs.choices import LEVEL_ORDER, ROLES_BY_KIND, AgencyKind, AgencyLevel
from ipenforce.orgs.models import PATH_STEP, Agency, RoleGrant, User, region_code_validator
from ipenforce.orgs.selectors import manageable_agencies

AUDIT_FIELDS = ["parent", "kind", "level", "region_code", "name", "short_name", "is_active", "password_login"]


def _check_text(value: str, field: str, label: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(f"{label}不能为空。", code="required", field=field)
    if len(value) > max_length:
        raise ValidationFailed(f"{label}不能超过{max_length}个字符。", code="too_long", field=field)
    return value


def _check_fields(*, parent: Agency | None, kind: str, level: str, region_code: str, exclude_pk=None,
                  name: str) -> None:
    if kind not in AgencyKind.values:
        raise ValidationFailed(f"单位类型“{kind}”不存在。", code="invalid_choice", field="kind")
    if level not in AgencyLevel.values:
        raise ValidationFailed(f"层级“{level}”不存在。", code="invalid_choice", field="level")
    if not region_code_validator.regex.match(region_code or ""):
        raise ValidationFailed("行政区划代码应为6位数字（GB/T 2260）。", code="invalid_region_code",
                               field="region_code")
    if Agency.objects.filter(name=name).exclude(pk=exclude_pk).exists():
        raise Conflict(f"单位名称“{name}”已被使用。", code="duplicate_name", field="name")
    if parent is None:
        return
    if not parent.is_active:
        raise ValidationFailed(f"上级单位“{parent.name}”已停用。", code="parent_inactive", field="parent")
    if parent.kind != kind:
        raise ValidationFailed(
            f"下级单位的类型必须与上级单位相同（{parent.get_kind_display()}）。", code="kind_mismatch", field="kind"
        )
    if LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(parent.level):
        raise ValidationFailed(
            _("下级单位的层级必须低于上级单位（%(level)s）。") % {"level": parent.get_level_display()},
            code="level_not_below_parent", field="level"
        )
    if not region_code.startswith(parent.jurisdiction_prefix):
        raise ValidationFailed(
            f"行政区划代码必须在上级单位辖区（{parent.jurisdiction_prefix}）内。", code="region_outside_parent",
            field="region_code",
        )


def _require_manageable(actor, agency: Agency | None, field: str) -> None:
    if agency is None:
        if not actor.is_superuser:
            raise PermissionDenied("只有超级管理员可以创建顶级单位。", field=field)
        return
    if not manageable_agencies(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied(f"您无权管理“{agency.name}”。", field=field)


@transaction.atomic
def agency_create(*, actor: User, parent: Agency | None, kind: str, level: str, region_code: str, name: str,
                  short_name: str) -> Agency:
    _require_manageable(actor, parent, "parent")
    name = _check_text(name, "name", "单位名称", 100)
    short_name = _check_text(short_name, "short_name", "文号简称", 20)
    _check_fields(parent=parent, kind=kind, level=level, region_code=region_code, name=name)
    agency = Agency.objects.create(
        parent=parent, kind=kind, level=level, region_code=region_code, name=name, short_name=short_name,
        path=f"new-{uuid.uuid4().hex}",
    )
    agency.path = f"{parent.path if parent else ''}{agency.pk:0{PATH_STEP}d}."
    agency.save(update_fields=["path"])
    audit_append(actor=actor, action="agency.create", target=agency, after=snapshot(agency, AUDIT_FIELDS))
    return agency


def _move_subtree(agency: Agency, new_parent: Agency | None) -> None:
    old_path = agency.path
    new_path = f"{new_parent.path if new_parent else ''}{agency.pk:0{PATH_STEP}d}."
    if new_path == old_path:
        return
    Agency.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )
    agency.path = new_path


@transaction.atomic
def agency_update(*, actor: User, agency: Agency, changes: dict) -> Agency:
    """Apply `changes` (any of parent, kind, level, region_code, name, short_name, is_active, password_login)."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    _require_manageable(actor, agency, "id")
    before = snapshot(agency, AUDIT_FIELDS)
    parent = changes.get("parent", agency.parent)
    if "parent" in changes:
        if parent is not None and parent.path.startswith(agency.path):
            raise ValidationFailed("不能把单位移到它自己或它的下级单位之下。", code="parent_cycle", field="parent")
        if parent != agency.parent:
            _require_manageable(actor, parent, "parent")
    name = _check_text(changes.get("name", agency.name), "name", "单位名称", 100)
    short_name = _check_text(changes.get("short_name", agency.short_name), "short_name", "文号简称", 20)
    kind = changes.get("kind", agency.kind)
    level = changes.get("level", agency.level)
    region_code = changes.get("region_code", agency.region_code)
    _check_fields(parent=parent, kind=kind, level=level, region_code=region_code, exclude_pk=agency.pk, name=name)
    children = agency.children.all()
    if any(kind != child.kind for child in children):
        raise ValidationFailed("单位类型必须与其下级单位一致。", code="kind_mismatch", field="kind")
    if any(LEVEL_ORDER.index(child.level) <= LEVEL_ORDER.index(level) for child in children):
        raise ValidationFailed("层级必须高于其下级单位。", code="level_not_above_children", field="level")
    if kind != agency.kind:
        allowed = ROLES_BY_KIND[kind]
        if RoleGrant.objects.filter(user__agency=agency).exclude(role__in=allowed).exists():
            raise ValidationFailed("该单位有用户持有新单位类型不允许的角色，请先调整用户角色。",
                                   code="role_not_allowed", field="kind")
    is_active = changes.get("is_active", agency.is_active)
    if agency.is_active and not is_active:
        if agency.users.filter(is_active=True).exists() or agency.children.filter(is_active=True).exists():
            raise ValidationFailed("单位下仍有启用的用户或下级单位，不能停用。", code="agency_in_use",
                                   field="is_active")
    if parent != agency.parent:
        _move_subtree(agency, parent)
    agency.parent = parent
    agency.name, agency.short_name, agency.kind, agency.level = name, short_name, kind, level
    agency.region_code, agency.is_active = region_code, is_active
    agency.password_login = changes.get("password_login", agency.password_login)
    agency.save()
    after = snapshot(agency, AUDIT_FIELDS)
    if after != before:
        audit_append(actor=actor, action="agency.update", target=agency, before=before, after=after)
    return agency
