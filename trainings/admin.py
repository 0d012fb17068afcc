from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from trainings import tallies
from trainings.models import Attendance, Enrollment, Phase, Project, Session, Topic, Trainer, Workshop


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_en", "centre", "start_date", "end_date"]
    list_select_related = ["centre"]
    search_fields = ["code", "name_ar", "name_en"]
    inlines = [PhaseInline]


@admin.register(Topic)
class TopicAdmin(ImportExportModelAdmin):
    list_display = ["name_ar", "name_en", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name_ar", "name_en"]


@admin.register(Trainer)
class TrainerAdmin(ImportExportModelAdmin):
    list_display = ["name", "phone", "email", "user", "active"]
    list_filter = ["active", "topics"]
    search_fields = ["name", "phone", "email"]
    filter_horizontal = ["topics"]
    autocomplete_fields = ["user"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["date", "start_time", "end_time", "topic", "trainer", "venue"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "phase", "start_date", "end_date", "venue", "capacity"]
    list_filter = ["project", "topics"]
    list_select_related = ["project", "phase", "venue__centre"]
    search_fields = ["title"]
    filter_horizontal = ["topics", "trainers"]
    date_hierarchy = "start_date"
    inlines = [SessionInline]


class RecountsMoved(admin.ModelAdmin):
    """Recounts the old workshop's tallies when a row is moved to another (a signal recounts the new one)."""

    workshop_field = "workshop_id"

    def _workshops(self, queryset):
        return set(queryset.values_list(self.workshop_field, flat=True))

    def save_model(self, request, obj, form, change):
        before = self._workshops(type(obj).objects.filter(pk=obj.pk))
        super().save_model(request, obj, form, change)
        tallies.recount(before - self._workshops(type(obj).objects.filter(pk=obj.pk)))


class RecountsDeleted(RecountsMoved):
    """Also recounts after rows are deleted: no signal does for marks and enrolments (see trainings.tallies)."""

    def delete_model(self, request, obj):
        workshops = self._workshops(type(obj).objects.filter(pk=obj.pk))
        super().delete_model(request, obj)
        tallies.recount(workshops)

    def delete_queryset(self, request, queryset):
        workshops = self._workshops(queryset)
        super().delete_queryset(request, queryset)
        tallies.recount(workshops)


@admin.register(Enrollment)
class EnrollmentAdmin(RecountsDeleted):
    list_display = ["person", "workshop", "enrolled_at", "withdrawn_at"]
    list_select_related = ["person", "workshop"]
    raw_id_fields = ["person", "workshop"]
    search_fields = ["person__search_name", "workshop__title"]


@admin.register(Session)
class SessionAdmin(RecountsMoved):
    list_display = ["workshop", "date", "start_time", "end_time", "topic", "trainer"]
    list_select_related = ["workshop", "topic", "trainer"]
    raw_id_fields = ["workshop"]
    date_hierarchy = "date"


@admin.register(Attendance)
class AttendanceAdmin(RecountsDeleted):
    workshop_field = "session__workshop_id"

    list_display = ["session", "person", "status", "recorded_by", "recorded_at"]
    list_filter = ["status"]
    list_select_related = ["session__workshop", "person", "recorded_by"]
    raw_id_fields = ["session", "person"]
