"""Single sign-on through the government unified identity platform (OpenID Connect, mozilla-django-oidc).

The identity platform says who someone is, never what they may do: a login maps one claim (IPENFORCE_OIDC_CLAIM)
to exactly one existing, active user — by username or by 执法证号 (IPENFORCE_OIDC_MATCH) — and changes nothing
about them. Nobody is created, no role or agency is taken from the claims. Each sign-in is audited."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ipenforce.core.audit import audit_append


class IpenforceOIDCBackend(OIDCAuthenticationBackend):
    def _value(self, claims) -> str:
        return str(claims.get(settings.OIDC_CLAIM) or "").strip()

    def verify_claims(self, claims):
        return bool(self._value(claims))

    def filter_users_by_claims(self, claims):
        value = self._value(claims)
        users = get_user_model().objects.filter(is_active=True)
        if not value:
            return users.none()
        if settings.OIDC_MATCH == "certificate_no":
            return users.filter(certificate_no=value)
        return users.filter(username__iexact=value)

    def describe_user_by_claims(self, claims):
        return f"{settings.OIDC_CLAIM} {self._value(claims)!r}"

    def create_user(self, claims):
        raise SuspiciousOperation("single sign-on never creates users")  # OIDC_CREATE_USER is off as well

    def update_user(self, user, claims):
        audit_append(actor=user, action="login.oidc", target=user,
                     after={"claim": settings.OIDC_CLAIM, "subject": str(claims.get("sub", ""))[:100]})
        return user
