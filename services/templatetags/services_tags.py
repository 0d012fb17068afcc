from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def signed(value, digits=1):
    """A change with its sign: +1.5, −0.5, 0."""
    if value is None or value == "":
        return "–"
    value = round(float(value), int(digits))
    if value == 0:
        return "0"
    text = number_format(abs(value), int(digits))
    return f"+{text}" if value > 0 else f"−{text}"


@register.filter
def change_class(value):
    if value is None or value == "":
        return ""
    if value > 0:
        return "change-up"
    if value < 0:
        return "change-down"
    return "change-none"


@register.filter
def index(sequence, position):
    return sequence[position]
