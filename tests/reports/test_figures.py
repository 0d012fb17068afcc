"""The figures of a small project, counted by hand: once per person, each time, rates, filters."""

import datetime

import pytest

from capacity.reports import figures
from coaching.models import AgendaItem
from core.models import KeptFigures
from trainings import tallies

D = datetime.date


def compute(programme, **filters):
    return figures.compute(figures.Filters(project=programme.project, **filters))


def test_people_are_counted_once_and_participations_each_time(programme):
    report = compute(programme)
    t = report.totals
    assert (t.trainees, t.women, t.men) == (3, 2, 1)
    assert (t.participations, t.participations_women, t.participations_men) == (5, 4, 1)
    assert t.person_hours == 15.0  # five attended sessions of three hours
    assert (report.workshops, report.sessions) == (2, 3)  # the session whose attendance was not saved is left out


def test_rates_and_completion_follow_trainings_rates(programme):
    report = compute(programme)
    # W1: a1 100 %, a2 50 %, b1 1 of (2 - 1 excused) = 100 %; W2: a1 100 % (one session held)
    assert report.enrolments == 4
    assert report.completions == 3
    assert report.average_rate == 87.5


def test_organisations_taking_part_by_training_or_coaching(programme):
    report = compute(programme)
    assert report.organizations_taking_part == 2  # Nabd is in coaching but had no session yet
    rows = {row.name: row for row in report.by_organization}
    assert rows["توتول"].trainees == 2 and rows["توتول"].coaching_days == 2
    assert rows["نبض"].trainees == 0 and rows["نبض"].coaching_planned == 4
    regions = {row.name: row for row in report.by_region}
    assert (regions["الرقة"].trainees, regions["الرقة"].organizations) == (2, 1)
    assert (regions["ريف دير الزور"].trainees, regions["ريف دير الزور"].participations) == (1, 1)


def test_coaching_days_hours_agenda_and_plans(programme):
    report = compute(programme)
    assert (report.engagements, report.coaching_planned, report.coaching_days) == (2, 8, 2)
    assert report.coaching_hours == 10.0
    size = AgendaItem.objects.count()
    assert report.agenda_coverage == round(100 * 2 / (size * 2), 1)
    assert [count for _item, count in report.agenda][:2] == [1, 1]
    assert {status: n for status, _label, n in report.plans} == {"draft": 1, "review": 0, "approved": 1}


def test_region_filter(programme):
    report = compute(programme, region=programme.east)
    assert (report.totals.trainees, report.totals.participations) == (1, 1)
    # Miriam attended W1 (late on the first day, excused the second): both its sessions were held.
    assert (report.workshops, report.sessions) == (1, 2)
    assert report.enrolments == 1 and report.engagements == 0 and report.organizations_taking_part == 1


def test_organisation_filter(programme):
    report = compute(programme, organization=programme.org_a)
    assert (report.totals.trainees, report.totals.participations) == (2, 4)
    assert report.engagements == 1 and report.coaching_days == 2
    assert {status: n for status, _label, n in report.plans}["approved"] == 1
    assert {status: n for status, _label, n in report.plans}["draft"] == 0


def test_date_filter(programme):
    report = compute(programme, date_from=D(2020, 8, 1), date_to=D(2020, 8, 21))
    assert (report.totals.trainees, report.totals.participations) == (3, 4)
    assert (report.workshops, report.sessions) == (1, 2)
    assert report.enrolments == 3 and report.completions == 2 and report.average_rate == 83.3
    assert report.coaching_days == 0 and report.coaching_hours == 0
    report = compute(programme, date_from=D(2020, 10, 2))
    assert report.totals.trainees == 0 and report.coaching_days == 1 and report.coaching_hours == 4


@pytest.mark.parametrize("double", [False, True])
def test_query_count_does_not_grow_with_the_data(programme, django_assert_max_num_queries, double):
    if double:
        from tests.factories import AttendanceFactory, EnrollmentFactory, SessionFactory

        workshop = programme.project.workshops.first()
        for _ in range(5):
            enrolment = EnrollmentFactory(workshop=workshop)
            session = SessionFactory(workshop=workshop, attendance_taken_at=workshop.created_at)
            AttendanceFactory(session=session, person=enrolment.person)
    KeptFigures.objects.all().delete()  # counted, not read from the kept figures (core.kept)
    # eleven to count; one to look for kept figures, four to keep them (in a savepoint, in a test)
    with django_assert_max_num_queries(11 + 5):
        figures.compute(figures.Filters(project=programme.project), upcoming=True)


def with_rates_figures(project, workshops=None):
    """Enrolments, completions and average rate as trainings.rates counts them, one enrolment at a time."""
    from trainings import rates
    from trainings.models import Enrollment

    enrollments = Enrollment.objects.filter(workshop__project=project, withdrawn_at__isnull=True)
    if workshops is not None:
        enrollments = enrollments.filter(workshop__in=workshops)
    rows = list(rates.with_rates(enrollments, project.completion_threshold))
    known = [e.rate for e in rows if e.rate is not None]
    average = round(sum(known) / len(known), 1) if known else None
    return len(rows), sum(1 for e in rows if e.completed), average


def test_completion_counts_as_trainings_rates_does(programme):
    """Withdrawn enrolments, enrolments with no mark, marks of people not enrolled, workshops not held yet."""
    import random

    from django.utils import timezone

    from tests.factories import EnrollmentFactory, PersonFactory, SessionFactory, WorkshopFactory
    from trainings.models import Attendance

    project = programme.project
    phase = project.phases.get(number=1)
    rng = random.Random(6)
    workshops = list(project.workshops.all()) + [
        WorkshopFactory(project=project, phase=phase, start_date=D(2020, 8, 27), end_date=D(2020, 8, 29))
        for _ in range(2)
    ]
    people = [PersonFactory(organization=rng.choice([programme.org_a, programme.org_b])) for _ in range(12)]
    for workshop in workshops[2:]:
        sessions = [
            SessionFactory(
                workshop=workshop, date=workshop.start_date, attendance_taken_at=timezone.now() if held else None
            )
            for held in (True, True, rng.random() < 0.5)
        ]
        for person in rng.sample(people, 8):
            enrolment = EnrollmentFactory(workshop=workshop, person=person)
            if rng.random() < 0.2:
                enrolment.withdrawn_at = timezone.now()
                enrolment.save()
            for session in sessions:
                if rng.random() < 0.8:
                    status = rng.choice(["present", "late", "excused", "absent"])
                    Attendance.objects.create(session=session, person=person, status=status)
        stranger = PersonFactory(organization=programme.org_a)  # marked but never enrolled
        Attendance.objects.create(session=sessions[0], person=stranger, status="present")
    WorkshopFactory(project=project, phase=phase)  # nothing held yet
    EnrollmentFactory(workshop=project.workshops.order_by("-pk").first(), person=people[0])
    tallies.recount(project.workshops.values_list("pk", flat=True))  # after writing rows directly, as bulk loaders do

    report = compute(programme)
    assert (report.enrolments, report.completions, report.average_rate) == with_rates_figures(project)


def test_a_period_cutting_a_workshop_counts_its_marks_inside_only(programme):
    # W1 ran on 20 and 21 August: from the 21st, only its second day counts.
    report = compute(programme, date_from=D(2020, 8, 21))
    assert (report.totals.trainees, report.totals.participations) == (1, 2)  # Fatima, on the 21st and the 25th
    assert report.totals.person_hours == 6.0
    report = compute(programme, date_to=D(2020, 8, 20))
    assert (report.totals.trainees, report.totals.women, report.totals.participations) == (3, 2, 3)


def marks_reference(project, date_from=None, date_to=None, organization=None):
    """(trainees, participations, person-hours) counted straight from the marks."""
    from trainings.models import Attendance

    marks = Attendance.objects.filter(
        session__workshop__project=project, session__attendance_taken_at__isnull=False, status__in=["present", "late"]
    )
    if date_from:
        marks = marks.filter(session__date__gte=date_from)
    if date_to:
        marks = marks.filter(session__date__lte=date_to)
    if organization:
        marks = marks.filter(person__organization=organization)
    hours = sum(
        (datetime.datetime.combine(D.min, end) - datetime.datetime.combine(D.min, start)).total_seconds() / 3600
        for start, end in marks.values_list("session__start_time", "session__end_time")
    )
    return marks.values("person").distinct().count(), marks.count(), round(hours, 1)


def test_any_period_counts_what_the_marks_count(programme):
    """Workshops of several days, periods cutting them anywhere: tallies and marks agree."""
    import random

    from django.utils import timezone

    from tests.factories import EnrollmentFactory, PersonFactory, SessionFactory, WorkshopFactory
    from trainings.models import Attendance

    rng = random.Random(23)
    project, phase = programme.project, programme.project.phases.get(number=1)
    people = [PersonFactory(organization=rng.choice([programme.org_a, programme.org_b])) for _ in range(10)]
    for first in (D(2020, 9, 1), D(2020, 9, 4), D(2020, 9, 12)):
        workshop = WorkshopFactory(
            project=project, phase=phase, start_date=first, end_date=first + datetime.timedelta(days=5)
        )
        for day in range(5):
            session = SessionFactory(
                workshop=workshop,
                date=first + datetime.timedelta(days=day),
                start_time=datetime.time(9),
                end_time=datetime.time(rng.choice([11, 12, 13])),
                attendance_taken_at=timezone.now() if rng.random() < 0.9 else None,
            )
            for person in people[: rng.randint(3, 10)]:
                if day == 0:
                    EnrollmentFactory(workshop=workshop, person=person)
                status = rng.choice(["present", "late", "excused", "absent"])
                Attendance.objects.create(session=session, person=person, status=status)
    tallies.recount(project.workshops.values_list("pk", flat=True))  # after writing rows directly, as bulk loaders do
    days = [None] + [D(2020, 8, 19) + datetime.timedelta(days=n) for n in range(0, 30, 2)]
    for _ in range(25):
        start, end = sorted(rng.sample(days[1:], 2)) if rng.random() < 0.6 else (rng.choice(days), rng.choice(days))
        organization = rng.choice([None, programme.org_a])
        report = compute(programme, date_from=start, date_to=end, organization=organization)
        t = report.totals
        expected = marks_reference(project, start, end, organization)
        assert (t.trainees, t.participations, t.person_hours) == expected, (start, end, organization)
