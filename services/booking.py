"""Saving a booking so that it never overlaps what else holds its room (a booking or a session).

The rule is the room's one calendar (organizations.occupancy): Booking.save writes the
booking's row there in the same transaction, and the rule refuses a row that overlaps
another, by its check and, under concurrent writers on PostgreSQL, by the exclusion
constraint on the occupancy table. This door turns that refusal into a BookingConflict
naming what is in the way, and retries once a deadlock between two racing writers is
broken (organizations.occupancy.retrying).
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from organizations import occupancy
from organizations.models import OccupancyKind


class BookingConflict(Exception):
    """The room is taken; occupancy is the row in the way, booking the booking it holds (if one)."""

    def __init__(self, taken):
        self.occupancy = taken
        self.booking = booking_of(taken)
        self.message = conflict_message(taken)
        super().__init__(self.message)


def booking_of(taken):
    if taken is None or taken.kind != OccupancyKind.BOOKING:
        return None
    return taken.holder


def conflict_message(taken):
    """What is in the way, with a link to it: a booking's organisation, day and times, or a session."""
    booking = booking_of(taken)
    if booking is None:
        return occupancy.taken_message(taken)
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    text = _("The room is already booked for %(organization)s on %(day)s from %(start)s to %(end)s (%(purpose)s).") % {
        "organization": booking.organization.name,
        "day": date_format(start, "l j F Y"),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i") if end.date() == start.date() else date_format(end, "j F Y H:i"),
        "purpose": booking.purpose,
    }
    return format_html(
        '{} <a class="alert-link" href="{}">{}</a>', text, booking.get_absolute_url(), _("See the booking")
    )


def save_booking(booking):
    """Save booking, or raise BookingConflict naming what holds its room at that time."""
    adding = booking._state.adding

    def undo():
        if adding:
            booking.pk, booking._state.adding = None, True

    try:
        occupancy.retrying(booking.save, undo)
    except occupancy.RoomTaken as taken:
        raise BookingConflict(taken.occupancy) from taken
    return booking
