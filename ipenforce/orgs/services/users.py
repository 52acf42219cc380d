"""Creating users, changing their agency, roles, certificate and status, and setting passwords."""
import re
from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ipenforce.core.audit import audit_append, snapshot
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed
from ipenforce.orgs.choices import ROLES_BY_KIND, Role
from ipenforce.orgs.models import Agency, ApiToken, RoleGrant, User
from ipenforce.orgs.reminders import certificate_reminder_sync
from ipenforce.orgs.selectors import manageable_agencies, manageable_users

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{3,150}$")
AUDIT_FIELDS = [
    "username", "full_name", "agency", "phone", "email", "is_active",
    "certificate_no", "certificate_valid_from", "certificate_valid_to",
]


def _audit_state(user: User) -> dict:
    state = snapshot(user, AUDIT_FIELDS)
    state["roles"] = sorted(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    return state


def _check_roles(roles: list[str], agency: Agency) -> list[str]:
    if not roles:
        raise ValidationFailed("至少选择一个角色。", code="required", field="roles")
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise ValidationFailed(f"角色“{unknown[0]}”不存在。", code="invalid_choice", field="roles")
    allowed = ROLES_BY_KIND[agency.kind]
    refused = [r for r in roles if r not in allowed]
    if refused:
        raise ValidationFailed(
            f"{agency.get_kind_display()}的用户不能担任“{Role(refused[0]).label}”。", code="role_not_allowed",
            field="roles",
        )
    return sorted(set(roles))


def _check_certificate(number: str, valid_from: date | None, valid_to: date | None) -> str:
    number = (number or "").strip()
    if len(number) > 40:
        raise ValidationFailed("执法证号不能超过40个字符。", code="too_long", field="certificate_no")
    if number and (valid_from is None or valid_to is None):
        field = "certificate_valid_from" if valid_from is None else "certificate_valid_to"
        raise ValidationFailed("填写执法证号时必须填写有效期起止日期。", code="required", field=field)
    if not number and (valid_from or valid_to):
        raise ValidationFailed("填写有效期时必须填写执法证号。", code="required", field="certificate_no")
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationFailed("执法证有效期止不能早于有效期起。", code="invalid_range", field="certificate_valid_to")
    return number


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationFailed(exc.messages[0], code="weak_password", field="password") from exc


def _revoke_credentials(user: User) -> int:
    """End every token and session of the user (sessions through the auth epoch); returns the tokens revoked."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    User.objects.filter(pk=user.pk).update(auth_epoch=F("auth_epoch") + 1)
    user.refresh_from_db(fields=["auth_epoch"])
    return revoked


def _check_short(value: str, field: str, label: str, max_length: int) -> str:
    value = (value or "").strip()
    if len(value) > max_length:
        raise ValidationFailed(f"{label}不能超过{max_length}个字符。", code="too_long", field=field)
    return value


def _require_agency(actor: User, agency: Agency | None) -> Agency:
    if agency is None:
        raise ValidationFailed("必须选择所属单位。", code="required", field="agency")
    if not manageable_agencies(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied(f"您无权管理“{agency.name}”的用户。", field="agency")
    if not agency.is_active:
        raise ValidationFailed(f"单位“{agency.name}”已停用。", code="agency_inactive", field="agency")
    return agency


def _set_roles(user: User, roles: list[str]) -> None:
    RoleGrant.objects.filter(user=user).exclude(role__in=roles).delete()
    existing = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=r) for r in roles if r not in existing])
    user._role_set = frozenset(roles)


@transaction.atomic
def user_create(*, actor: User, username: str, password: str, agency: Agency | None, roles: list[str],
                full_name: str = "", phone: str = "", email: str = "", certificate_no: str = "",
                certificate_valid_from: date | None = None, certificate_valid_to: date | None = None) -> User:
    agency = _require_agency(actor, agency)
    username = (username or "").strip()
    if not USERNAME_RE.match(username):
        raise ValidationFailed("用户名应为3至150位字母、数字或 _.@- 字符。", code="invalid_username", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(f"用户名“{username}”已被使用。", code="duplicate_username", field="username")
    roles = _check_roles(roles, agency)
    user = User(
        username=username,
        full_name=_check_short(full_name, "full_name", "姓名", 50),
        phone=_check_short(phone, "phone", "联系电话", 30),
        email=_check_short(email, "email", "电子邮箱", 254),
        agency=agency,
        certificate_no=_check_certificate(certificate_no, certificate_valid_from, certificate_valid_to),
        certificate_valid_from=certificate_valid_from,
        certificate_valid_to=certificate_valid_to,
    )
    _check_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent request took the name between the check and the insert
        raise Conflict(f"用户名“{username}”已被使用。", code="duplicate_username", field="username") from exc
    _set_roles(user, roles)
    audit_append(actor=actor, action="user.create", target=user, after=_audit_state(user))
    certificate_reminder_sync(user, actor=actor)
    return user


def _require_manageable_user(actor: User, user: User) -> User:
    locked = manageable_users(actor).select_for_update().filter(pk=user.pk).first()
    if locked is None:
        raise PermissionDenied("您无权管理该用户。", field="id")
    return locked


@transaction.atomic
def user_update(*, actor: User, user: User, changes: dict) -> User:
    """Apply `changes` (any of full_name, phone, email, agency, roles, is_active and the certificate fields)."""
    user = _require_manageable_user(actor, user)
    before = _audit_state(user)
    agency = user.agency
    if "agency" in changes and changes["agency"] != user.agency:
        agency = _require_agency(actor, changes["agency"])
    roles = changes.get("roles", before["roles"])
    roles = _check_roles(roles, agency)
    if "is_active" in changes and not changes["is_active"] and user.pk == actor.pk:
        raise ValidationFailed("不能停用自己的账号。", code="cannot_deactivate_self", field="is_active")
    drops_own_admin = Role.SYSADMIN in before["roles"] and Role.SYSADMIN not in roles
    if user.pk == actor.pk and drops_own_admin and not actor.is_superuser:
        raise ValidationFailed("不能取消自己的系统管理员角色。", code="cannot_demote_self", field="roles")
    number = changes.get("certificate_no", user.certificate_no)
    valid_from = changes.get("certificate_valid_from", user.certificate_valid_from)
    valid_to = changes.get("certificate_valid_to", user.certificate_valid_to)
    user.certificate_no = _check_certificate(number, valid_from, valid_to)
    user.certificate_valid_from, user.certificate_valid_to = valid_from, valid_to
    for field, label, max_length in (("full_name", "姓名", 50), ("phone", "联系电话", 30), ("email", "电子邮箱", 254)):
        if field in changes:
            setattr(user, field, _check_short(changes[field], field, label, max_length))
    user.agency = agency
    user.is_active = changes.get("is_active", user.is_active)
    user.save()
    _set_roles(user, roles)
    after = _audit_state(user)
    if before["is_active"] and not user.is_active:  # deactivation ends tokens and sessions for good
        after["tokens_revoked"] = _revoke_credentials(user)
    if after != before:
        audit_append(actor=actor, action="user.update", target=user, before=before, after=after)
    certificate_reminder_sync(user, actor=actor)
    return user


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str, current_password: str | None = None) -> int:
    """A user changes their own password (the current one required), or an administrator resets another's.
    Either way every API token and every other session of the user ends; returns the tokens revoked."""
    if user.pk == actor.pk:
        user = User.objects.select_for_update().get(pk=user.pk)
        if not current_password or not user.check_password(current_password):
            raise ValidationFailed("当前密码不正确。", code="wrong_current_password", field="current_password")
        action = "user.change_password"
    else:
        user = _require_manageable_user(actor, user)
        action = "user.reset_password"
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password", "password_changed_at"])
    revoked = _revoke_credentials(user)
    audit_append(actor=actor, action=action, target=user, after={"tokens_revoked": revoked})
    return revoked
