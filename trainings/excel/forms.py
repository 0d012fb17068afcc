from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import EmptyChoiceMixin
from core.validators import validate_sane_date
from organizations.imports import MAX_ROWS, MAX_UPLOAD_BYTES
from organizations.models import Organization, Region
from trainings.models import Phase, Workshop


class ImportForm(EmptyChoiceMixin, forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    organization = forms.ModelChoiceField(
        Organization.objects.filter(active=True),
        label=_("Organisation of the rows that name none"),
        required=False,
        help_text=_("Optional: used when the organisation column is empty or missing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s MB and %(rows)s rows; the first row holds the template's headers."
        ) % {"size": MAX_UPLOAD_BYTES // (1024 * 1024), "rows": MAX_ROWS}


class FlatExportForm(EmptyChoiceMixin, forms.Form):
    """The filters of a project's attendance export; every one optional."""

    phase = forms.ModelChoiceField(Phase.objects.none(), label=pgettext_lazy("excel", "Phase"), required=False)
    workshop = forms.ModelChoiceField(Workshop.objects.none(), label=pgettext_lazy("excel", "Workshop"), required=False)
    organization = forms.ModelChoiceField(
        Organization.objects.all(), label=pgettext_lazy("excel", "Organisation"), required=False
    )
    region = forms.ModelChoiceField(Region.objects.all(), label=pgettext_lazy("excel", "Region"), required=False)
    date_from = forms.DateField(
        validators=[validate_sane_date],
        label=pgettext_lazy("excel", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        validators=[validate_sane_date],
        label=pgettext_lazy("excel", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = project.phases.all()
        self.fields["workshop"].queryset = project.workshops.order_by("start_date", "title")
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = pgettext_lazy("excel", "All")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", pgettext_lazy("excel", "The end cannot be before the start."))
        phase, workshop = cleaned.get("phase"), cleaned.get("workshop")
        if phase and workshop and workshop.phase_id != phase.pk:
            self.add_error("workshop", _("This workshop is not in the chosen phase."))
        return cleaned

    def filters(self):
        """The filters as keyword arguments of exports.flat_queryset."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    def described(self):
        """The filters for the export record: ids and dates, with the names shown."""
        described = {}
        for name, value in self.filters().items():
            if hasattr(value, "pk"):
                described[name] = {"id": value.pk, "name": str(value)}
            else:
                described[name] = value.isoformat()
        return described
