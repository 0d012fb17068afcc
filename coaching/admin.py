from django.contrib import admin

from coaching.models import (
    ActionItem,
    AgendaItem,
    CoachingEngagement,
    CoachingSession,
    PlanRevision,
    StrategicPlan,
)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["order", "name_ar", "name_en", "code"]


@admin.register(CoachingEngagement)
class CoachingEngagementAdmin(admin.ModelAdmin):
    list_display = ["organization", "project", "planned_days", "status"]
    list_filter = ["project", "status"]
    filter_horizontal = ["coaches"]


@admin.register(CoachingSession)
class CoachingSessionAdmin(admin.ModelAdmin):
    list_display = ["engagement", "date", "hours"]
    list_filter = ["engagement__project"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["text", "engagement", "owner", "due_date", "done"]


@admin.register(StrategicPlan)
class StrategicPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "start_year", "years", "status", "version"]
    list_filter = ["status", "language"]
    readonly_fields = ["version"]


@admin.register(PlanRevision)
class PlanRevisionAdmin(admin.ModelAdmin):
    list_display = ["plan", "version", "status", "saved_by", "saved_at"]
    readonly_fields = ["plan", "version", "status", "data", "saved_by", "saved_at", "note"]
