"""Seven days of a centre: its rooms by days from a chosen first day (today by default), in the app's time zone.

People book ahead: the view starts today and shows the next seven days, rather than a
calendar week that would show six past days on a Friday. A cell holds the room's
bookings (cancelled ones too, struck through), the workshop sessions and the meetings held there, read
from the room's one calendar (organizations.occupancy), earliest first.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from organizations.models import Occupancy, OccupancyKind
from services.models import Booking
from trainings.models import Session

DAYS = 7


@dataclass
class SessionSlot:
    """A workshop session in a room: the room is taken, by the workshop named, with a link to the session."""

    start: datetime.datetime
    end: datetime.datetime
    title: str
    url: str
    room_id: int
    label: str = ""  # what the chip says it is: "" for a workshop session
    is_session = True
    is_active = True


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    # One list per room, in the order of the week's rooms: bookings and SessionSlots by start.
    cells: list = field(default_factory=list)

    @property
    def count(self):
        return sum(1 for cell in self.cells for entry in cell if entry.is_active)


def week_of(centre, first_day):
    """(rooms, days) of the seven days from first_day."""
    rooms = list(centre.rooms.all())
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min), tz)
    end = timezone.make_aware(
        datetime.datetime.combine(first_day + datetime.timedelta(days=DAYS), datetime.time.min), tz
    )
    bookings = (
        Booking.objects.filter(room__centre=centre, start__lt=end, end__gt=start)
        .select_related("organization")
        .order_by("start")
    )
    entries = [*bookings, *_held(centre, start, end)]
    entries.sort(key=lambda entry: entry.start)
    today = timezone.localdate()
    days = [
        Day(first_day + datetime.timedelta(days=n), first_day + datetime.timedelta(days=n) == today)
        for n in range(DAYS)
    ]
    index = {room.pk: n for n, room in enumerate(rooms)}
    for day in days:
        day.cells = [[] for _ in rooms]
    for entry in entries:
        offset = (timezone.localtime(entry.start).date() - first_day).days
        if 0 <= offset < DAYS and entry.room_id in index:
            days[offset].cells[index[entry.room_id]].append(entry)
    return rooms, days


def _held(centre, start, end):
    """The sessions and meetings holding the centre's rooms in [start, end), as slots (two queries).

    A session is titled by its workshop as it is named now; a meeting by its calendar label.
    """
    rows = list(
        Occupancy.objects.filter(
            room__centre=centre,
            kind__in=[OccupancyKind.SESSION, OccupancyKind.MEETING],
            start__lt=end,
            end__gt=start,
        ).values_list("kind", "object_id", "room_id", "start", "end", "label")
    )
    sessions = [row[1] for row in rows if row[0] == OccupancyKind.SESSION]
    titles = dict(Session.objects.filter(pk__in=sessions).values_list("pk", "workshop__title")) if sessions else {}
    meeting = str(OccupancyKind.MEETING.label)
    slots = []
    for kind, pk, room_id, row_start, row_end, label in rows:
        if kind == OccupancyKind.MEETING:
            url = reverse("services:meeting_detail", args=[pk])
            slots.append(SessionSlot(row_start, row_end, label, url, room_id, label=meeting))
        elif pk in titles:
            slots.append(SessionSlot(row_start, row_end, titles[pk], _url(pk), room_id))
    return slots


def _url(session_pk):
    return Session(pk=session_pk).get_absolute_url()
