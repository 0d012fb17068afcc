"""Saving a booking so that two active bookings of one room never overlap.

PostgreSQL: an exclusion constraint (migration 0003) refuses the second of two
racing writers; its IntegrityError becomes the same BookingConflict the check
gives. SQLite: settings open every atomic block with BEGIN IMMEDIATE, so the
check and the write below run while holding the database's write lock and a
second writer waits for the first to commit.
"""

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from services.models import OVERLAP_CONSTRAINT


class BookingConflict(Exception):
    def __init__(self, booking):
        super().__init__(conflict_message(booking))
        self.booking = booking


def conflict_message(booking):
    """Which booking is in the way: its organisation, day and times."""
    if booking is None:
        return _("This room is already booked at that time.")
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    return _("The room is already booked for %(organization)s on %(day)s from %(start)s to %(end)s (%(purpose)s).") % {
        "organization": booking.organization.name,
        "day": date_format(start, "l j F Y"),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i") if end.date() == start.date() else date_format(end, "j F Y H:i"),
        "purpose": booking.purpose,
    }


def is_overlap_error(error):
    return OVERLAP_CONSTRAINT in str(error) or getattr(error.__cause__, "pgcode", None) == "23P01"


def is_deadlock(error):
    return getattr(error.__cause__, "pgcode", None) == "40P01"


ATTEMPTS = 3


def save_booking(booking):
    """Save booking, or raise BookingConflict naming an active booking it overlaps.

    Two inserts that overlap can each wait for the other inside the exclusion
    constraint; PostgreSQL then aborts one with a deadlock error. That writer
    tries again, and its check then sees the other's committed booking.
    """
    for attempt in range(1, ATTEMPTS + 1):
        adding = booking._state.adding
        try:
            with transaction.atomic():
                if booking.is_active:
                    conflict = booking.conflicts().first()
                    if conflict:
                        raise BookingConflict(conflict)
                booking.save()
            return booking
        except (IntegrityError, OperationalError) as error:
            if adding:
                booking.pk, booking._state.adding = None, True
            if isinstance(error, OperationalError):
                if is_deadlock(error) and attempt < ATTEMPTS:
                    continue
                raise
            if not is_overlap_error(error):
                raise
            # The other writer has committed by now; name its booking.
            raise BookingConflict(booking.conflicts().first()) from error
    raise AssertionError("unreachable")
