import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import EmptyChoiceMixin
from core.validators import validate_sane_date
from organizations.forms import FilterForm
from organizations.models import Organization, Room
from services.booking import conflict_message
from services.models import (
    SCORE_MAX,
    SCORE_MIN,
    Booking,
    CapacityArea,
    Consultation,
    ConsultationKind,
    NeedsAssessment,
)


def organization_choices(instance):
    """The active organisations, plus the one an edited record names (it may be inactive now)."""
    organizations = Organization.objects.filter(active=True)
    if instance.pk:
        organizations |= Organization.objects.filter(pk=instance.organization_id)
    return organizations


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, room):
        seats = ngettext("%(capacity)d seat", "%(capacity)d seats", room.capacity) % {"capacity": room.capacity}
        return f"{room} ({seats})"


class BookingForm(EmptyChoiceMixin, forms.ModelForm):
    """A booking on one day: the date and two times, in the centre's time zone."""

    room = RoomChoiceField(Room.objects.select_related("centre"), label=_("Room"))
    day = forms.DateField(
        validators=[validate_sane_date],
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    class Meta:
        model = Booking
        fields = ["room", "organization", "purpose"]

    field_order = ["room", "organization", "day", "start_time", "end_time", "purpose"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices(self.instance)
        if self.instance.pk:
            start, end = timezone.localtime(self.instance.start), timezone.localtime(self.instance.end)
            self.initial.update(day=start.date(), start_time=start.time(), end_time=end.time())
        self.conflict = None

    def clean(self):
        cleaned = super().clean()
        day, start_time, end_time = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start_time and end_time:
            if end_time <= start_time:
                self.add_error("end_time", _("The end must be after the start."))
            else:
                tz = timezone.get_current_timezone()
                self.instance.start = timezone.make_aware(datetime.datetime.combine(day, start_time), tz)
                self.instance.end = timezone.make_aware(datetime.datetime.combine(day, end_time), tz)
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # runs Booking.clean: no end before start, no start in the past
        if not self.errors:
            # The room's one calendar: a booking or a workshop session may be in the way.
            self.conflict = self.instance.in_the_way()
            if self.conflict:
                self.add_error(None, conflict_message(self.conflict))

    def _update_errors(self, errors):
        # The model says "start"/"end"; the form shows them on the day and times.
        if hasattr(errors, "error_dict"):
            for model_field, form_field in (("start", "day"), ("end", "end_time")):
                if model_field in errors.error_dict:
                    errors.error_dict.setdefault(form_field, []).extend(errors.error_dict.pop(model_field))
        super()._update_errors(errors)


class WeekForm(EmptyChoiceMixin, forms.Form):
    week = forms.DateField(
        validators=[validate_sane_date],
        label=_("Starting on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ConsultationForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "organization",
            "kind",
            "adviser",
            "date",
            "topic",
            "advice",
            "follow_up",
            "follow_up_due",
            "follow_up_done",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "follow_up_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "advice": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices(self.instance)


class ConsultationFilterForm(FilterForm):
    organization = forms.ModelChoiceField(Organization.objects.all(), label=_("Organisation"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All"))] + ConsultationKind.choices)
    follow_up = forms.ChoiceField(
        label=_("Follow-up"),
        required=False,
        choices=[("", _("All")), ("open", _("Open")), ("overdue", _("Overdue")), ("done", _("Done"))],
    )


class AssessmentFilterForm(FilterForm):
    organization = forms.ModelChoiceField(Organization.objects.all(), label=_("Organisation"), required=False)


class NeedsAssessmentForm(EmptyChoiceMixin, forms.ModelForm):
    """The assessment and, on the same page, a score (1 to 5) and a note for every capacity area."""

    class Meta:
        model = NeedsAssessment
        fields = ["organization", "date", "assessed_by", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices(self.instance)
        self.areas = list(CapacityArea.objects.all())
        existing = {s.area_id: s for s in self.instance.scores.all()} if self.instance.pk else {}
        score_errors = {
            "required": _("Give a score from 1 to 5."),
            "invalid": _("Give a score from 1 to 5."),
            "min_value": _("Give a score from 1 to 5."),
            "max_value": _("Give a score from 1 to 5."),
        }
        for area in self.areas:
            self.fields[f"score_{area.pk}"] = forms.IntegerField(
                label=_("Score"),
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                error_messages=score_errors,
                widget=forms.NumberInput(attrs={"min": SCORE_MIN, "max": SCORE_MAX, "inputmode": "numeric"}),
                initial=existing[area.pk].score if area.pk in existing else None,
            )
            self.fields[f"note_{area.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
                initial=existing[area.pk].note if area.pk in existing else "",
            )

    def area_rows(self):
        """(area, score field, note field) for each capacity area, in order."""
        return [(area, self[f"score_{area.pk}"], self[f"note_{area.pk}"]) for area in self.areas]

    def header_fields(self):
        return [self[name] for name in self.Meta.fields]

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("date", _("This organisation already has an assessment on this date."))

    def scores(self):
        """{area: (score, note)} from the cleaned data."""
        return {
            area: (self.cleaned_data[f"score_{area.pk}"], self.cleaned_data[f"note_{area.pk}"]) for area in self.areas
        }
