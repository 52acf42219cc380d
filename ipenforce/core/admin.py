"""Django's admin, read-only: every write goes through the services so that it is checked and audited."""
from django.contrib import admin

from ipenforce.core.models import AuditEvent, CalendarDay, CalendarYear, WorkItem


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "created_at", "actor_label", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "target_id"]


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "source", "updated_at"]


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ["date", "is_working_day", "name", "source"]
    date_hierarchy = "date"


@admin.register(WorkItem)
class WorkItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "state", "due_at", "due_status", "eligible_role", "assignee_agency"]
    list_filter = ["state", "due_status", "kind"]
