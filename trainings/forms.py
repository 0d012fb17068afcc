from django import forms
from django.contrib.auth import get_user_model
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.centres import scope
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
            "manager_user",
            "manager_person",
            "follows",
        ]
        widgets = {
            "name_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
            "code": forms.TextInput(attrs={"dir": "ltr"}),
            "start_date": DATE,
            "end_date": DATE,
        }
        help_texts = {
            "manager_person": _("Or a person of one of the project's organisations (not both)."),
            "follows": _("The earlier project this one continues, if any."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance
        users = get_user_model().objects.filter(is_active=True).order_by("first_name", "username")
        self.fields["manager_user"].queryset = users
        self.fields["manager_user"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        # A person manager is one of the project's targeted organisations' people (a bounded list).
        people = Person.objects.none()
        if project.pk:
            people = Person.objects.filter(organization__targeted_by_projects=project)
        if project.manager_person_id:
            people = people | Person.objects.filter(pk=project.manager_person_id)
        self.fields["manager_person"].queryset = people.select_related("organization").distinct()
        earlier = Project.objects.exclude(pk=project.pk) if project.pk else Project.objects.all()
        self.fields["follows"].queryset = earlier.order_by("-start_date")


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

    def __init__(self, *args, user, query="", **kwargs):
        super().__init__(*args, **kwargs)
        # Choices shown: what the search finds; what is posted is checked against every row
        # of the user's centres (core.centres).
        people = scope(Person.objects.select_related("organization"), user)
        organizations = scope(Organization.objects.filter(active=True), user)
        self.fields["people"].queryset = people
        self.fields["organizations"].queryset = organizations
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
