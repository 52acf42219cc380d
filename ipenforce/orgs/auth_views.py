"""Sign-in, password change and the TOTP enrolment pages; the checks themselves live in the backend and services."""
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error
from ipenforce.orgs.middleware import ENROL_KEY
from ipenforce.orgs.services import user_set_password
from ipenforce.orgs.services.totp import totp_begin, totp_confirm, totp_device, totp_required

REFUSALS = {
    "password_login_disabled": gettext_lazy("本单位已关闭本地密码登录，请通过统一身份认证登录。"),
    "otp_required": gettext_lazy("请输入动态口令。"),
    "invalid_otp": gettext_lazy("动态口令不正确。"),
}


class LoginForm(AuthenticationForm):
    otp = forms.CharField(label=gettext_lazy("动态口令"), required=False, max_length=10)
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": gettext_lazy("用户名或密码错误。")}

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(self.request, username=username, password=password,
                                           otp=self.cleaned_data.get("otp") or None)
            if self.user_cache is None:
                refusal = getattr(self.request, "login_refusal", None)
                if refusal is not None and refusal.code in REFUSALS:
                    raise forms.ValidationError(REFUSALS[refusal.code], code=refusal.code)
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["sso_failed"] = self.request.GET.get("sso") == "failed"
        return context

    def form_invalid(self, form):
        refusal = getattr(self.request, "login_refusal", None)
        if refusal is not None and refusal.code == "account_locked":
            return render(self.request, "registration/locked_out.html", {"until": refusal.until}, status=429)
        return super().form_invalid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's form checks the current password; the service sets the new one, ends the user's tokens and
    other sessions and writes the audit event; this session stays signed in."""

    form_class = PasswordChangeForm

    def form_valid(self, form):
        try:
            user_set_password(actor=self.request.user, user=self.request.user,
                              current_password=form.cleaned_data["old_password"],
                              password=form.cleaned_data["new_password1"])
        except ApplicationError as exc:
            form.add_error("new_password1", exc.message)
            return self.form_invalid(form)
        self.request.user.refresh_from_db()
        update_session_auth_hash(self.request, self.request.user)
        return redirect(self.get_success_url())


def single_sign_on(view_class):
    """mozilla-django-oidc's view, answering 404 while single sign-on is not configured."""
    view = view_class.as_view()

    def wrapper(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


class TotpConfirmForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("动态口令"), max_length=10)


@login_required
def totp_setup(request):
    """Enrol an authenticator app: a new secret, then the first code from it confirms the device."""
    device = totp_device(request.user)
    form = TotpConfirmForm(request.POST or None)
    uri = None
    if request.method == "POST" and "start" in request.POST:
        try:
            device, uri = totp_begin(user=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        form = TotpConfirmForm()
    elif request.method == "POST" and form.is_valid():
        try:
            totp_confirm(user=request.user, code=form.cleaned_data["code"])
            request.session.pop(ENROL_KEY, None)
            messages.success(request, _("动态口令已启用，今后登录时需要输入。"))
            return redirect("orgs:profile")
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "registration/totp_setup.html", {
        "device": device, "uri": uri, "form": form, "required": totp_required(request.user),
    })
