"""Who is in this room at this time: the one rule of a room's calendar, and its only writer.

Bookings (services.models.Booking.save), meetings (services.meetings.save_meeting) and
workshop sessions with a venue (trainings.writes.save_session) hold a room through occupy() and give it back through
free(); nothing else writes organizations.models.Occupancy. Both doors call occupy()
inside their own transaction, so the room's row and the booking or session commit or
roll back together.

Overlaps are refused once, here: the check below names what is in the way; under
concurrent writers PostgreSQL's exclusion constraint (migration 0006) refuses the
second row and its IntegrityError becomes the same RoomTaken. On SQLite every atomic
block opens with BEGIN IMMEDIATE (settings), so the check and the write run while
holding the database's write lock and a second writer waits for the first to commit.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from organizations.models import Occupancy, OccupancyKind

OVERLAP_CONSTRAINT = "organizations_occupancy_no_overlap"
ATTEMPTS = 3


class RoomTaken(ValidationError):
    """The room is taken at that time; occupancy is the row in the way (None if it is gone by now)."""

    def __init__(self, occupancy):
        self.occupancy = occupancy
        super().__init__(taken_message(occupancy), code="room_taken")


def span(day, start_time, end_time):
    """A day and two wall-clock times in the centres' time zone, as aware datetimes."""
    tz = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.datetime.combine(day, start_time), tz),
        timezone.make_aware(datetime.datetime.combine(day, end_time), tz),
    )


def in_the_way(room_id, start, end, holder=None):
    """What holds room_id for some of [start, end), earliest first; holder's own row left out."""
    rows = Occupancy.objects.filter(room_id=room_id, start__lt=end, end__gt=start).order_by("start", "pk")
    if holder is not None and holder.pk is not None:
        rows = rows.exclude(content_type=ContentType.objects.get_for_model(holder), object_id=holder.pk)
    return rows


def first_in_the_way(room_id, start, end, holder=None):
    return in_the_way(room_id, start, end, holder).first()


def occupy(holder, kind, room_id, start, end, label):
    """Write holder's row in room_id's calendar, or raise RoomTaken naming what is in the way.

    A row whose room and times do not change is only relabelled: a row carried over
    overlapping from before the rule keeps its flag until someone moves it.
    """
    content_type = ContentType.objects.get_for_model(holder)
    row = Occupancy.objects.filter(content_type=content_type, object_id=holder.pk).first()
    row = row or Occupancy(content_type=content_type, object_id=holder.pk)
    moved = (row.room_id, row.start, row.end) != (room_id, start, end)
    row.kind, row.label = kind, label[:300]
    if moved:
        row.room_id, row.start, row.end, row.carried_overlap = room_id, start, end, False
        conflict = first_in_the_way(room_id, start, end, holder)
        if conflict is not None:
            raise RoomTaken(conflict)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:
        if not is_overlap_error(error):
            raise
        # A racing writer committed its row between our check and our write: name it.
        raise RoomTaken(in_the_way(room_id, start, end, holder).first()) from error
    return row


def free(holder):
    """Give the room back: holder (a booking or a session) no longer occupies it."""
    free_all(type(holder), [holder.pk])


def free_all(model, pks):
    content_type = ContentType.objects.get_for_model(model)
    Occupancy.objects.filter(content_type=content_type, object_id__in=[pk for pk in pks if pk]).delete()


def is_overlap_error(error):
    return OVERLAP_CONSTRAINT in str(error) or getattr(error.__cause__, "pgcode", None) == "23P01"


def is_deadlock(error):
    return getattr(error.__cause__, "pgcode", None) == "40P01"


def retrying(write, undo):
    """Run write() (a whole transaction), again after a deadlock.

    Two overlapping inserts can each wait for the other inside the exclusion constraint;
    PostgreSQL then aborts one with a deadlock error. That writer tries again (after
    undo() resets what the failed attempt left on its objects), and its check then sees
    the other's committed row. Inside an outer transaction there is nothing to retry.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return write()
        except (IntegrityError, OperationalError, ValidationError) as error:
            undo()
            retry = isinstance(error, OperationalError) and is_deadlock(error)
            if not retry or attempt == ATTEMPTS or connection.in_atomic_block:
                raise
    raise AssertionError("unreachable")


def taken_message(occupancy):
    """What holds the room, when, and a link to it (HTML-safe: the label is escaped)."""
    if occupancy is None:
        return _("This room is already taken at that time.")
    start, end = timezone.localtime(occupancy.start), timezone.localtime(occupancy.end)
    params = {
        "what": occupancy.label,
        "day": date_format(start, "l j F Y"),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i") if end.date() == start.date() else date_format(end, "j F Y H:i"),
    }
    if occupancy.kind == OccupancyKind.SESSION:
        text = _("The room is taken by a workshop session on %(day)s from %(start)s to %(end)s: %(what)s.")
        see = _("See the session")
    elif occupancy.kind == OccupancyKind.MEETING:
        text = _("The room is taken by a meeting on %(day)s from %(start)s to %(end)s: %(what)s.")
        see = _("See the meeting")
    else:
        text = _("The room is booked on %(day)s from %(start)s to %(end)s: %(what)s.")
        see = _("See the booking")
    url = occupancy.get_absolute_url()
    if not url:
        return text % params
    return format_html('{} <a class="alert-link" href="{}">{}</a>', text % params, url, see)
