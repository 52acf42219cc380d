"""The optional second factor: TOTP (RFC 6238) devices through pyotp, and the roles that must use one."""
import pyotp
from django.db import transaction
from django.utils import timezone

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import RoleSecurityPolicy, TotpDevice, User
from ipenforce.orgs.permissions import can_administer
from ipenforce.orgs.selectors import manageable_users

ISSUER = "ipenforce"


def totp_device(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user).first()


def totp_required(user: User) -> bool:
    """Whether the user must give a code: a confirmed device, or a role whose policy requires one."""
    device = totp_device(user)
    if device is not None and device.confirmed_at is not None:
        return True
    return RoleSecurityPolicy.objects.filter(role__in=user.role_set, require_totp=True).exists()


def totp_enrolled(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def totp_verify(user: User, code: str) -> bool:
    """Check a code against the user's confirmed device; each time step is accepted once (no replay)."""
    code = (code or "").strip()
    if not code.isdigit():
        return False
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        return device is not None and _accept(device, code)


def _accept(device: TotpDevice, code: str) -> bool:
    totp = pyotp.TOTP(device.secret)
    now = timezone.now()
    for drift in (0, -1, 1):  # one step either side for clock skew
        at = now.timestamp() + drift * totp.interval
        counter = int(at // totp.interval)
        if counter > device.last_counter and totp.verify(code, for_time=at):
            device.last_counter = counter
            device.save(update_fields=["last_counter"])
            return True
    return False


@transaction.atomic
def totp_begin(*, user: User) -> tuple[TotpDevice, str]:
    """Start (or restart) enrolment: a new secret, unconfirmed until a code from it is given."""
    device = totp_device(user)
    if device is not None and device.confirmed_at is not None:
        raise ValidationFailed("已启用动态口令；如需更换，请先由管理员重置。", code="totp_already_enabled",
                               field="code")
    secret = pyotp.random_base32()
    device, _created = TotpDevice.objects.update_or_create(user=user, defaults={"secret": secret, "last_counter": 0})
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)
    return device, uri


@transaction.atomic
def totp_confirm(*, user: User, code: str) -> TotpDevice:
    device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
    if device is None:
        raise ValidationFailed("请先生成动态口令密钥。", code="totp_not_started", field="code")
    if not _accept(device, (code or "").strip()):
        raise ValidationFailed("动态口令不正确。", code="invalid_otp", field="code")
    device.confirmed_at = timezone.now()
    device.save(update_fields=["confirmed_at"])
    audit_append(actor=user, action="user.totp_enable", target=user)
    return device


@transaction.atomic
def totp_reset(*, actor: User, user: User) -> None:
    """An administrator removes a user's device (lost phone); the user enrols again at the next login."""
    if not manageable_users(actor).filter(pk=user.pk).exists():
        raise PermissionDenied("您无权管理该用户。", field="id")
    deleted, _ = TotpDevice.objects.filter(user=user).delete()
    audit_append(actor=actor, action="user.totp_reset", target=user, after={"removed": bool(deleted)})


def may_set_policies(actor: User) -> bool:
    return actor.is_superuser or (can_administer(actor) and actor.agency.parent_id is None)


@transaction.atomic
def role_policy_set(*, actor: User, role: str, require_totp: bool) -> RoleSecurityPolicy:
    if not may_set_policies(actor):
        raise PermissionDenied("只有超级管理员或顶级单位的系统管理员可以设置角色安全策略。", field="role")
    if role not in Role.values:
        raise ValidationFailed(f"角色“{role}”不存在。", code="invalid_choice", field="role")
    policy, _created = RoleSecurityPolicy.objects.select_for_update().get_or_create(role=role)
    before = {"require_totp": policy.require_totp}
    policy.require_totp = require_totp
    policy.save()
    audit_append(actor=actor, action="security.role_policy", target=policy, before=before,
                 after={"require_totp": require_totp})
    return policy
