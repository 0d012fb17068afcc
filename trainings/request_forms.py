"""The forms of organisations' requests: recording one, filtering the list, reviewing one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import EmptyChoiceMixin
from core.parsing import clean_text
from organizations.arabic import clean_name
from organizations.forms import FilterForm
from organizations.models import Centre, Organization
from trainings import requests
from trainings.models import OrganizationRequest, Project, RequestKind, RequestStatus, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RequestForm(EmptyChoiceMixin, forms.ModelForm):
    """What the organisation asks, when and who to call; a request to join names its project."""

    class Meta:
        model = OrganizationRequest
        fields = ["organization", "kind", "project", "topic", "centre", "date", "asks", "contact_name", "contact_phone"]
        widgets = {
            "kind": forms.RadioSelect,
            "date": DATE,
            "asks": forms.Textarea(attrs={"rows": 3}),
            "contact_phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel", "autocomplete": "off"}),
        }
        help_texts = {"centre": _("Left empty for a request to join: the project's centre.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.filter(active=True)
        if self.instance.pk:
            organizations |= Organization.objects.filter(pk=self.instance.organization_id)
        self.fields["organization"].queryset = organizations
        self.fields["project"].queryset = Project.objects.select_related("centre")
        self.fields["topic"].queryset = Topic.objects.filter(active=True)
        self.fields["centre"].required = False

    def clean_contact_name(self):
        return clean_name(self.cleaned_data["contact_name"])

    def clean(self):
        cleaned = super().clean()
        kind, project = cleaned.get("kind"), cleaned.get("project")
        if kind and kind != RequestKind.PROJECT:
            cleaned["project"] = None  # only a request to join names a project
        elif project:
            cleaned["centre"] = project.centre  # a request to join goes to the project's centre
            self.errors.pop("centre", None)
        if not cleaned.get("centre") and "centre" not in self.errors:
            self.add_error("centre", _("Choose the centre the organisation asks."))
        if kind == RequestKind.PROJECT and project:
            refused = requests.already_in_project(cleaned.get("organization"), project, exclude=self.instance)
            if refused:
                self.add_error("organization", refused)
        return cleaned


class RequestFilterForm(FilterForm):
    q = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *RequestStatus.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *RequestKind.choices])
    project = forms.ModelChoiceField(Project.objects.all(), label=_("Project"), required=False)
    centre = forms.ModelChoiceField(Centre.objects.all(), label=_("Centre"), required=False)

    def clean_q(self):
        return clean_text(self.cleaned_data["q"])


DECISIONS = [(s.value, s.label) for s in RequestStatus if s != RequestStatus.PENDING]


class ReviewForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to decline; the organisation is told."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in requests.NEEDS_REASON and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the request is declined."))
        return cleaned
