"""The demo's services: bookings in both centres over the coming weeks, two support visits,
and needs assessments before and after the 2020 project.

Gets or creates by natural key, so loading twice changes nothing. A booking's hours
depend only on its date, so loading on a later day never overlaps the bookings an
earlier load made. Bookings go through the booking door (services.booking.save_booking).
"""

import datetime

from django.utils import timezone

from capacity.programme import catalogue
from organizations.models import Organization, Room
from services.booking import BookingConflict, save_booking
from services.models import AssessmentScore, Booking, CapacityArea, Consultation, NeedsAssessment


def load():
    orgs = {o.name_ar: o for o in Organization.objects.all()}
    bookings = _bookings(orgs)
    for data in catalogue.CONSULTATIONS:
        defaults = dict(data)
        keys = {"organization": orgs[defaults.pop("organization")], "date": defaults.pop("date")}
        Consultation.objects.get_or_create(topic=defaults.pop("topic"), **keys, defaults=defaults)
    _assessments(orgs)
    return (
        f"{bookings} bookings ahead, {Consultation.objects.count()} consultations, "
        f"{NeedsAssessment.objects.count()} needs assessments"
    )


def _assessments(orgs):
    areas = list(CapacityArea.objects.all())
    stages = ((catalogue.ASSESSED_BEFORE, "تقييم قبل المشروع"), (catalogue.ASSESSED_AFTER, "تقييم بعد المشروع"))
    for name, all_scores in catalogue.ASSESSMENTS.items():
        for (day, note), scores in zip(stages, all_scores, strict=True):
            assessment, created = NeedsAssessment.objects.get_or_create(
                organization=orgs[name], date=day, defaults={"assessed_by": catalogue.ASSESSED_BY, "note": note}
            )
            if created:
                AssessmentScore.objects.bulk_create(
                    AssessmentScore(assessment=assessment, area=area, score=score)
                    for area, score in zip(areas, scores, strict=True)
                )


def _bookings(orgs):
    """Bookings in both centres over the coming three weeks."""
    weekly = catalogue.WEEKLY_BOOKINGS
    tz = timezone.get_current_timezone()
    rooms = {}
    for room in Room.objects.select_related("centre").order_by("centre__name_ar", "pk"):
        rooms.setdefault(room.centre_id, []).append(room)
    today = timezone.localdate()
    now = timezone.now()
    for offset in range(1, catalogue.BOOKING_DAYS_AHEAD + 1):
        day = today + datetime.timedelta(days=offset)
        for slot, (weekday, room_index, _, hour, hours, _) in enumerate(weekly):
            if day.weekday() != weekday:
                continue
            for centre_index, centre_rooms in enumerate(rooms.values()):
                # Another organisation in each centre at that hour.
                org_name, purpose = (weekly[(slot + 3 * centre_index) % len(weekly)][i] for i in (2, 5))
                if org_name not in orgs:
                    continue
                room = centre_rooms[room_index % len(centre_rooms)]
                start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)), tz)
                if start <= now or Booking.objects.filter(room=room, start=start).exists():
                    continue
                try:
                    save_booking(
                        Booking(
                            room=room,
                            organization=orgs[org_name],
                            purpose=purpose,
                            start=start,
                            end=start + datetime.timedelta(hours=hours),
                        )
                    )
                except BookingConflict:
                    continue  # someone booked that room at that time already
    return Booking.objects.active().filter(end__gt=now).count()
