"""The dashboard's filters: project, date range, region, organisation (a GET form).

The form validates; the template draws the fields itself (see views._filter_fields).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.centres import scope, scope_form
from core.forms import EmptyChoiceMixin
from core.lists import join_names
from core.parsing import parse_id
from core.validators import validate_sane_date
from organizations.arabic import normalize
from organizations.models import Organization, Region
from organizations.search import search
from trainings.models import Project

# Names listed when a typed organisation name matches several.
SHOWN_MATCHES = 5


class ReportFilterForm(EmptyChoiceMixin, forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.order_by("-start_date", "code"))
    date_from = forms.DateField(validators=[validate_sane_date], label=_("From"), required=False)
    date_to = forms.DateField(validators=[validate_sane_date], label=_("To"), required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.order_by("name_ar"), required=False)
    # A name typed, not a list of every organisation: there can be a thousand, and the page
    # is read on phones. Links from an organisation's page pass its id.
    organization = forms.CharField(label=_("Organisation"), required=False, max_length=200)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Projects and organisations of the user's centres only (core.centres).
        self.organizations = scope(Organization.objects.order_by("name_ar"), user) if user else Organization.objects
        if user is not None:
            scope_form(self, user)

    def clean_organization(self):
        text = self.cleaned_data["organization"].strip()
        if not text:
            return None
        if parse_id(text) is not None:
            found = self.organizations.filter(pk=parse_id(text)).first()
            if found is None:
                raise forms.ValidationError(_("There is no such organisation."))
            return found
        return _one_named(self.organizations, text)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end cannot be before the start."))
        return data


def _one_named(organizations, text):
    """The organisation whose name is typed: the one spelt so, or the only one matching."""
    matches = list(search(organizations.order_by("name_ar"), text)[: SHOWN_MATCHES + 1])
    key = normalize(text)
    exact = [
        org for org in matches if key in {normalize(org.name_ar), normalize(org.name_en), normalize(org.short_name)}
    ]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0]
    if not matches:
        raise forms.ValidationError(_("No organisation is named “%(name)s”.") % {"name": text})
    names = join_names(org.name for org in matches[:SHOWN_MATCHES])
    raise forms.ValidationError(
        _("Several organisations match “%(name)s” (%(names)s…): type more of the name.")
        % {"name": text, "names": names}
    )
