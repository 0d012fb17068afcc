from django import forms
from django.utils.translation import gettext_lazy as _

from attachments import checks
from attachments.models import Kind
from core.parsing import clean_text


class UploadForm(forms.Form):
    """A file for a record; checked by content (attachments.checks) before anything is stored."""

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": checks.ACCEPT}),
        help_text=_("A photo, a scan, a PDF, a Word document or an Excel workbook."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.inspected = None

    def clean_title(self):
        return clean_text(self.cleaned_data.get("title"), 200)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.inspected = checks.inspect(upload)
        except checks.Rejected as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.too_large:
            # The upload handler dropped the file while it arrived: say why, not "this field is required".
            self.errors.pop("file", None)
            self.add_error("file", checks.too_large_message())
        return cleaned
