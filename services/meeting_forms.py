"""The forms of meetings: the meeting with its outside stakeholders, who came, and the list's filter."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import EmptyChoiceMixin
from core.parsing import clean_text
from core.validators import validate_sane_date
from organizations import occupancy
from organizations.forms import FilterForm
from organizations.models import Centre, Organization, Person, Room
from services import meetings
from services.forms import RoomChoiceField
from services.models import Meeting, MeetingKind, Stakeholder

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
# People offered on the attendance page: those of the organisations taking part, this many at most.
ATTENDANCE_LIMIT = 300


class MeetingForm(EmptyChoiceMixin, forms.ModelForm):
    room = RoomChoiceField(
        Room.objects.select_related("centre"),
        label=_("Room"),
        required=False,
        help_text=_("Leave empty for a meeting held outside the centre's rooms."),
    )

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
            "agenda",
            "outcomes",
            "follow_ups",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "organizations": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "follow_ups": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.filter(active=True)
        if self.instance.pk:
            organizations |= self.instance.organizations.all()
        self.fields["organizations"].queryset = organizations.distinct().order_by("name_ar")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # Meeting.clean: the room belongs to the centre
        if not self.errors:
            # The room's one calendar: a booking, a session or another meeting may be in the way.
            taken = meetings.in_the_way(self.instance)
            if taken is not None:
                self.add_error(None, occupancy.RoomTaken(taken))


class StakeholderForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "represented_by"]


StakeholderFormSet = inlineformset_factory(
    Meeting, Stakeholder, form=StakeholderForm, extra=2, max_num=30, validate_max=True, can_delete=True
)


class AttendanceForm(forms.ModelForm):
    """Who came: people of the organisations taking part, and how many others."""

    class Meta:
        model = Meeting
        fields = ["attendees", "other_attendees"]
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        people = Person.objects.filter(organization__in=meeting.organizations.all())
        people |= meeting.attendees.all()
        self.fields["attendees"].queryset = (
            people.distinct().select_related("organization").order_by("organization__name_ar", "full_name")
        )
        self.fields["attendees"].required = False

    def people_shown(self):
        return list(self.fields["attendees"].queryset[:ATTENDANCE_LIMIT])


class MeetingFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *MeetingKind.choices])
    centre = forms.ModelChoiceField(Centre.objects.all(), label=_("Centre"), required=False)
    organization = forms.ModelChoiceField(Organization.objects.all(), label=_("Organisation"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, validators=[validate_sane_date], widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, validators=[validate_sane_date], widget=DATE)

    def clean_q(self):
        return clean_text(self.cleaned_data["q"])
