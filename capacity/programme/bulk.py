"""The fast bulk path of build.py: every row made with bulk_create in batches of 5,000, in
one transaction, then the tallies recounted once (the bulk loaders' exception to the one
door of trainings: bulk writes send no signal and recount afterwards).
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from capacity.programme import parts
from organizations.arabic import normalize
from organizations.models import Centre, Gender, Organization, Person, Region, Room
from trainings import tallies
from trainings.models import Attendance, Enrollment, Session, Tally, Topic, Trainer, Workshop

BATCH = parts.BATCH
ROOMS = 4
FIRST_DAY = datetime.date(2019, 1, 1)
SESSION_HOURS = (datetime.time(9, 0), datetime.time(12, 0))

FIRST = ["فاطمة", "مريم", "آمنة", "هدى", "رؤى", "أحمد", "محمد", "عمر", "خالد", "يوسف", "نور", "سامر", "ريم", "علي"]
LAST = ["الأحمد", "الحسين", "العلي", "الخلف", "الجاسم", "المحمد", "الصالح", "الحمود", "الموسى", "الحسن", "السالم"]
WORDS = ["الأمل", "النور", "الغد", "التنمية", "السلام", "الفرات", "الخابور", "البادية", "الشباب", "المرأة"]
# One mark in five is not "present": two absent, one late, one excused in every twenty.
STATUS_CYCLE = ["absent", "absent", "late", "excused"] + ["present"] * 16


def status(person_index, session_index):
    return STATUS_CYCLE[(person_index * 31 + session_index * 17) % len(STATUS_CYCLE)]


def write(size, code, *, marks=True, say=print):
    """Write the programme of `size` under project `code`; return the project."""
    with transaction.atomic():
        region, _ = Region.objects.get_or_create(name_ar="منطقة الاختبار", defaults={"name_en": "Bench region"})
        centre, _ = Centre.objects.get_or_create(
            name_ar=f"مركز الاختبار {code}", defaults={"name_en": f"Bench centre {code}", "region": region}
        )
        rooms = [
            Room.objects.get_or_create(centre=centre, name_ar=f"قاعة {i + 1}", defaults={"capacity": 60})[0]
            for i in range(ROOMS)
        ]
        orgs = Organization.objects.bulk_create(
            [_organization(i, code, region) for i in range(size.organizations)], batch_size=BATCH
        )
        say(f"{len(orgs)} organisations")
        people = Person.objects.bulk_create(
            [_person(i, orgs[i % len(orgs)]) for i in range(size.people)], batch_size=BATCH
        )
        say(f"{len(people)} people")
        trainers = Trainer.objects.bulk_create(
            [Trainer(name=f"{FIRST[i % 14]} {LAST[i % 11]} ({code}-{i})") for i in range(size.trainers)]
        )
        project, phase, _coaching = parts.project_with_phases(
            code,
            centre=centre,
            name_ar=f"مشروع الاختبار {code}",
            name_en=f"Benchmark project {code}",
            start_date=FIRST_DAY,
            end_date=datetime.date(2025, 12, 31),
            target_organizations=size.organizations,
            target_trainees=size.people,
        )
        topics = list(Topic.objects.order_by("pk"))
        workshops = _workshops(size, project, phase, rooms, topics, trainers)
        say(f"{len(workshops)} workshops")
        members = _enrol(size, workshops, people)
        say(f"{sum(len(m) for m in members.values())} enrolments")
        sessions = _sessions(size, workshops, topics, trainers, held=marks)
        say(f"{len(sessions)} sessions")
        if marks:
            say(f"{_marks(sessions, members)} attendance marks")
        tallies.recount(w.pk for w in workshops)
        say("tallies")
    _analyze()
    return project


def _workshops(size, project, phase, rooms, topics, trainers):
    workshops = []
    for i in range(size.workshops):
        start = FIRST_DAY + datetime.timedelta(days=(i * 4) % 2500)
        workshops.append(
            Workshop(
                project=project,
                phase=phase,
                title=f"ورشة {WORDS[i % 10]} رقم {i + 1}",
                venue=rooms[i % len(rooms)],
                start_date=start,
                end_date=start + datetime.timedelta(days=size.sessions_per_workshop + 3),
                planned_hours=size.sessions_per_workshop * 3,
                capacity=60,
            )
        )
    workshops = Workshop.objects.bulk_create(workshops, batch_size=BATCH)
    through = Workshop.topics.through
    through.objects.bulk_create(
        [through(workshop=w, topic=topics[i % len(topics)]) for i, w in enumerate(workshops)], batch_size=BATCH
    )
    through = Workshop.trainers.through
    through.objects.bulk_create(
        [through(workshop=w, trainer=trainers[i % len(trainers)]) for i, w in enumerate(workshops)], batch_size=BATCH
    )
    return workshops


def _enrol(size, workshops, people):
    """{workshop id: its people}: consecutive people, starting further on for each workshop."""
    enrolled_at = timezone.make_aware(datetime.datetime(2019, 1, 1))
    per = size.enrolled_per_workshop
    members, enrollments = {}, []
    for i, workshop in enumerate(workshops):
        first = (i * per * 7) % len(people)  # everyone gets a turn
        chosen = [people[(first + k) % len(people)] for k in range(per)]
        members[workshop.pk] = chosen
        enrollments.extend(Enrollment(workshop=workshop, person=p, enrolled_at=enrolled_at) for p in chosen)
    Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    return members


def _sessions(size, workshops, topics, trainers, *, held):
    """Consecutive mornings from each workshop's first day; held ones have their attendance taken."""
    start, end = SESSION_HOURS
    sessions = []
    for i, workshop in enumerate(workshops):
        for k in range(size.sessions_per_workshop):
            day = workshop.start_date + datetime.timedelta(days=k)
            sessions.append(
                Session(
                    workshop=workshop,
                    date=day,
                    start_time=start,
                    end_time=end,
                    topic=topics[i % len(topics)],
                    trainer=trainers[i % len(trainers)],
                    venue=workshop.venue,
                    attendance_taken_at=parts.taken_at(day, end) if held else None,
                )
            )
    return Session.objects.bulk_create(sessions, batch_size=BATCH)


def _marks(sessions, members):
    """Every enrolled person marked in every session, in chunks (250,000 rows at full size)."""
    written, chunk = 0, []
    for s_index, session in enumerate(sessions):
        for p_index, person in enumerate(members[session.workshop_id]):
            chunk.append(
                Attendance(
                    session=session,
                    person=person,
                    status=status(p_index, s_index),
                    recorded_at=session.attendance_taken_at,
                )
            )
        if len(chunk) >= BATCH:
            Attendance.objects.bulk_create(chunk, batch_size=BATCH)
            written, chunk = written + len(chunk), []
    Attendance.objects.bulk_create(chunk, batch_size=BATCH)
    return written + len(chunk)


def _analyze():
    """Fresh planner statistics on PostgreSQL: the queries that follow see the new rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not connection.in_atomic_block:
            cursor.execute("ANALYZE")
            return
        for model in (Organization, Person, Workshop, Enrollment, Session, Attendance, Tally):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def _organization(i, code, region):
    name = f"جمعية {WORDS[i % 10]} {code} رقم {i + 1}"
    return Organization(
        name_ar=name,
        name_en=f"Association {i + 1} ({code})",
        region=region,
        search_name=normalize(name),
        registration_status="registered",
    )


def _person(i, org):
    name = f"{FIRST[i % 14]} {LAST[(i // 14) % 11]} {FIRST[(i // 154) % 14]} {i + 1}"
    return Person(
        full_name=name,
        search_name=normalize(name),
        gender=Gender.FEMALE if i % 2 else Gender.MALE,
        organization=org,
        phone=f"+963 9{i:08d}",
        consent=True,
    )
