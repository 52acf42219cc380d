"""Django admin for cases, read-only: campaigns change through the audited campaign services (API), cases only
through the workflow."""
from django.contrib import admin

from ipenforce.cases.models import Campaign, Case
from ipenforce.core.admin import ReadOnlyAdmin


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["name", "is_active"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "agency", "state", "procedure", "ip_type"]
    list_filter = ["state", "procedure", "ip_type"]
    search_fields = ["number", "title"]
