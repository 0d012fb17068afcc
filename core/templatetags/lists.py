"""{{ names|join_names }}: a list of names joined as the active language writes it."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core.lists import join_names as join_text

register = template.Library()


@register.filter(needs_autoescape=True)
def join_names(items, autoescape=True):
    """Like |join, with "، " in Arabic and ", " in English."""
    escape = conditional_escape if autoescape else str
    return mark_safe(join_text(escape(item) for item in items))
