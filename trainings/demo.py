"""Demo data of trainings: the 2020 project, its two phases, and the five phase-1 workshops of
the first field report (late August 2020) with their sessions and the demo trainees' attendance.

Every row is got or created by a natural key, so loading twice changes nothing.
"""

import datetime

from django.utils import timezone

from organizations.models import Centre, Person, Room
from trainings.models import (
    Attendance,
    AttendanceStatus,
    Enrollment,
    Phase,
    PhaseKind,
    Project,
    Session,
    Topic,
    Trainer,
    Workshop,
)

D = datetime.date
CODE = "CB-2020"

TRAINERS = [
    ("سامر الخطيب", "+963 933 100 200", ["Fundraising", "Networking", "Communication and coordination"]),
    ("ليلى الحسن", "+963 944 300 400", ["Strategic planning", "SWOT analysis"]),
]

# (title, topic (English name), trainer index, first day)
WORKSHOPS = [
    ("جمع التبرعات والحصول على التمويل والتحضير الداخلي لجمع التبرعات", "Fundraising", 0, D(2020, 8, 20)),
    ("التشبيك: الأهداف والمبادئ والقيم والأساليب", "Networking", 0, D(2020, 8, 22)),
    ("التخطيط الاستراتيجي", "Strategic planning", 1, D(2020, 8, 24)),
    ("تحليل SWOT", "SWOT analysis", 1, D(2020, 8, 26)),
    ("التواصل والتنسيق ونشر المعلومات", "Communication and coordination", 0, D(2020, 8, 29)),
]


def _status(person_index, session_index):
    """A fixed, varied pattern: most present, some late or excused, two trainees often absent."""
    if person_index % 15 == 14 and session_index % 2 == 0:
        return AttendanceStatus.ABSENT
    code = (person_index * 7 + session_index * 3) % 19
    return {0: AttendanceStatus.ABSENT, 1: AttendanceStatus.LATE, 2: AttendanceStatus.EXCUSED}.get(
        code, AttendanceStatus.PRESENT
    )


def load():
    centre = Centre.objects.get(name_ar="مركز الرقة")
    room = Room.objects.get(centre=centre, name_ar="قاعة التدريب")
    project, _ = Project.objects.get_or_create(
        code=CODE,
        defaults={
            "name_ar": "مشروع بناء قدرات المنظمات المحلية",
            "name_en": "Capacity building of local organisations",
            "donor": "",
            "centre": centre,
            "start_date": D(2020, 8, 1),
            "end_date": D(2020, 12, 31),
            "target_organizations": 15,
            "target_trainees": 30,
        },
    )
    training, _ = Phase.objects.get_or_create(
        project=project,
        number=1,
        defaults={"kind": PhaseKind.TRAINING, "start_date": D(2020, 8, 20), "end_date": D(2020, 8, 31)},
    )
    Phase.objects.get_or_create(
        project=project,
        number=2,
        defaults={"kind": PhaseKind.COACHING, "start_date": D(2020, 9, 27), "end_date": D(2020, 12, 31)},
    )
    topics = {t.name_en: t for t in Topic.objects.all()}
    trainers = []
    for name, phone, topic_names in TRAINERS:
        trainer, created = Trainer.objects.get_or_create(name=name, defaults={"phone": phone})
        if created:
            trainer.topics.set([topics[n] for n in topic_names])
        trainers.append(trainer)
    people = list(
        Person.objects.filter(organization__name_ar__in=_demo_organisations(), consent=True).order_by(
            "organization__name_ar", "full_name"
        )
    )
    for title, topic_name, trainer_index, first_day in WORKSHOPS:
        topic, trainer = topics[topic_name], trainers[trainer_index]
        workshop, created = Workshop.objects.get_or_create(
            project=project,
            title=title,
            defaults={
                "phase": training,
                "venue": room,
                "start_date": first_day,
                "end_date": first_day + datetime.timedelta(days=1),
                "planned_hours": 8,
                "capacity": 30,
            },
        )
        if created:
            workshop.topics.set([topic])
            workshop.trainers.set([trainer])
        for person in people:
            Enrollment.objects.get_or_create(workshop=workshop, person=person)
        for day in range(2):
            date = first_day + datetime.timedelta(days=day)
            session, _ = Session.objects.get_or_create(
                workshop=workshop,
                date=date,
                start_time=datetime.time(9, 0),
                defaults={
                    "end_time": datetime.time(13, 0),
                    "topic": topic,
                    "trainer": trainer,
                    "venue": room,
                    "attendance_taken_at": timezone.make_aware(datetime.datetime.combine(date, datetime.time(13, 0))),
                },
            )
            session_index = WORKSHOPS.index((title, topic_name, trainer_index, first_day)) * 2 + day
            for person_index, person in enumerate(people):
                Attendance.objects.get_or_create(
                    session=session,
                    person=person,
                    defaults={
                        "status": _status(person_index, session_index),
                        "recorded_at": session.attendance_taken_at,
                    },
                )
    return (
        f"project {CODE}: {project.workshops.count()} workshops, "
        f"{Session.objects.filter(workshop__project=project).count()} sessions, "
        f"{Attendance.objects.filter(session__workshop__project=project).count()} attendance marks"
    )


def _demo_organisations():
    from organizations.demo import ORGANIZATIONS

    return [org[0] for org in ORGANIZATIONS]
