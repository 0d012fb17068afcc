from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import EmptyChoiceMixin
from organizations.models import Gender, Organization, Person, Region


class OrganizationForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name_ar",
            "name_en",
            "short_name",
            "region",
            "centre",
            "town",
            "branch_of",
            "founded_year",
            "registration_status",
            "focus_areas",
            "contact_person",
            "phone",
            "email",
            "address",
            "notes",
            "active",
        ]
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        branch_qs = Organization.objects.filter(branch_of__isnull=True)
        if self.instance.pk:
            branch_qs = branch_qs.exclude(pk=self.instance.pk)
        self.fields["branch_of"].queryset = branch_qs


class PersonForm(EmptyChoiceMixin, forms.ModelForm):
    """A person; a namesake in the same organisation must be confirmed before saving."""

    confirm_duplicate = forms.BooleanField(
        label=_("Yes, this is a different person with the same name"),
        required=False,
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "gender",
            "organization",
            "position",
            "phone",
            "email",
            "birth_year",
            "has_disability",
            "consent",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"dir": "ltr"}),
            "gender": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(active=True)
        self.fields["gender"].choices = Gender.choices  # radios without a blank "---------"
        self.namesakes = []

    def clean(self):
        cleaned = super().clean()
        if self.errors or cleaned.get("confirm_duplicate"):
            return cleaned
        probe = Person(pk=self.instance.pk, full_name=cleaned["full_name"], organization=cleaned["organization"])
        self.namesakes = list(probe.namesakes()[:5])
        if self.namesakes:
            raise forms.ValidationError(
                _(
                    "Someone with this name is already recorded in this organisation. Check the list below; if this is a different person, tick the box to confirm."
                ),
                code="duplicate",
            )
        return cleaned


class FilterForm(EmptyChoiceMixin, forms.Form):
    """A GET filter bar: Bootstrap classes on every widget, "All" for an empty choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = _("All")


class OrganizationFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    region = forms.ModelChoiceField(Region.objects.all(), label=_("Region"), required=False)
    active = forms.TypedChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("1", _("Active")), ("0", _("Inactive"))],
        coerce=lambda v: v == "1",
        empty_value=None,
    )


class PersonFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    # A name typed, not a list of every organisation: there can be a thousand.
    # Links from an organisation's page pass its id.
    organization = forms.CharField(label=_("Organisation"), required=False)
    region = forms.ModelChoiceField(Region.objects.all(), label=_("Region"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=[("", _("All"))] + Gender.choices)
