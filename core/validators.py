"""Validators shared by models and forms of every app."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.parsing import FIRST_YEAR, LAST_YEAR, is_sane


def validate_sane_date(value):
    """Refuse a date outside FIRST_YEAR..LAST_YEAR (year 0001 or 9999 is a typing slip)."""
    if value is not None and not is_sane(value):
        raise ValidationError(
            _("Enter a date between %(first)d and %(last)d."),
            code="date_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
