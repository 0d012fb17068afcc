"""Tallies follow the marks through every way marks and sessions change."""

import datetime
import threading

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from tests.factories import AttendanceFactory, SessionFactory, UserFactory
from tests.trainings.conftest import enrol
from tests.trainings.test_attendance import sheet_data, url
from trainings import tallies
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


def test_marks_saved_one_by_one_are_tallied(workshop):
    person = enrol(workshop, 1)[0]
    session = SessionFactory(workshop=workshop, date=workshop.start_date, attendance_taken_at="2020-08-20T12:00Z")
    AttendanceFactory(session=session, person=person, status="late")
    assert stored()[(workshop.pk, person.pk)][:2] == (1, 0)
    assert_fresh()


def test_marks_and_sessions_deleted_in_the_admin_are_uncounted(client, workshop):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    people = enrol(workshop, 3)
    taken = "2020-08-20T12:00Z"
    sessions = [SessionFactory(workshop=workshop, date=workshop.start_date, attendance_taken_at=taken) for _ in "ab"]
    marks = [AttendanceFactory(session=s, person=p, status="present") for s in sessions for p in people]
    client.post(reverse("admin:trainings_attendance_delete", args=[marks[0].pk]), {"post": "yes"})
    assert stored()[(workshop.pk, people[0].pk)][0] == 1
    client.post(
        reverse("admin:trainings_attendance_changelist"),
        {"action": "delete_selected", "_selected_action": [marks[1].pk, marks[4].pk], "post": "yes"},
    )
    assert stored()[(workshop.pk, people[1].pk)][0] == 0
    client.post(reverse("admin:trainings_session_delete", args=[sessions[0].pk]), {"post": "yes"})
    enrollment = workshop.enrollments.get(person=people[0])
    client.post(reverse("admin:trainings_enrollment_delete", args=[enrollment.pk]), {"post": "yes"})
    assert stored()[(workshop.pk, people[0].pk)][4] is False  # marked, no longer enrolled
    assert not Session.objects.filter(pk=sessions[0].pk).exists()
    assert stored()[(workshop.pk, people[2].pk)][0] == 1 and stored()[(workshop.pk, people[2].pk)][5] == 1
    assert_fresh()


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
    barrier = threading.Barrier(2)
    errors = []

    def save(index):
        try:
            sheet = AttendanceSheet(Session.objects.get(pk=sessions[index].pk), sheet_data(people))
            barrier.wait()
            sheet.save(users[index])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Attendance.objects.filter(session__workshop=workshop).count() == 30
    assert {row[0] for row in stored().values()} == {2}
    assert_fresh()


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
