"""URL map: pages, the API under /api/v1/, Django's admin for superusers."""
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from config.api import api
from ipenforce.orgs import auth_views as account_views

urlpatterns = [
    path("", include("ipenforce.workbench.urls")),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/totp/", account_views.totp_setup, name="totp_setup"),
    path("oidc/authenticate/", account_views.single_sign_on(OIDCAuthenticationRequestView),
         name="oidc_authentication_init"),
    path("oidc/callback/", account_views.single_sign_on(OIDCAuthenticationCallbackView),
         name="oidc_authentication_callback"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("ipenforce.orgs.urls")),
    path("", include("ipenforce.core.urls")),
    path("", include("ipenforce.cases.urls")),
    path("", include("ipenforce.evidence.urls")),
    path("", include("ipenforce.documents.urls")),
    path("", include("ipenforce.linkage.urls")),
    path("", include("ipenforce.campaigns.urls")),
    path("", include("ipenforce.field.urls")),
    path("", include("ipenforce.supervision.urls")),
    path("", include("ipenforce.command.urls")),
    path("", include("ipenforce.programs.urls")),
    path("", include("ipenforce.credit.urls")),
    path("", include("ipenforce.protection.urls")),
    path("", include("ipenforce.stats.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]

handler400 = "ipenforce.core.error_views.bad_request"
handler403 = "ipenforce.core.error_views.permission_denied"
handler404 = "ipenforce.core.error_views.page_not_found"
handler500 = "ipenforce.core.error_views.server_error"
