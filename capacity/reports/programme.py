"""The programme-wide and centre-wide report: the dashboard's figures over a set of projects,
a year, a centre, or all of them, with the centre's support visits, room use and needs-assessment
change beside them.

The figures are capacity.reports.figures' over every chosen project at once (Filters.projects):
a trainee in two projects is one person in every total, as the field report's "80 trainees" is.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from capacity.reports import centre_figures, figures
from core.centres import scope, visible_centre_ids
from core.forms import EmptyChoiceMixin
from core.lists import join_names
from organizations.models import Centre
from trainings.models import Project


@dataclass
class Programme:
    """Stands for the project in a Report over several projects: its name lists them, its targets add up."""

    projects: list
    centre: Centre | None = None
    year: int | None = None
    pk = None
    donor = ""
    completion_threshold = None

    @property
    def name(self):
        return join_names(project.name for project in self.projects) or str(_("no project"))

    @property
    def code(self):
        parts = [str(self.centre) if self.centre else str(_("all centres"))]
        if self.year:
            parts.append(str(self.year))
        return " · ".join(parts)

    @property
    def target_organizations(self):
        return sum(project.target_organizations for project in self.projects)

    @property
    def target_trainees(self):
        return sum(project.target_trainees for project in self.projects)


class ProgrammeForm(EmptyChoiceMixin, forms.Form):
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    projects = forms.ModelMultipleChoiceField(
        label=_("Projects"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("None chosen: every project of the centre and year."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["centre"].queryset = scope(Centre.objects.order_by("name_ar"), user)
        self.fields["projects"].queryset = scope(Project.objects.order_by("-start_date", "code"), user)
        self.fields["projects"].widget.attrs["size"] = 4


def chosen(form):
    """(Programme, Filters) of a valid form (or of everything the user sees, if it is not)."""
    data = form.cleaned_data if form.is_valid() else {}
    projects = form.fields["projects"].queryset
    centre, year = data.get("centre"), data.get("year")
    if centre:
        projects = projects.filter(centre=centre)
    if data.get("projects"):
        projects = projects.filter(pk__in=[project.pk for project in data["projects"]])
    first = last = None
    if year:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        projects = projects.filter(start_date__lte=last, end_date__gte=first)
    projects = list(projects)
    programme = Programme(projects, centre=centre, year=year)
    filters = figures.Filters(project=programme, date_from=first, date_to=last, projects=[p.pk for p in projects])
    return programme, filters


def centres_counted(form, user):
    """The centre ids whose services are counted: the chosen one, else those the user sees (None: all)."""
    centre = form.cleaned_data.get("centre") if form.is_valid() else None
    return [centre.pk] if centre else visible_centre_ids(user)


def compute(form, user):
    programme, filters = chosen(form)
    report = figures.compute(filters)
    services = centre_figures.compute(centres_counted(form, user), filters.period)
    return programme, report, services
