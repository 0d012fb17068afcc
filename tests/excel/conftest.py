import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from capacity.programme import parts
from organizations.models import Gender
from tests.factories import CentreFactory, OrganizationFactory, PersonFactory, RegionFactory, RoomFactory
from trainings.models import (
    Attendance,
    AttendanceStatus,
    Enrollment,
    Session,
    Topic,
    Trainer,
    Workshop,
)

INJECTION = '=HYPERLINK("http://x","y")'


@pytest.fixture
def training(db):
    """A project with two workshops; the first has three sessions (two held) and three trainees."""
    raqqa = RegionFactory(name_ar="الرقة", name_en="Raqqa")
    deir = RegionFactory(name_ar="ريف دير الزور", name_en="Rural Deir ez-Zor")
    centre = CentreFactory(region=raqqa)
    room = RoomFactory(centre=centre, name_ar="قاعة التدريب")
    project, phase1, _coaching = parts.project_with_phases(
        "CB-2020",
        centre=centre,
        name_ar="مشروع بناء قدرات المنظمات المحلية",
        name_en="Local organisations' capacity building",
        donor="جهة مانحة",
        start_date=datetime.date(2020, 8, 1),
        end_date=datetime.date(2020, 12, 31),
        completion_threshold=75,
    )
    topic, _ = Topic.objects.get_or_create(name_ar="التخطيط الاستراتيجي", defaults={"name_en": "Strategic planning"})
    trainer = Trainer.objects.create(name="سامر الخليل")
    workshop = Workshop.objects.create(
        project=project,
        phase=phase1,
        title="ورشة التخطيط الاستراتيجي",
        venue=room,
        start_date=datetime.date(2020, 8, 23),
        end_date=datetime.date(2020, 8, 27),
        planned_hours=9,
    )
    workshop.trainers.add(trainer)
    other = Workshop.objects.create(
        project=project,
        phase=phase1,
        title="ورشة التشبيك",
        start_date=datetime.date(2020, 9, 1),
        end_date=datetime.date(2020, 9, 2),
    )
    taken = timezone.now()
    sessions = [
        Session.objects.create(
            workshop=workshop,
            date=datetime.date(2020, 8, 23 + i),
            start_time=datetime.time(9),
            end_time=datetime.time(12, 30),
            topic=topic,
            trainer=trainer,
            attendance_taken_at=taken if i < 2 else None,
        )
        for i in range(3)
    ]
    other_session = Session.objects.create(
        workshop=other,
        date=datetime.date(2020, 9, 1),
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        attendance_taken_at=taken,
    )
    basma = OrganizationFactory(name_ar="بصمة أمل", name_en="Basmat Amal", region=deir)
    nabd = OrganizationFactory(name_ar="نبض", name_en="Nabd", region=raqqa)
    huda = PersonFactory(full_name="هدى العلي", gender=Gender.FEMALE, organization=basma)
    omar = PersonFactory(full_name="عمر الخلف", gender=Gender.MALE, organization=nabd)
    evil = PersonFactory(full_name=INJECTION, gender=Gender.MALE, organization=basma)
    grid = {
        huda: [AttendanceStatus.PRESENT, AttendanceStatus.LATE],
        omar: [AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED],
        evil: [AttendanceStatus.PRESENT, AttendanceStatus.ABSENT],
    }
    marks = [
        Attendance(session=session, person=person, status=status)
        for person, statuses in grid.items()
        for session, status in zip(sessions, statuses, strict=False)
    ]
    parts.write_in_bulk(
        enrolments=[Enrollment(workshop=workshop, person=p) for p in grid] + [Enrollment(workshop=other, person=huda)],
        marks=[*marks, Attendance(session=other_session, person=huda, status=AttendanceStatus.PRESENT)],
    )
    return SimpleNamespace(
        project=project,
        phase=phase1,
        workshop=workshop,
        other=other,
        sessions=sessions,
        huda=huda,
        omar=omar,
        evil=evil,
        basma=basma,
        nabd=nabd,
        raqqa=raqqa,
        deir=deir,
    )
