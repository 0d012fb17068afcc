"""Demo data of services: bookings in the coming weeks, two support visits, and
needs assessments before and after the 2020 project.

Gets or creates by natural key, so loading twice changes nothing. A booking's
hours depend only on its date, so loading on a later day never overlaps the
bookings an earlier load made.
"""

import datetime

from django.utils import timezone

from organizations.models import Organization, Room
from services.booking import BookingConflict, save_booking
from services.models import AssessmentScore, Booking, CapacityArea, Consultation, NeedsAssessment

# (weekday, room index, organisation, start hour, hours, purpose); weekday 5 = Saturday.
WEEKLY = [
    (5, 1, "توتول", 10, 2, "اجتماع مجلس الإدارة"),
    (6, 0, "العهد", 9, 3, "ورشة داخلية لفريق المتطوعين"),
    (0, 1, "نبض", 11, 2, "اجتماع تنسيقي مع الشركاء"),
    (1, 1, "فصول الأربعة", 10, 2, "اجتماع فريق المشروع"),
    (1, 0, "ديرنا", 13, 3, "جلسة عمل مشتركة"),
    (2, 0, "معاً لأجل الجرنية", 10, 4, "تدريب المتطوعين الجدد"),
    (3, 1, "بصمة أمل", 12, 2, "لقاء مع المستفيدين"),
]
DAYS_AHEAD = 21

CONSULTATIONS = [
    {
        "organization": "العهد",
        "kind": "legal",
        "adviser": "المحامية سلمى الحسن",
        "date": datetime.date(2020, 10, 12),
        "topic": "إجراءات ترخيص المنظمة لدى الجهات المحلية",
        "advice": "مراجعة النظام الداخلي وتعديل مادة العضوية، وتجهيز ملف الترخيص بالوثائق المطلوبة.",
        "follow_up": "زيارة ثانية لمراجعة الملف قبل تقديمه.",
        "follow_up_due": datetime.date(2020, 11, 2),
        "follow_up_done": True,
    },
    {
        "organization": "ديرنا",
        "kind": "financial",
        "adviser": "خالد العلي",
        "date": datetime.date(2020, 11, 16),
        "topic": "إعداد دليل الإجراءات المالية",
        "advice": "فصل صلاحيات الصرف عن المحاسبة، واعتماد سجل نقدية يومي وتسوية شهرية للحساب.",
        "follow_up": "إرسال نموذج سجل النقدية ومراجعة أول تسوية شهرية.",
        "follow_up_due": datetime.date(2020, 12, 14),
        "follow_up_done": False,
    },
]

BEFORE, AFTER = datetime.date(2020, 8, 15), datetime.date(2020, 12, 20)
# Organisation: scores before and after, in the order of the capacity areas.
ASSESSMENTS = {
    "توتول": ([2, 1, 2, 1, 2, 1, 2, 3, 2], [3, 3, 3, 2, 3, 2, 3, 4, 3]),
    "العهد": ([3, 2, 2, 2, 3, 2, 2, 3, 2], [4, 4, 3, 3, 4, 3, 3, 4, 4]),
    "نبض": ([2, 2, 1, 1, 2, 1, 2, 2, 1], [3, 3, 2, 2, 3, 3, 2, 3, 3]),
    "ديرنا": ([2, 1, 1, 2, 2, 1, 1, 2, 2], [3, 3, 3, 3, 3, 2, 2, 3, 3]),
    "بصمة أمل": ([1, 1, 1, 1, 2, 1, 1, 2, 1], [2, 3, 2, 2, 3, 2, 2, 3, 2]),
    "حلم للتنمية": ([3, 2, 3, 2, 3, 2, 3, 3, 3], [3, 4, 3, 3, 4, 3, 3, 4, 4]),
}


def load():
    orgs = {o.name_ar: o for o in Organization.objects.all()}
    bookings = _bookings(orgs)
    for data in CONSULTATIONS:
        defaults = dict(data)
        keys = {"organization": orgs[defaults.pop("organization")], "date": defaults.pop("date")}
        Consultation.objects.get_or_create(topic=defaults.pop("topic"), **keys, defaults=defaults)
    areas = list(CapacityArea.objects.all())
    for name, (before, after) in ASSESSMENTS.items():
        for day, scores, note in ((BEFORE, before, "تقييم قبل المشروع"), (AFTER, after, "تقييم بعد المشروع")):
            assessment, created = NeedsAssessment.objects.get_or_create(
                organization=orgs[name], date=day, defaults={"assessed_by": "فريق مركز الرقة", "note": note}
            )
            if created:
                AssessmentScore.objects.bulk_create(
                    AssessmentScore(assessment=assessment, area=area, score=score)
                    for area, score in zip(areas, scores, strict=True)
                )
    return (
        f"{bookings} bookings ahead, {Consultation.objects.count()} consultations, "
        f"{NeedsAssessment.objects.count()} needs assessments"
    )


def _bookings(orgs):
    """Bookings in both centres over the coming three weeks."""
    tz = timezone.get_current_timezone()
    rooms = {}
    for room in Room.objects.select_related("centre").order_by("centre__name_ar", "pk"):
        rooms.setdefault(room.centre_id, []).append(room)
    today = timezone.localdate()
    now = timezone.now()
    for offset in range(1, DAYS_AHEAD + 1):
        day = today + datetime.timedelta(days=offset)
        for slot, (weekday, room_index, _, hour, hours, _) in enumerate(WEEKLY):
            if day.weekday() != weekday:
                continue
            for centre_index, centre_rooms in enumerate(rooms.values()):
                # Another organisation in each centre at that hour.
                org_name, purpose = (WEEKLY[(slot + 3 * centre_index) % len(WEEKLY)][i] for i in (2, 5))
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
