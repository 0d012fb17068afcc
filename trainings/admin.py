from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

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


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["person", "workshop", "enrolled_at", "withdrawn_at"]
    list_select_related = ["person", "workshop"]
    raw_id_fields = ["person", "workshop"]
    search_fields = ["person__search_name", "workshop__title"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["workshop", "date", "start_time", "end_time", "topic", "trainer"]
    list_select_related = ["workshop", "topic", "trainer"]
    raw_id_fields = ["workshop"]
    date_hierarchy = "date"


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "person", "status", "recorded_by", "recorded_at"]
    list_filter = ["status"]
    list_select_related = ["session__workshop", "person", "recorded_by"]
    raw_id_fields = ["session", "person"]
