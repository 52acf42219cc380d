"""Account policy on every signed-in page: an expired password must be changed, a required second factor enrolled.
Both are decided without a query: the user row is loaded already, the enrolment duty is noted at sign-in.
And the idle timeout: a session's expiry is pushed forward at most once a minute, not written on every request."""
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from ipenforce.orgs.passwords import password_expired
from ipenforce.orgs.services.totp import totp_enrolled, totp_required

ALWAYS_ALLOWED = ("/accounts/", "/static/", "/i18n/", "/api/", "/oidc/")
ENROL_KEY = "ipenforce_totp_enrol"
SEEN_KEY = "ipenforce_seen"  # when the session's expiry was last pushed forward (seconds since the epoch)


@receiver(user_logged_in)
def _note_enrolment_duty(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        if totp_required(user) and not totp_enrolled(user):
            request.session[ENROL_KEY] = True
        else:
            request.session.pop(ENROL_KEY, None)


class AccountPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(ALWAYS_ALLOWED):
            if password_expired(user):
                return redirect(reverse("password_change"))
            if request.session.get(ENROL_KEY):
                return redirect(reverse("totp_setup"))
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """The session ends `SESSION_COOKIE_AGE` after its last use, give or take `SESSION_IDLE_REFRESH` seconds: a
    request marks the session used (one write, which sets its expiry) only when the last mark is older than that,
    so a page view does not write its session row every time (issue 20). Sits after SessionMiddleware, whose
    response phase saves what was marked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        seen = session.get(SEEN_KEY, 0)  # loads the session if nothing did; a stale cookie's is empty then
        now = int(time.time())
        # Never less often than twice per idle timeout, however short it is configured.
        refresh = min(settings.SESSION_IDLE_REFRESH, settings.SESSION_COOKIE_AGE // 2)
        if not session.is_empty() and (session.modified or now - seen >= refresh):
            session[SEEN_KEY] = now
        return response
