"""Shared form helpers: the one wording of a select's empty choice.

Django's "---------" says nothing to a reader; every form of the app mixes in
EmptyChoiceMixin so that a select's blank option reads "— choose —" ("— اختر —").
It covers the fields a model form builds for foreign keys (ModelChoiceField) and for
fields with choices (TypedChoiceField), and plain ChoiceFields that start with Django's
blank dash. Filter bars keep their own "All", which they set after this mixin runs.
"""

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

EMPTY_LABEL = _("— choose —")
DJANGO_BLANK = BLANK_CHOICE_DASH[0][1]


def name_empty_choice(field):
    """Give field's empty choice, if it has one, the app's wording."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return  # no empty option in a multiple select
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = EMPTY_LABEL
        return
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(field.choices)
        if choices and choices[0][0] in ("", None) and choices[0][1] == DJANGO_BLANK:
            field.choices = [("", EMPTY_LABEL), *choices[1:]]


class EmptyChoiceMixin:
    """A form whose selects say "— choose —" for their empty choice, not "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            name_empty_choice(field)
