from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import EmptyChoiceMixin
from organizations import occupancy
from organizations.forms import FilterForm
from organizations.models import Organization, Person, Room
from organizations.search import search
from trainings.models import Phase, PhaseKind, Project, Session, Topic, Trainer, Workshop

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ProjectForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "name_ar",
            "name_en",
            "code",
            "donor",
            "centre",
            "start_date",
            "end_date",
            "target_organizations",
            "target_trainees",
            "completion_threshold",
        ]
        widgets = {
            "name_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
            "code": forms.TextInput(attrs={"dir": "ltr"}),
            "start_date": DATE,
            "end_date": DATE,
        }


class PhaseForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["number", "kind", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}


PhaseFormSet = inlineformset_factory(
    Project, Phase, form=PhaseForm, extra=2, max_num=6, can_delete=False, validate_max=True
)


class WorkshopForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "project",
            "phase",
            "title",
            "topics",
            "trainers",
            "venue",
            "start_date",
            "end_date",
            "planned_hours",
            "capacity",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "trainers": forms.CheckboxSelectMultiple,
            "start_date": DATE,
            "end_date": DATE,
            "planned_hours": forms.NumberInput(attrs={"step": "0.5", "min": "0"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(kind=PhaseKind.TRAINING).select_related("project")
        self.fields["phase"].label_from_instance = lambda phase: f"{phase.project.code} – {phase}"
        self.fields["topics"].queryset = Topic.objects.filter(active=True)
        self.fields["trainers"].queryset = Trainer.objects.filter(active=True)
        self.fields["venue"].queryset = Room.objects.select_related("centre")


class EnrollForm(EmptyChoiceMixin, forms.Form):
    """Enrol chosen people, and every person of the chosen organisations, in one step."""

    people = forms.ModelMultipleChoiceField(
        Person.objects.none(), label=_("People"), required=False, widget=forms.CheckboxSelectMultiple
    )
    organizations = forms.ModelMultipleChoiceField(
        Organization.objects.none(),
        label=_("Every person of these organisations"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    LIMIT = 60

    def __init__(self, *args, query="", **kwargs):
        super().__init__(*args, **kwargs)
        # Choices shown: what the search finds; what is posted is checked against every row.
        self.fields["people"].queryset = Person.objects.select_related("organization")
        self.fields["organizations"].queryset = Organization.objects.filter(active=True)
        people = Person.objects.select_related("organization")
        organizations = Organization.objects.filter(active=True)
        if query:
            people = search(people, query)
            organizations = search(organizations, query)
        else:
            people = people.none()
        self.people_shown = list(people.order_by("full_name")[: self.LIMIT])
        self.organizations_shown = list(organizations.order_by("name_ar")[: self.LIMIT])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("people") and not cleaned.get("organizations"):
            raise forms.ValidationError(_("Choose at least one person or organisation."))
        return cleaned


class SessionForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "topic", "trainer", "venue", "notes"]
        widgets = {
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        topics = list(workshop.topics.all())
        self.fields["topic"].queryset = workshop.topics.all() if topics else Topic.objects.filter(active=True)
        trainers = list(workshop.trainers.all())
        self.fields["trainer"].queryset = workshop.trainers.all() if trainers else Trainer.objects.filter(active=True)
        self.fields["venue"].queryset = Room.objects.select_related("centre")
        if not self.instance.pk:
            # A new session starts from what the workshop leaves no choice about.
            self.initial.setdefault("venue", workshop.venue_id)
            if len(topics) == 1:
                self.initial.setdefault("topic", topics[0].pk)
            if len(trainers) == 1:
                self.initial.setdefault("trainer", trainers[0].pk)

    def clean(self):
        cleaned = super().clean()
        date, start = cleaned.get("date"), cleaned.get("start_time")
        if date and start:
            # A form posted twice must not schedule the same session twice.
            same = Session.objects.filter(workshop=self.instance.workshop, date=date, start_time=start)
            if same.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(_("This workshop already has a session starting at this date and time."))
        venue, end = cleaned.get("venue"), cleaned.get("end_time")
        if venue and date and start and end and end > start:
            # The room's one calendar (organizations.occupancy): what is in the way, with a link to it.
            # trainings.writes.save_session raises the same RoomTaken if a booking gets in meanwhile.
            taken = occupancy.first_in_the_way(venue.pk, *occupancy.span(date, start, end), holder=self.instance)
            if taken:
                raise occupancy.RoomTaken(taken)
        return cleaned


class WorkshopFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    project = forms.ModelChoiceField(Project.objects.all(), label=_("Project"), required=False)
    topic = forms.ModelChoiceField(Topic.objects.all(), label=_("Topic"), required=False)
