"""Issuing, revoking and checking API bearer tokens (stored as SHA-256 digests)."""
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import NotAuthenticated, PermissionDenied, ValidationFailed
from ipenforce.orgs.models import ApiToken, User, role_list
from ipenforce.orgs.selectors import manageable_users

TOKEN_PREFIX = "ipe"
LAST_USED_RESOLUTION = timedelta(minutes=5)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_issue(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token; the returned string is the only time the token itself exists outside the caller."""
    name = (name or "").strip() or "API"
    if len(name) > 60:
        raise ValidationFailed("令牌名称不能超过60个字符。", code="too_long", field="name")
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= 366:
        raise ValidationFailed("有效天数应在1至366之间。", code="out_of_range", field="days")
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, digest=_digest(raw), expires_at=timezone.now() + timedelta(days=days)
    )
    audit_append(actor=user, action="token.issue", target=token,
                 after={"name": name, "prefix": prefix, "expires_at": token.expires_at})
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk and not manageable_users(actor).filter(pk=token.user_id).exists():
        raise PermissionDenied("您无权吊销该令牌。", field="id")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_append(actor=actor, action="token.revoke", target=token, after={"revoked_at": token.revoked_at})
    return token


def token_authenticate(raw: str) -> User:
    """The active user a bearer token belongs to, or NotAuthenticated with a code saying why not."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise NotAuthenticated("令牌格式不正确。", code="invalid_token")
    token = (ApiToken.objects.select_related("user", "user__agency").annotate(user_roles=role_list("user_id"))
             .filter(prefix=parts[1]).first())
    if token is None or not secrets.compare_digest(token.digest, _digest(raw)):
        raise NotAuthenticated("令牌无效。", code="invalid_token")
    now = timezone.now()
    if not token.user.is_active:
        raise NotAuthenticated("账号已停用。", code="user_inactive")
    if token.revoked_at is not None:
        raise NotAuthenticated("令牌已被吊销。", code="token_revoked")
    if token.expires_at <= now:
        raise NotAuthenticated("令牌已过期。", code="token_expired")
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.user.role_list = token.user_roles  # its roles, read in the same query (User.role_set)
    return token.user
