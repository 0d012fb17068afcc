import pytest
from django.utils import timezone

from tests.factories import AttendanceFactory, SessionFactory
from tests.trainings.conftest import enrol
from trainings import rates, tallies

pytestmark = pytest.mark.django_db


def held(workshop, count):
    return [SessionFactory(workshop=workshop, attendance_taken_at=timezone.now()) for _ in range(count)]


def test_late_counts_as_attended_and_excused_is_left_out(workshop):
    ana, bob, cal = enrol(workshop, 3)
    sessions = held(workshop, 4)
    SessionFactory(workshop=workshop)  # not held yet: does not count
    for session, status in zip(sessions, ["present", "late", "excused", "absent"], strict=True):
        AttendanceFactory(session=session, person=ana, status=status)
    for session in sessions:
        AttendanceFactory(session=session, person=bob, status="present")
    # cal has no mark at all in the held sessions: counts as absent.
    by_person = {e.person_id: e for e in rates.workshop_rates(workshop)}
    assert by_person[ana.pk].attended == 2
    assert by_person[ana.pk].counted == 3
    assert round(by_person[ana.pk].rate, 1) == 66.7
    assert not by_person[ana.pk].completed  # below 75 %
    assert by_person[bob.pk].rate == 100 and by_person[bob.pk].completed
    assert by_person[cal.pk].rate == 0 and not by_person[cal.pk].completed


def test_threshold_comes_from_the_project(workshop):
    workshop.project.completion_threshold = 60
    workshop.project.save()
    (ana,) = enrol(workshop, 1)
    sessions = held(workshop, 3)
    for session, status in zip(sessions, ["present", "late", "absent"], strict=True):
        AttendanceFactory(session=session, person=ana, status=status)
    (row,) = rates.workshop_rates(workshop)
    assert row.completed


def test_marks_of_another_workshop_do_not_count(workshop):
    from tests.factories import EnrollmentFactory, WorkshopFactory

    (ana,) = enrol(workshop, 1)
    other = WorkshopFactory(project=workshop.project, phase=workshop.phase)
    EnrollmentFactory(workshop=other, person=ana)
    (mine,) = held(workshop, 1)
    (theirs,) = held(other, 1)
    AttendanceFactory(session=mine, person=ana, status="absent")
    AttendanceFactory(session=theirs, person=ana, status="present")
    (row,) = rates.workshop_rates(workshop)
    assert row.attended == 0 and row.rate == 0


def test_no_session_held_gives_no_rate_and_no_completion(workshop):
    enrol(workshop, 1)
    (row,) = rates.workshop_rates(workshop)
    assert row.rate is None and not row.completed


def test_withdrawn_trainee_keeps_rate_but_does_not_complete(workshop):
    (ana,) = enrol(workshop, 1)
    (session,) = held(workshop, 1)
    AttendanceFactory(session=session, person=ana, status="present")
    workshop.enrollments.update(withdrawn_at=timezone.now())
    tallies.recount([workshop.pk])  # a bulk write recounts, as every door does
    (row,) = rates.workshop_rates(workshop)
    assert row.rate == 100 and not row.completed


def test_rates_take_two_queries_whatever_the_size(workshop, django_assert_num_queries):
    people = enrol(workshop, 12)
    for session in held(workshop, 5):
        for person in people:
            AttendanceFactory(session=session, person=person)
    with django_assert_num_queries(2):  # the sessions held, then the rates
        rows = list(rates.workshop_rates(workshop))
    assert len(rows) == 12 and all(r.completed for r in rows)
