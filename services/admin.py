from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.centres import CentreScopedAdmin
from organizations import occupancy
from services import meetings
from services.booking import conflict_message
from services.models import AssessmentScore, Booking, CapacityArea, Consultation, Meeting, NeedsAssessment, Stakeholder


class BookingAdminForm(forms.ModelForm):
    class Meta:
        model = Booking
        fields = ["room", "organization", "purpose", "start", "end", "status"]

    def clean(self):
        # The room's one calendar, as on the app's form (PostgreSQL also refuses it itself).
        cleaned = super().clean()
        probe = Booking(
            pk=self.instance.pk,
            room=cleaned.get("room"),
            start=cleaned.get("start"),
            end=cleaned.get("end"),
            status=cleaned.get("status"),
        )
        conflict = None if self.errors else probe.in_the_way()
        if conflict:
            raise forms.ValidationError(conflict_message(conflict))
        return cleaned


@admin.register(Booking)
class BookingAdmin(CentreScopedAdmin, admin.ModelAdmin):
    form = BookingAdminForm
    list_display = ["room", "organization", "start", "end", "status", "booked_by"]
    list_filter = ["status", "room__centre"]
    list_select_related = ["room__centre", "organization", "booked_by"]
    date_hierarchy = "start"
    readonly_fields = ["booked_by", "booked_at", "cancelled_by", "cancelled_at"]


@admin.register(Consultation)
class ConsultationAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["date", "organization", "kind", "topic", "adviser", "follow_up_due", "follow_up_done"]
    list_filter = ["kind", "follow_up_done"]
    list_select_related = ["organization"]
    date_hierarchy = "date"


@admin.register(CapacityArea)
class CapacityAreaAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "code", "order"]


class AssessmentScoreInline(admin.TabularInline):
    model = AssessmentScore
    extra = 0


@admin.register(NeedsAssessment)
class NeedsAssessmentAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["organization", "date", "assessed_by"]
    list_select_related = ["organization"]
    inlines = [AssessmentScoreInline]


# Issue 17: meetings and networking events ------------------------------------------------------


class MeetingAdminForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "centre",
            "room",
            "date",
            "start_time",
            "end_time",
            "organizations",
            "attendees",
            "other_attendees",
            "agenda",
            "outcomes",
            "follow_ups",
        ]

    def _post_clean(self):
        super()._post_clean()
        # The room's one calendar, as on the app's form (services.meetings).
        taken = None if self.errors else meetings.in_the_way(self.instance)
        if taken is not None:
            self.add_error(None, occupancy.RoomTaken(taken))


class StakeholderInline(admin.TabularInline):
    model = Stakeholder
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(CentreScopedAdmin, SimpleHistoryAdmin):
    form = MeetingAdminForm
    list_display = ["title", "kind", "date", "start_time", "end_time", "centre", "room"]
    list_filter = ["kind", "centre"]
    list_select_related = ["centre", "room__centre"]
    search_fields = ["title"]
    date_hierarchy = "date"
    filter_horizontal = ["organizations"]
    autocomplete_fields = ["attendees"]
    readonly_fields = ["recorded_by", "created_at", "updated_at"]
    inlines = [StakeholderInline]

    def save_model(self, request, obj, form, change):
        # Through the door, as on the app's pages: it takes the room in its one calendar.
        if not change:
            obj.recorded_by = request.user
        meetings.save_meeting(obj)
