"""Tallies follow the marks through every way the app changes marks, enrolments and sessions.

Every one of those ways goes through trainings.writes; tests/conftest.py also checks,
after every test, that the tallies kept equal a fresh count.
"""

import datetime
import threading

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from tests.conftest import tally_drift
from tests.factories import AttendanceFactory, SessionFactory, UserFactory
from tests.trainings.conftest import enrol
from tests.trainings.test_attendance import sheet_data, url
from trainings import tallies, writes
from trainings.attendance import AttendanceSheet
from trainings.models import Attendance, Session, Tally

pytestmark = pytest.mark.django_db


def stored():
    """{(workshop, person): (attended, excused, seconds, first day attended, enrolled, held)}."""
    return {
        (t.workshop_id, t.person_id): (
            t.attended,
            t.excused,
            t.attended_seconds,
            t.first_attended,
            t.enrolled,
            t.held,
        )
        for t in Tally.objects.all()
    }


def assert_fresh():
    """The tallies kept along the way are those counted afresh from everything."""
    assert set(Tally.objects.values_list(*tallies.FIELDS)) == set(tallies.fresh_rows())
    kept = stored()
    Tally.objects.all().delete()
    tallies.recount_all()
    assert stored() == kept


def test_saving_the_sheet_tallies_each_person(staff_client, workshop):
    people = enrol(workshop, 3)
    first = SessionFactory(workshop=workshop, date=workshop.start_date, start_time="09:00", end_time="12:00")
    second = SessionFactory(workshop=workshop, date=workshop.end_date, start_time="09:00", end_time="11:30")
    staff_client.post(url(first), sheet_data(people))
    staff_client.post(url(second), sheet_data(people, **{f"status-{people[0].pk}": "excused"}))
    assert stored()[(workshop.pk, people[0].pk)] == (1, 1, 3 * 3600, workshop.start_date, True, 2)
    assert stored()[(workshop.pk, people[1].pk)] == (2, 0, 5.5 * 3600, workshop.start_date, True, 2)
    # Changing a mark later changes the tally.
    staff_client.post(url(first), sheet_data(people, orig="present|", **{f"status-{people[0].pk}": "absent"}))
    assert stored()[(workshop.pk, people[0].pk)] == (0, 1, 0, None, True, 2)
    assert_fresh()


def test_enrolling_and_withdrawing_are_tallied(staff_client, workshop):
    from tests.factories import OrganizationFactory, PersonFactory

    organization = OrganizationFactory()
    people = PersonFactory.create_batch(3, organization=organization)
    staff_client.post(reverse("trainings:workshop_enroll", args=[workshop.pk]), {"organizations": [organization.pk]})
    assert {key[1]: row[4] for key, row in stored().items()} == {p.pk: True for p in people}
    enrollment = workshop.enrollments.get(person=people[0])
    staff_client.post(reverse("trainings:enrollment_withdraw", args=[enrollment.pk]))
    assert (workshop.pk, people[0].pk) not in stored()  # withdrawn, never marked
    staff_client.post(reverse("trainings:enrollment_withdraw", args=[enrollment.pk]), {"undo": "1"})
    assert stored()[(workshop.pk, people[0].pk)][4] is True
    assert_fresh()


def test_a_session_moved_or_shortened_is_recounted(staff_client, workshop):
    people = enrol(workshop, 2)
    session = SessionFactory(workshop=workshop, date=workshop.start_date, start_time="09:00", end_time="12:00")
    staff_client.post(url(session), sheet_data(people))
    response = staff_client.post(
        reverse("trainings:session_update", args=[session.pk]),
        {
            "date": "2020-08-22",
            "start_time": "10:00",
            "end_time": "12:00",
            "topic": session.topic_id or "",
            "trainer": session.trainer_id or "",
            "venue": session.venue_id or "",
        },
    )
    assert response.status_code == 302, response.content[:300]
    assert stored()[(workshop.pk, people[0].pk)] == (1, 0, 2 * 3600, datetime.date(2020, 8, 22), True, 1)


def test_a_write_around_the_door_is_caught_by_the_check_after_each_test(workshop):
    person = enrol(workshop, 1)[0]
    session = SessionFactory(workshop=workshop, date=workshop.start_date, attendance_taken_at="2020-08-20T12:00Z")
    AttendanceFactory(session=session, person=person, status="late")  # a factory recounts, as a loader does
    assert stored()[(workshop.pk, person.pk)][:2] == (1, 0) and tally_drift() == ""
    Attendance.objects.filter(person=person).update(status="absent")  # behind the door's back
    problem = tally_drift()
    assert "trainings.writes" in problem and "'attended': 1" in problem and "'attended': 0" in problem
    tallies.recount([workshop.pk])  # repaired, so the check after this test passes
    assert tally_drift() == ""


def test_the_migration_tallies_marks_recorded_before_it(workshop):
    people = enrol(workshop, 4)
    session = SessionFactory(workshop=workshop, date=workshop.start_date, attendance_taken_at="2020-08-20T12:00Z")
    for person in people:
        AttendanceFactory(session=session, person=person, status="present")
    kept = stored()
    Tally.objects.all().delete()
    migration = __import__("trainings.migrations.0007_tallies", fromlist=["count_existing"])
    migration.count_existing(apps, None)
    assert len(stored()) == 4 and stored() == kept


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
def test_two_sessions_of_a_workshop_saved_at_once_are_both_tallied():
    from tests.factories import WorkshopFactory

    workshop = WorkshopFactory(start_date=datetime.date(2020, 8, 20), end_date=datetime.date(2020, 8, 25))
    people = enrol(workshop, 15)
    sessions = [SessionFactory(workshop=workshop, date=workshop.start_date) for _ in range(2)]
    users = [UserFactory(), UserFactory()]

    def save(index):
        def step(wait):
            sheet = AttendanceSheet(Session.objects.get(pk=sessions[index].pk), sheet_data(people))
            wait()
            return writes.save_sheet(sheet, users[index])

        return step

    assert at_once(save(0), save(1)) == [15, 15]
    assert Attendance.objects.filter(session__workshop=workshop).count() == 30
    assert {row[0] for row in stored().values()} == {2}
    assert_fresh()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
def test_two_enrolments_in_a_workshop_at_once_enrol_each_person_once():
    from tests.factories import OrganizationFactory, PersonFactory, WorkshopFactory

    workshop = WorkshopFactory(start_date=datetime.date(2020, 8, 20), end_date=datetime.date(2020, 8, 25))
    people = PersonFactory.create_batch(12, organization=OrganizationFactory())
    users = [UserFactory(), UserFactory()]

    def enrolment(index, chosen):
        def step(wait):
            wait()
            return writes.enroll(workshop, chosen, users[index])

        return step

    # Two staff enrol overlapping lists: the first eight, and the last eight.
    results = at_once(enrolment(0, people[:8]), enrolment(1, people[4:]))
    assert sorted(new for new, _back in results) == [4, 8]  # the four in both were enrolled once
    assert workshop.enrollments.count() == 12
    assert {key[1] for key, row in stored().items() if row[4]} == {p.pk for p in people}
    assert_fresh()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
def test_a_sheet_saved_while_its_session_is_shortened_is_tallied_with_the_new_length():
    from tests.factories import WorkshopFactory
    from trainings.forms import SessionForm

    workshop = WorkshopFactory(start_date=datetime.date(2020, 8, 20), end_date=datetime.date(2020, 8, 25))
    people = enrol(workshop, 10)
    session = SessionFactory(workshop=workshop, date=workshop.start_date, start_time="09:00", end_time="12:00")
    users = [UserFactory(), UserFactory()]

    def save_sheet(wait):
        sheet = AttendanceSheet(Session.objects.get(pk=session.pk), sheet_data(people))
        wait()
        return writes.save_sheet(sheet, users[0])

    def shorten(wait):
        # The form was opened before the first attendance was saved: it must not make the session unheld.
        instance = Session.objects.get(pk=session.pk)
        data = {"date": "2020-08-20", "start_time": "10:00", "end_time": "12:00"}
        form = SessionForm(data, instance=instance, workshop=workshop)
        assert form.is_valid(), form.errors
        wait()
        return writes.save_session(form, users[1]).pk

    assert at_once(save_sheet, shorten) == [10, session.pk]
    session.refresh_from_db()
    assert session.attendance_taken_at is not None and session.start_time == datetime.time(10)
    assert {row[:4] for row in stored().values()} == {(1, 0, 2 * 3600, workshop.start_date)}
    assert_fresh()


def at_once(*steps):
    """Run the steps in threads, each calling wait() right before its write so the writes meet; their results."""
    barrier = threading.Barrier(len(steps))
    results, errors = [None] * len(steps), []

    def run(index):
        try:
            results[index] = steps[index](barrier.wait)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(steps))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_the_recount_command_repairs_tallies_after_marks_changed_behind_the_app(workshop):
    from django.core.management import call_command

    people = enrol(workshop, 2)
    session = SessionFactory(workshop=workshop, date=workshop.start_date, attendance_taken_at="2020-08-20T12:00Z")
    for person in people:
        AttendanceFactory(session=session, person=person, status="present")
    kept = stored()
    Attendance.objects.filter(person=people[0]).update(status="absent")  # behind the app's back
    call_command("recount_tallies", stdout=__import__("io").StringIO())
    assert stored()[(workshop.pk, people[0].pk)][0] == 0
    assert stored()[(workshop.pk, people[1].pk)] == kept[(workshop.pk, people[1].pk)]
