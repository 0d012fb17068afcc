"""Seven days of a centre: its rooms by days from a chosen first day (today by default), in the app's time zone.

People book ahead: the view starts today and shows the next seven days, rather than a
calendar week that would show six past days on a Friday.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from services.models import Booking

DAYS = 7


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    # One list of bookings per room, in the order of the week's rooms.
    cells: list = field(default_factory=list)

    @property
    def count(self):
        return sum(1 for cell in self.cells for booking in cell if booking.is_active)


def week_of(centre, first_day):
    """(rooms, days) of the seven days from first_day."""
    rooms = list(centre.rooms.all())
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min), tz)
    end = timezone.make_aware(datetime.datetime.combine(first_day + datetime.timedelta(days=7), datetime.time.min), tz)
    bookings = (
        Booking.objects.filter(room__centre=centre, start__lt=end, end__gt=start)
        .select_related("organization")
        .order_by("start")
    )
    today = timezone.localdate()
    days = [
        Day(first_day + datetime.timedelta(days=n), first_day + datetime.timedelta(days=n) == today) for n in range(7)
    ]
    index = {room.pk: n for n, room in enumerate(rooms)}
    for day in days:
        day.cells = [[] for _ in rooms]
    for booking in bookings:
        offset = (timezone.localtime(booking.start).date() - first_day).days
        if 0 <= offset < 7 and booking.room_id in index:
            days[offset].cells[index[booking.room_id]].append(booking)
    return rooms, days
