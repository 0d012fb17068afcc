"""Dates as the user reads them, and the "within its parent" rule of projects, phases and sessions.

Messages name the allowed range in the user's format ("1 آب 2020"), never ISO; a date
outside its parent is refused (model clean(), so the app's forms and the admin agree).
"""

from django.utils.formats import date_format


def shown(value):
    """A date as the user reads it: day, month name, year (Levantine months in Arabic)."""
    return date_format(value, "j F Y")


def outside(first, last, start, end=None):
    """The fields ("start", "end") of the period start..end (end defaults to start) that leave first..last."""
    end = start if end is None else end
    wrong = []
    if start and not first <= start <= last:
        wrong.append("start")
    if end and not first <= end <= last:
        wrong.append("end")
    return wrong


def range_message(message, first, last):
    """message (translated, "... (%(first)s to %(last)s).") filled with the range in the user's format.

    Older messages name the ends start and end; both spellings are filled.
    """
    first, last = shown(first), shown(last)
    return message % {"first": first, "last": last, "start": first, "end": last}
