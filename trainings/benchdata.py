"""A large, deterministic dataset for benchmarks: build(scale).

At scale 1: about 1,000 organisations, 20,000 people, 500 workshops, 5,000 sessions
(10 per workshop), 25,000 enrolments (50 per workshop) and 250,000 attendance marks.
Everything is made with bulk_create in batches; the same scale always gives the same
rows. Running it again for a scale already built does nothing. Used by
`manage.py make_bench_data` and by the benchmarks in tests/bench/.
"""

import datetime
import time

from django.db import connection, transaction
from django.utils import timezone

from organizations.arabic import normalize
from organizations.models import Centre, Gender, Organization, Person, Region, Room
from trainings import tallies
from trainings.models import (
    Attendance,
    AttendanceStatus,
    Enrollment,
    Phase,
    PhaseKind,
    Project,
    Session,
    Tally,
    Topic,
    Trainer,
    Workshop,
)

BATCH = 5000
PER_WORKSHOP = 50
SESSIONS_PER_WORKSHOP = 10

FIRST = ["فاطمة", "مريم", "آمنة", "هدى", "رؤى", "أحمد", "محمد", "عمر", "خالد", "يوسف", "نور", "سامر", "ريم", "علي"]
LAST = ["الأحمد", "الحسين", "العلي", "الخلف", "الجاسم", "المحمد", "الصالح", "الحمود", "الموسى", "الحسن", "السالم"]
WORDS = ["الأمل", "النور", "الغد", "التنمية", "السلام", "الفرات", "الخابور", "البادية", "الشباب", "المرأة"]
STATUS_CYCLE = [AttendanceStatus.ABSENT, AttendanceStatus.ABSENT, AttendanceStatus.LATE, AttendanceStatus.EXCUSED] + [
    AttendanceStatus.PRESENT
] * 16


def sizes(scale):
    return {
        "organizations": max(5, round(1000 * scale)),
        "people": max(PER_WORKSHOP + 10, round(20000 * scale)),
        "workshops": max(2, round(500 * scale)),
        "trainers": max(2, round(50 * scale)),
    }


def project_code(scale):
    return f"BENCH-{scale:g}"


def build(scale=1.0, stdout=None):
    """Create the dataset for scale (or find it made already); return a dict of counts and the project."""
    code = project_code(scale)
    existing = Project.objects.filter(code=code).first()
    if existing:
        return _summary(existing, 0.0)
    started = time.perf_counter()
    n = sizes(scale)

    def say(text):
        if stdout:
            stdout.write(f"{time.perf_counter() - started:7.1f}s {text}")

    with transaction.atomic():
        region, _ = Region.objects.get_or_create(name_ar="منطقة الاختبار", defaults={"name_en": "Bench region"})
        centre, _ = Centre.objects.get_or_create(
            name_ar=f"مركز الاختبار {code}", defaults={"name_en": f"Bench centre {code}", "region": region}
        )
        rooms = [
            Room.objects.get_or_create(centre=centre, name_ar=f"قاعة {i + 1}", defaults={"capacity": 60})[0]
            for i in range(4)
        ]
        orgs = Organization.objects.bulk_create(
            [_organization(i, code, region) for i in range(n["organizations"])], batch_size=BATCH
        )
        say(f"{len(orgs)} organisations")
        people = Person.objects.bulk_create(
            [_person(i, orgs[i % len(orgs)]) for i in range(n["people"])], batch_size=BATCH
        )
        say(f"{len(people)} people")
        topics = list(Topic.objects.order_by("pk"))
        trainers = Trainer.objects.bulk_create(
            [Trainer(name=f"{FIRST[i % 14]} {LAST[i % 11]} ({code}-{i})") for i in range(n["trainers"])]
        )
        project = Project.objects.create(
            code=code,
            name_ar=f"مشروع الاختبار {code}",
            name_en=f"Benchmark project {code}",
            centre=centre,
            start_date=datetime.date(2019, 1, 1),
            end_date=datetime.date(2025, 12, 31),
            target_organizations=n["organizations"],
            target_trainees=n["people"],
        )
        phase = Phase.objects.create(
            project=project, number=1, kind=PhaseKind.TRAINING, start_date=project.start_date, end_date=project.end_date
        )
        Phase.objects.create(
            project=project, number=2, kind=PhaseKind.COACHING, start_date=project.start_date, end_date=project.end_date
        )
        workshops = []
        for i in range(n["workshops"]):
            start = datetime.date(2019, 1, 1) + datetime.timedelta(days=(i * 4) % 2500)
            workshops.append(
                Workshop(
                    project=project,
                    phase=phase,
                    title=f"ورشة {WORDS[i % 10]} رقم {i + 1}",
                    venue=rooms[i % 4],
                    start_date=start,
                    end_date=start + datetime.timedelta(days=SESSIONS_PER_WORKSHOP + 3),
                    planned_hours=SESSIONS_PER_WORKSHOP * 3,
                    capacity=60,
                )
            )
        workshops = Workshop.objects.bulk_create(workshops, batch_size=BATCH)
        WorkshopTopics = Workshop.topics.through
        WorkshopTopics.objects.bulk_create(
            [WorkshopTopics(workshop=w, topic=topics[i % len(topics)]) for i, w in enumerate(workshops)],
            batch_size=BATCH,
        )
        WorkshopTrainers = Workshop.trainers.through
        WorkshopTrainers.objects.bulk_create(
            [WorkshopTrainers(workshop=w, trainer=trainers[i % len(trainers)]) for i, w in enumerate(workshops)],
            batch_size=BATCH,
        )
        say(f"{len(workshops)} workshops")
        enrolled_at = timezone.make_aware(datetime.datetime(2019, 1, 1))
        members = {}
        enrollments = []
        for i, workshop in enumerate(workshops):
            # 50 consecutive people, starting further on for each workshop: everyone gets a turn.
            first = (i * PER_WORKSHOP * 7) % len(people)
            chosen = [people[(first + k) % len(people)] for k in range(PER_WORKSHOP)]
            members[workshop.pk] = chosen
            enrollments.extend(Enrollment(workshop=workshop, person=p, enrolled_at=enrolled_at) for p in chosen)
        Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
        say(f"{len(enrollments)} enrolments")
        sessions = []
        for i, workshop in enumerate(workshops):
            for k in range(SESSIONS_PER_WORKSHOP):
                day = workshop.start_date + datetime.timedelta(days=k)
                sessions.append(
                    Session(
                        workshop=workshop,
                        date=day,
                        start_time=datetime.time(9, 0),
                        end_time=datetime.time(12, 0),
                        topic=topics[i % len(topics)],
                        trainer=trainers[i % len(trainers)],
                        venue=workshop.venue,
                        attendance_taken_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))),
                    )
                )
        sessions = Session.objects.bulk_create(sessions, batch_size=BATCH)
        say(f"{len(sessions)} sessions")
        marks = 0
        chunk = []
        for s_index, session in enumerate(sessions):
            for p_index, person in enumerate(members[session.workshop_id]):
                chunk.append(
                    Attendance(
                        session=session,
                        person=person,
                        status=STATUS_CYCLE[(p_index * 31 + s_index * 17) % len(STATUS_CYCLE)],
                        recorded_at=session.attendance_taken_at,
                    )
                )
            if len(chunk) >= BATCH:
                Attendance.objects.bulk_create(chunk, batch_size=BATCH)
                marks += len(chunk)
                chunk = []
        Attendance.objects.bulk_create(chunk, batch_size=BATCH)
        marks += len(chunk)
        say(f"{marks} attendance marks")
        tallies.recount(w.pk for w in workshops)
        say("tallies")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Organization, Person, Workshop, Enrollment, Session, Attendance, Tally):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return _summary(project, time.perf_counter() - started)


def _summary(project, seconds):
    return {
        "project": project,
        "organizations": Organization.objects.filter(people__enrollments__workshop__project=project).distinct().count(),
        "people": Person.objects.filter(enrollments__workshop__project=project).distinct().count(),
        "workshops": project.workshops.count(),
        "sessions": Session.objects.filter(workshop__project=project).count(),
        "attendance": Attendance.objects.filter(session__workshop__project=project).count(),
        "seconds": round(seconds, 1),
    }


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
