from django.contrib import admin

from core.jobs import files
from core.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs, to see what runs and why one failed; made only by the pages, so read-only here."""

    list_display = ["label", "owner", "status", "done", "total", "created_at", "finished_at", "expires_at"]
    list_filter = ["status", "kind"]
    search_fields = ["label", "owner__username"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        files.remove(obj.file)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for file in queryset.values_list("file", flat=True):
            files.remove(file)
        super().delete_queryset(request, queryset)
