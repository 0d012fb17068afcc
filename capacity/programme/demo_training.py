"""The demo's training phase: project CB-2020 and its two phases, the five workshops of late
August 2020, every trainee enrolled, two held sessions each and their marks.
Got or created by natural keys: loading twice changes nothing. Needs demo_organisations.
"""

import datetime

from capacity.programme import catalogue, parts
from organizations.models import Centre, Person, Room
from trainings import tallies, writes
from trainings.models import Attendance, Enrollment, Session, Topic, Trainer, Workshop


def demo_project():
    """Project CB-2020 and its two phases, in the Raqqa centre (the organisations' load made it)."""
    centre = Centre.objects.get(name_ar=catalogue.PROJECT_CENTRE[0])
    return parts.project_with_phases(centre=centre, **catalogue.PROJECT)


def load():
    """The five workshops of late August 2020: every trainee enrolled, two held sessions each, marks.

    Marks are written one by one (each keeps its history row, as one saved on the
    attendance sheet does); the tallies of the five workshops are recounted once at the end.
    """
    project, training, _coaching = demo_project()
    room = Room.objects.get(centre=project.centre, name_ar=catalogue.PROJECT_CENTRE[1])
    topics = {t.name_en: t for t in Topic.objects.all()}
    trainers = [_trainer(name, phone, [topics[n] for n in names]) for name, phone, names in catalogue.TRAINERS]
    people = list(
        Person.objects.filter(organization__name_ar__in=catalogue.ORGANIZATION_NAMES, consent=True).order_by(
            "organization__name_ar", "full_name"
        )
    )
    workshops = []
    for w_index, (title, topic_name, trainer_index, first_day) in enumerate(catalogue.WORKSHOPS):
        topic, trainer = topics[topic_name], trainers[trainer_index]
        workshop, created = Workshop.objects.get_or_create(
            project=project,
            title=title,
            defaults={
                "phase": training,
                "venue": room,
                "start_date": first_day,
                "end_date": first_day + datetime.timedelta(days=catalogue.WORKSHOP_DAYS - 1),
                "planned_hours": 8,
                "capacity": 30,
            },
        )
        if created:
            workshop.topics.set([topic])
            workshop.trainers.set([trainer])
        workshops.append(workshop.pk)
        for person in people:
            Enrollment.objects.get_or_create(workshop=workshop, person=person)
        for day in range(catalogue.WORKSHOP_DAYS):
            session = _session(workshop, first_day + datetime.timedelta(days=day), topic, trainer, room)
            for p_index, person in enumerate(people):
                Attendance.objects.get_or_create(
                    session=session,
                    person=person,
                    defaults={
                        "status": catalogue.demo_status(p_index, w_index * catalogue.WORKSHOP_DAYS + day),
                        "recorded_at": session.attendance_taken_at,
                    },
                )
    tallies.recount(workshops)  # the bulk loaders' exception: written here, recounted once
    return (
        f"project {project.code}: {project.workshops.count()} workshops, "
        f"{Session.objects.filter(workshop__project=project).count()} sessions, "
        f"{Attendance.objects.filter(session__workshop__project=project).count()} attendance marks"
    )


def _trainer(name, phone, topics):
    trainer, created = Trainer.objects.get_or_create(name=name, defaults={"phone": phone})
    if created:
        trainer.topics.set(topics)
    return trainer


def _session(workshop, date, topic, trainer, room):
    start, end = catalogue.SESSION_HOURS
    session, _ = Session.objects.get_or_create(
        workshop=workshop,
        date=date,
        start_time=start,
        defaults={
            "end_time": end,
            "topic": topic,
            "trainer": trainer,
            "venue": room,
            "attendance_taken_at": parts.taken_at(date, end),
        },
    )
    writes.hold_venue(session)  # the session takes its room in the calendar, as the app's door does
    return session
