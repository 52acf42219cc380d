"""Django's admin for orgs, read-only (administration is in the application's own pages and API)."""
from django.contrib import admin

from ipenforce.core.admin import ReadOnlyAdmin
from ipenforce.orgs.models import Agency, ApiToken, User


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ["name", "short_name", "kind", "level", "region_code", "is_active"]
    list_filter = ["kind", "level", "is_active"]
    search_fields = ["name", "short_name", "region_code"]


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "agency", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser"]
    search_fields = ["username", "full_name"]
    exclude = ["password"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at"]
    exclude = ["digest"]
