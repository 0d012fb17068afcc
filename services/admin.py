from django import forms
from django.contrib import admin

from services.booking import conflict_message
from services.models import AssessmentScore, Booking, CapacityArea, Consultation, NeedsAssessment


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
class BookingAdmin(admin.ModelAdmin):
    form = BookingAdminForm
    list_display = ["room", "organization", "start", "end", "status", "booked_by"]
    list_filter = ["status", "room__centre"]
    list_select_related = ["room__centre", "organization", "booked_by"]
    date_hierarchy = "start"
    readonly_fields = ["booked_by", "booked_at", "cancelled_by", "cancelled_at"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["date", "organization", "kind", "topic", "adviser", "follow_up_due", "follow_up_done"]
    list_filter = ["kind", "follow_up_done"]
    list_select_related = ["organization"]
    date_hierarchy = "date"


@admin.register(CapacityArea)
class CapacityAreaAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "code", "order"]


class AssessmentScoreInline(admin.TabularInline):
    model = AssessmentScore
    extra = 0


@admin.register(NeedsAssessment)
class NeedsAssessmentAdmin(admin.ModelAdmin):
    list_display = ["organization", "date", "assessed_by"]
    list_select_related = ["organization"]
    inlines = [AssessmentScoreInline]
