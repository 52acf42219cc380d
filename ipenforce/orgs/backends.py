"""Authentication backends: password login with throttling, the agency's switch for local passwords and the TOTP
second factor; and Django's `user.has_perm(...)` answered from roles, for apps below orgs that must not import it.

A refusal is left on the request (`login_refusal`: its code and, for a lock, `until`) for the login page and
the token endpoint to explain; a missing or wrong code counts as a failed attempt like a wrong password."""
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from ipenforce.orgs.models import User
from ipenforce.orgs.permissions import PERMISSIONS
from ipenforce.orgs.services.logins import client_address, login_failed, login_locked, login_succeeded
from ipenforce.orgs.services.totp import totp_enrolled, totp_required, totp_verify


class Refusal:
    def __init__(self, code: str, until=None):
        self.code, self.until = code, until


class ThrottledModelBackend(ModelBackend):
    def get_user(self, user_id):
        """The signed-in user of a request, with their agency and roles in the one query (issue 20)."""
        user = User.objects.for_request().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def authenticate(self, request, username=None, password=None, otp=None, **kwargs):
        if request is None or not username or password is None:
            return None
        address = client_address(request)
        lock = login_locked(username=username, address=address)
        if lock is not None:
            request.login_refusal = Refusal("account_locked", lock.until)
            raise PermissionDenied  # stops the other backends; the attempt neither counts nor extends the lock
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and user.agency_id and not user.agency.password_login:
            request.login_refusal = Refusal("password_login_disabled")
            return None
        refusal = None
        if user is not None and totp_required(user) and totp_enrolled(user) and not totp_verify(user, otp or ""):
            refusal, user = ("otp_required" if not otp else "invalid_otp"), None
        if user is None:
            lock = login_failed(username=username, address=address)
            request.login_refusal = Refusal("account_locked", lock.until) if lock else (
                Refusal(refusal) if refusal else None)
            return None
        login_succeeded(username=username, address=address)
        return user


class RolePermissionBackend:
    """Grants the permission names in `permissions.PERMISSIONS` by their rules; authenticates nobody."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        rule = PERMISSIONS.get(perm)
        return bool(rule and rule(user_obj))
