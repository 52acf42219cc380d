"""Account policy on every signed-in page: an expired password must be changed, a required second factor enrolled.
Both are decided without a query: the user row is loaded already, the enrolment duty is noted at sign-in."""
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from ipenforce.orgs.passwords import password_expired
from ipenforce.orgs.services.totp import totp_enrolled, totp_required

ALWAYS_ALLOWED = ("/accounts/", "/static/", "/i18n/", "/api/", "/oidc/")
ENROL_KEY = "ipenforce_totp_enrol"


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
