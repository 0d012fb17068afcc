"""The dashboard's filters: project, date range, region, organisation (a GET form).

The form validates; the template draws the fields itself (see views._filter_fields).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization, Region
from trainings.models import Project


class ReportFilterForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.order_by("-start_date", "code"))
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.order_by("name_ar"), required=False)
    organization = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organization.objects.filter(active=True).order_by("name_ar"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end cannot be before the start."))
        return data
