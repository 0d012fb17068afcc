"""Rooms have one calendar: the active bookings and the sessions with a venue become occupancy rows.

Then the bookings' own exclusion constraint (migration 0003) is dropped: the occupancy
table's (organizations 0006) covers bookings and sessions alike.

Old data may overlap (a session over a booking, two sessions of different workshops in
one room): the rule did not exist when they were written. Refusing to migrate would
leave a centre unable to upgrade until it edits the past, so both rows are kept: the
later one (bookings first, then sessions by time) is flagged carried_overlap, which keeps
it outside the database's constraint, the room still counts as taken at that time for
any new booking or session, and the migration lists each one. Moving a flagged booking
or session (another room or time) clears the flag and must then fit.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import migrations


def _span(day, start_time, end_time):
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.datetime.combine(day, start_time, tzinfo=tz),
        datetime.datetime.combine(day, end_time, tzinfo=tz),
    )


def _holders(apps):
    """(model label, pk, room, start, end, kind, label) of what held rooms before, bookings first."""
    Booking = apps.get_model("services", "Booking")
    Session = apps.get_model("trainings", "Session")
    for booking in Booking.objects.filter(status="booked").select_related("organization").order_by("start", "pk"):
        label = f"{booking.organization.name_ar} ({booking.purpose})"
        yield ("booking", booking.pk, booking.room_id, booking.start, booking.end, "booking", label)
    sessions = Session.objects.filter(venue__isnull=False).select_related("workshop").order_by("date", "start_time")
    for session in sessions:
        if session.end_time <= session.start_time:
            continue  # not a span of time: nothing to hold
        start, end = _span(session.date, session.start_time, session.end_time)
        yield ("session", session.pk, session.venue_id, start, end, "session", session.workshop.title)


def fill(apps, schema_editor):
    Occupancy = apps.get_model("organizations", "Occupancy")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = {
        "booking": ContentType.objects.get_or_create(app_label="services", model="booking")[0],
        "session": ContentType.objects.get_or_create(app_label="trainings", model="session")[0],
    }
    carried = []
    for model, pk, room_id, start, end, kind, label in _holders(apps):
        overlaps = Occupancy.objects.filter(room_id=room_id, start__lt=end, end__gt=start).exists()
        Occupancy.objects.create(
            room_id=room_id,
            start=start,
            end=end,
            kind=kind,
            label=label[:300],
            content_type=types[model],
            object_id=pk,
            carried_overlap=overlaps,
        )
        if overlaps:
            carried.append(f"{model} {pk} (room {room_id}, {start:%Y-%m-%d %H:%M}-{end:%H:%M}): {label}")
    if carried:
        print(f"\n  {len(carried)} booking(s) or session(s) overlapped another use of their room; kept, flagged:")
        for line in carried:
            print(f"    {line}")


def empty(apps, schema_editor):
    apps.get_model("organizations", "Occupancy").objects.all().delete()


def drop_booking_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE services_booking DROP CONSTRAINT IF EXISTS services_booking_no_overlap")


def add_booking_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE services_booking ADD CONSTRAINT services_booking_no_overlap EXCLUDE USING gist "
            "(room_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) WHERE (status = 'booked')"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0004_sane_dates"),
        ("organizations", "0006_occupancy"),
        ("trainings", "0008_sane_dates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(fill, empty),
        migrations.RunPython(drop_booking_constraint, add_booking_constraint),
    ]
