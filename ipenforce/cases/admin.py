"""Django admin: campaigns are maintained here by system administrators; cases are read-only (they change only
through the workflow)."""
from django.contrib import admin

from ipenforce.cases.models import Campaign, Case


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    list_editable = ["is_active"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "agency", "state", "procedure", "ip_type"]
    list_filter = ["state", "procedure", "ip_type"]
    search_fields = ["number", "title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
