"""Login throttling: failures counted per account and address, per address and per account, with locks that
double in length each time; administrators unlock; locks and unlocks are audited."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.orgs.models import LoginThrottle, User
from ipenforce.orgs.permissions import can_administer
from ipenforce.orgs.selectors import manageable_users

MAX_LOCK = timedelta(hours=24)


def client_address(request) -> str:
    """The caller's address: REMOTE_ADDR, or behind our TLS proxy the last X-Forwarded-For hop (the proxy adds it)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1][:200]
    return (request.META.get("REMOTE_ADDR") or "unknown")[:200]


def _keys(username: str, address: str) -> list[tuple[str, str, int, bool]]:
    """(scope, key, failure limit, whether locks grow) for one login attempt."""
    account = username.strip().lower()[:150]
    return [
        (LoginThrottle.PAIR, f"{account}|{address}", settings.LOGIN_FAILURE_LIMIT, True),
        (LoginThrottle.ADDRESS, address, settings.LOGIN_ADDRESS_FAILURE_LIMIT, True),
        # Guessing one account from many addresses: a fixed lock, so an attacker holding the account locked
        # must keep spending fresh addresses, each of which locks itself for longer and longer.
        (LoginThrottle.ACCOUNT, account, settings.LOGIN_ACCOUNT_FAILURE_LIMIT, False),
    ]


@dataclass(frozen=True)
class Lock:
    scope: str
    until: datetime


def login_locked(*, username: str, address: str) -> Lock | None:
    """The lock that refuses this attempt now, if any (the latest-ending one)."""
    now = timezone.now()
    query = Q()
    for scope, key, _limit, _grows in _keys(username, address):
        query |= Q(scope=scope, key=key)
    row = LoginThrottle.objects.filter(query, locked_until__gt=now).order_by("-locked_until").first()
    return Lock(row.scope, row.locked_until) if row else None


def _lock_length(lockouts: int, grows: bool) -> timedelta:
    base = settings.LOGIN_LOCKOUT
    return min(base * (2 ** (lockouts - 1)), MAX_LOCK) if grows else base


@transaction.atomic
def login_failed(*, username: str, address: str) -> Lock | None:
    """Count a failed attempt (not made while locked); returns the lock it started, if any."""
    now = timezone.now()
    started = None
    for scope, key, limit, grows in _keys(username, address):
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(scope=scope, key=key)
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= limit:
            row.lockouts += 1
            row.failures = 0
            row.locked_until = now + _lock_length(row.lockouts, grows)
            if started is None or row.locked_until > started.until:
                started = Lock(scope, row.locked_until)
            user = User.objects.filter(username__iexact=username).first() if scope != LoginThrottle.ADDRESS else None
            audit_append(actor=None, action="login.locked", target=user, target_type="orgs.loginthrottle",
                         target_id=key[:64], target_label=key[:255],
                         after={"scope": scope, "address": address, "username": username[:150],
                                "lockouts": row.lockouts, "until": row.locked_until})
        row.save()
    return started


def login_succeeded(*, username: str, address: str) -> None:
    """A right password from here clears this account's counts from this address (the address keeps its own)."""
    account = username.strip().lower()[:150]
    LoginThrottle.objects.filter(scope=LoginThrottle.PAIR, key=f"{account}|{address}").delete()
    LoginThrottle.objects.filter(scope=LoginThrottle.ACCOUNT, key=account).update(failures=0)


@transaction.atomic
def login_unlock(*, actor: User, user: User | None = None, address: str = "") -> int:
    """An administrator lifts the locks of a user (from every address) or of an address; returns how many."""
    if user is None and not address:
        raise ValidationFailed("请指定要解锁的用户或地址。", code="required", field="username")
    if user is not None and not manageable_users(actor).filter(pk=user.pk).exists():
        raise PermissionDenied("您无权管理该用户。", field="id")
    if address and not (actor.is_superuser or can_administer(actor)):
        raise PermissionDenied("只有管理员可以解锁地址。", field="address")
    query = Q(pk__in=[])
    if user is not None:
        account = user.username.lower()
        query |= (Q(scope=LoginThrottle.ACCOUNT, key=account)
                  | Q(scope=LoginThrottle.PAIR, key__startswith=f"{account}|"))
    if address:
        query |= Q(scope=LoginThrottle.ADDRESS, key=address) | Q(scope=LoginThrottle.PAIR, key__endswith=f"|{address}")
    rows = LoginThrottle.objects.filter(query)
    count = rows.count()
    rows.delete()
    audit_append(actor=actor, action="login.unlock", target=user, target_type="orgs.loginthrottle",
                 target_id=address[:64], target_label=address, after={"address": address, "rows": count})
    return count
