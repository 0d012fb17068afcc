"""The one door (trainings.writes): idempotent writes, and the admin going through it too.

Whether the tallies stay equal to a fresh count is checked after every test by
tests/conftest.py; here, what a user of the pages and of the admin would notice.
"""

import datetime
import pathlib

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.factories import AttendanceFactory, SessionFactory, UserFactory, WorkshopFactory
from tests.trainings.conftest import enrol
from tests.trainings.test_attendance import sheet_data
from trainings import writes
from trainings.admin import AttendanceAdmin, EnrollmentAdmin
from trainings.attendance import AttendanceSheet
from trainings.models import Attendance, Enrollment, Session, Tally

pytestmark = pytest.mark.django_db

HELD = "2020-08-20T12:00Z"


def tallies_of(workshop):
    """{person id: (tally id, enrolled, held, attended, seconds)}: the ids show whether a write recounted."""
    rows = Tally.objects.filter(workshop=workshop).values_list(
        "person_id", "pk", "enrolled", "held", "attended", "attended_seconds"
    )
    return {row[0]: row[1:] for row in rows}


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


# Idempotent -------------------------------------------------------------------------------


def test_enrolling_someone_already_enrolled_changes_nothing(workshop):
    people = enrol(workshop, 3)
    user = UserFactory()
    before = tallies_of(workshop)
    assert writes.enroll(workshop, people, user) == (0, 0)
    assert tallies_of(workshop) == before and workshop.enrollments.count() == 3


def test_withdrawing_twice_changes_nothing_the_second_time(workshop):
    (person,) = enrol(workshop, 1)
    enrollment, user = workshop.enrollments.get(), UserFactory()
    assert writes.withdraw(enrollment, user) is True
    first = Enrollment.objects.get().withdrawn_at
    assert first is not None and enrollment.withdrawn_at == first and tallies_of(workshop) == {}
    assert writes.withdraw(Enrollment.objects.get(), user) is False
    assert Enrollment.objects.get().withdrawn_at == first
    # Enrolled again, then again: the second does nothing.
    assert writes.reenroll(enrollment, user) is True and enrollment.withdrawn_at is None
    kept = tallies_of(workshop)
    assert writes.reenroll(enrollment, user) is False and tallies_of(workshop) == kept
    assert writes.enroll(workshop, [person], user) == (0, 0)


def test_enrolling_a_withdrawn_person_brings_them_back(workshop):
    people = enrol(workshop, 2)
    writes.withdraw(workshop.enrollments.get(person=people[0]), UserFactory())
    assert writes.enroll(workshop, people, UserFactory()) == (0, 1)
    assert {row[1] for row in tallies_of(workshop).values()} == {True}


def test_posting_the_same_sheet_twice_writes_nothing_the_second_time(session_with):
    session, people = session_with(3)
    user = UserFactory()
    data = sheet_data(people, **{f"status-{people[0].pk}": "late"})
    assert writes.save_sheet(AttendanceSheet(session, data), user) == 3
    history, kept = Attendance.history.count(), tallies_of(session.workshop)
    assert writes.save_sheet(AttendanceSheet(Session.objects.get(pk=session.pk), data), user) == 0
    assert Attendance.history.count() == history and tallies_of(session.workshop) == kept


def test_a_session_saved_unchanged_or_with_new_notes_is_not_recounted(workshop):
    (person,) = enrol(workshop, 1)
    session = SessionFactory(workshop=workshop, attendance_taken_at=HELD)
    AttendanceFactory(session=session, person=person)
    kept = tallies_of(workshop)
    session.notes = "ملاحظة"
    writes.save_session(session, UserFactory())
    assert tallies_of(workshop) == kept
    session.end_time = datetime.time(10)
    writes.save_session(session, UserFactory())
    assert tallies_of(workshop)[person.pk][1:] == (True, 1, 1, 3600)


def test_a_session_saved_from_a_stale_copy_stays_held(workshop):
    session = SessionFactory(workshop=workshop)
    stale = Session.objects.get(pk=session.pk)
    Session.objects.filter(pk=session.pk).update(attendance_taken_at=HELD)  # the sheet saved meanwhile
    stale.notes = "ملاحظة"
    writes.save_session(stale, UserFactory())
    assert Session.objects.get(pk=session.pk).attendance_taken_at is not None


def test_deleting_a_session_twice_deletes_it_once(workshop):
    people = enrol(workshop, 2)
    sessions = [SessionFactory(workshop=workshop, attendance_taken_at=HELD) for _ in "ab"]
    for person in people:
        AttendanceFactory(session=sessions[0], person=person)
    user = UserFactory()
    assert writes.delete_session(sessions[0], user) == 1
    assert writes.delete_session(sessions[0], user) == 0
    assert {row[2:4] for row in tallies_of(workshop).values()} == {(1, 0)}  # one held, none attended


# The admin --------------------------------------------------------------------------------


def session_admin_data(session, **changes):
    data = {
        "workshop": session.workshop_id,
        "date": session.date.isoformat(),
        "start_time": session.start_time.strftime("%H:%M"),
        "end_time": session.end_time.strftime("%H:%M"),
        "topic": "",
        "trainer": "",
        "venue": session.venue_id or "",
        "notes": "",
    }
    data.update(changes)
    return data


def test_a_held_session_moved_to_another_workshop_in_the_admin_recounts_both(superuser_client, workshop):
    other = WorkshopFactory(start_date=workshop.start_date, end_date=workshop.end_date)
    (person,) = enrol(workshop, 1)
    enrol(other, 1)
    session = SessionFactory(workshop=workshop, attendance_taken_at=HELD)
    AttendanceFactory(session=session, person=person)
    assert tallies_of(workshop)[person.pk][2:4] == (1, 1)
    url = reverse("admin:trainings_session_change", args=[session.pk])
    response = superuser_client.post(url, session_admin_data(session, workshop=other.pk))
    assert response.status_code == 302, response.content[:500]
    assert tallies_of(workshop)[person.pk][2:4] == (0, 0)
    assert tallies_of(other)[person.pk][1:4] == (False, 1, 1)  # marked there now, not enrolled
    assert {row[2] for row in tallies_of(other).values()} == {1}


def test_sessions_deleted_in_the_admin_are_uncounted(superuser_client, workshop):
    people = enrol(workshop, 2)
    sessions = [SessionFactory(workshop=workshop, attendance_taken_at=HELD) for _ in "abc"]
    for session in sessions:
        AttendanceFactory(session=session, person=people[0])
    superuser_client.post(reverse("admin:trainings_session_delete", args=[sessions[0].pk]), {"post": "yes"})
    assert tallies_of(workshop)[people[0].pk][2:4] == (2, 2)
    superuser_client.post(
        reverse("admin:trainings_session_changelist"),
        {"action": "delete_selected", "_selected_action": [sessions[1].pk, sessions[2].pk], "post": "yes"},
    )
    assert not Session.objects.exists()
    assert tallies_of(workshop)[people[0].pk][2:4] == (0, 0)


def test_the_workshop_admin_changes_and_deletes_its_sessions_through_the_door(superuser_client, workshop):
    (person,) = enrol(workshop, 1)
    long, other = (SessionFactory(workshop=workshop, attendance_taken_at=HELD) for _ in "ab")
    for session in (long, other):
        AttendanceFactory(session=session, person=person)
    data = {
        "project": workshop.project_id,
        "phase": workshop.phase_id,
        "title": workshop.title,
        "venue": workshop.venue_id,
        "start_date": workshop.start_date.isoformat(),
        "end_date": workshop.end_date.isoformat(),
        "planned_hours": "12",
        "capacity": "30",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "2",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    for index, session in enumerate((long, other)):
        for name, value in session_admin_data(session).items():
            if name not in ("workshop", "notes"):
                data[f"sessions-{index}-{name}"] = value
        data[f"sessions-{index}-id"] = session.pk
        data[f"sessions-{index}-workshop"] = workshop.pk
    data["sessions-0-end_time"] = "10:00"  # an hour instead of three
    data["sessions-1-DELETE"] = "on"
    response = superuser_client.post(reverse("admin:trainings_workshop_change", args=[workshop.pk]), data)
    assert response.status_code == 302, response.content[:500]
    assert list(workshop.sessions.values_list("pk", flat=True)) == [long.pk]
    assert tallies_of(workshop)[person.pk][1:] == (True, 1, 1, 3600)


@pytest.mark.parametrize(("model_admin", "name"), [(AttendanceAdmin, "attendance"), (EnrollmentAdmin, "enrollment")])
def test_marks_and_enrolments_are_only_shown_in_the_admin(superuser_client, session_with, model_admin, name):
    session, (person,) = session_with(1)
    mark = AttendanceFactory(session=session, person=person, status="present")
    row = mark if name == "attendance" else Enrollment.objects.get()
    page = session if name == "attendance" else session.workshop
    admin_url = f"admin:trainings_{name}_%s"
    assert superuser_client.get(reverse(admin_url % "add")).status_code == 403
    assert superuser_client.post(reverse(admin_url % "delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    superuser_client.post(
        reverse(admin_url % "changelist"), {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"}
    )
    assert type(row).objects.filter(pk=row.pk).exists()
    with translation.override("ar"):
        note = escape(str(model_admin.written_on))
    listing = superuser_client.get(reverse(admin_url % "changelist")).content.decode()
    assert note in listing and "delete_selected" not in listing
    shown = superuser_client.get(reverse(admin_url % "change", args=[row.pk]))
    assert shown.status_code == 200
    html = shown.content.decode()
    assert note in html and f'href="{page.get_absolute_url()}"' in html and 'name="_save"' not in html
    superuser_client.post(reverse(admin_url % "change", args=[row.pk]), {"status": "absent", "withdrawn_at": ""})
    assert Attendance.objects.get().status == "present" and Enrollment.objects.get().withdrawn_at is None


def test_deleting_a_workshop_in_the_admin_takes_its_sessions_marks_enrolments_and_tallies(superuser_client, workshop):
    (person,) = enrol(workshop, 1)
    AttendanceFactory(session=SessionFactory(workshop=workshop, attendance_taken_at=HELD), person=person)
    assert Tally.objects.exists()
    response = superuser_client.post(reverse("admin:trainings_workshop_delete", args=[workshop.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not (Session.objects.exists() or Attendance.objects.exists() or Enrollment.objects.exists())
    assert not Tally.objects.exists()


# One door ---------------------------------------------------------------------------------

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Those that may recount tallies: the counting itself, the door, and those that hold the
# whole database (the command, the data migration, the bulk loaders of capacity.programme).
MAY_RECOUNT = {
    "trainings/tallies.py",
    "trainings/writes.py",
    "trainings/management/commands/recount_tallies.py",
    "trainings/migrations/0007_tallies.py",
}
LOADERS = "capacity/programme/"
# The feedback and test figures keep tallies of their own (evaluation.tallies), recounted by
# their door (evaluation.writes) and by the admin's corrections of answers.
MAY_RECOUNT |= {"evaluation/tallies.py", "evaluation/writes.py", "evaluation/admin.py"}


def test_no_page_form_admin_or_signal_recounts_tallies_but_the_door():
    callers = set()
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", LOADERS)) or "/." in f"/{relative}":
            continue
        if "recount(" in path.read_text(encoding="utf-8") or "recount_all(" in path.read_text(encoding="utf-8"):
            callers.add(relative)
    assert callers <= MAY_RECOUNT, callers - MAY_RECOUNT
    assert "trainings/writes.py" in callers
