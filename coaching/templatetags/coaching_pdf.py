"""Filters for the plan PDF: WeasyPrint ignores unicode-bidi, so numbers need explicit LTR spans."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# A run of digits, with the separators that sit inside dates, ranges, decimals and percentages.
NUMBER = re.compile(r"[0-9\u0660-\u0669](?:[0-9\u0660-\u0669.,:/%\u066b\u066c\u2013-]*[0-9\u0660-\u0669%])?")


@register.filter(needs_autoescape=True)
def bidi(value, autoescape=True):
    """Escape value and wrap each number in <span dir="ltr"> so it is not reversed in Arabic text."""
    if value is None:
        return ""
    escape = conditional_escape if autoescape else str
    parts, last = [], 0
    text = str(value)
    for match in NUMBER.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<span dir="ltr">{escape(match.group(0))}</span>')
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(str(part) for part in parts))


@register.filter(needs_autoescape=True)
def bidi_lines(value, autoescape=True):
    """bidi, with line breaks kept."""
    return mark_safe(str(bidi(value, autoescape)).replace("\r\n", "\n").replace("\n", "<br>"))


@register.filter
def quarter(pair):
    """[year, quarter] as "Q2 2021" in the active language, numbers kept left to right."""
    year, number = pair
    return format_html(
        _("Q{quarter} {year}")
        .replace("{quarter}", '<span dir="ltr">{quarter}</span>')
        .replace("{year}", '<span dir="ltr">{year}</span>'),
        quarter=number,
        year=year,
    )
