from django.contrib import admin

from trainings.excel.models import ExportRecord


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    """The log of exports and imports: read only, nobody edits history."""

    list_display = ["created_at", "user", "kind", "subject", "rows"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["user"]
    search_fields = ["subject", "user__username"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "user", "kind", "subject", "filters", "rows"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
