"""Filters for the PDFs: WeasyPrint ignores unicode-bidi, so numbers inside Arabic text sit in LTR spans."""

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def pdf_date(value):
    """A date as "day month year" with the day and the year each in an LTR span."""
    if not value:
        return ""
    return format_html(
        '<span dir="ltr">{}</span> {} <span dir="ltr">{}</span>',
        date_format(value, "j"),
        date_format(value, "F"),
        date_format(value, "Y"),
    )


@register.filter
def ltr(value):
    """Any number or code, in an LTR span."""
    return format_html('<span dir="ltr">{}</span>', value)
