from django.urls import path

from ipenforce.core.export_views import list_export
from ipenforce.orgs import views

app_name = "orgs"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/export.xlsx", list_export("agencies"), name="agency_export"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("users/", views.user_list, name="user_list"),
    path("users/export.xlsx", list_export("users"), name="user_export"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/security/", views.user_security, name="user_security"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
