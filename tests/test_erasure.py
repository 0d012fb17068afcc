"""Erasure: an administrator anonymises a person; the personal data go, the figures stay."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from organizations.models import Person
from tests.factories import AttendanceFactory, EnrollmentFactory, PersonFactory, SessionFactory
from trainings.models import Attendance, Tally


@pytest.fixture
def marked_person(db):
    person = PersonFactory(
        full_name="سلمى حسن",
        gender="f",
        phone="0999111222",
        email="salma@example.org",
        birth_year=1990,
        has_disability=True,
        notes="تسكن في الرقة",
        position="منسقة",
    )
    person.phone = "0999333444"  # a second history row holding the old phone
    person.save()
    enrolment = EnrollmentFactory(person=person)
    session = SessionFactory(workshop=enrolment.workshop, attendance_taken_at=timezone.now())
    AttendanceFactory(session=session, person=person, status="present", remark="اتصلت من 0999111222")
    Attendance.history.model.objects.create(
        id=Attendance.objects.get(person=person).pk,
        session_id=session.pk,
        person_id=person.pk,
        status="present",
        remark="اتصلت من 0999111222",
        recorded_at=timezone.now(),
        history_date=timezone.now(),
        history_type="+",
    )
    return person


def _figures(person):
    return list(Tally.objects.filter(person=person).values_list("enrolled", "held", "attended", "attended_seconds"))


def test_anonymising_keeps_the_figures_and_drops_the_personal_data(marked_person):
    from core import erasure
    from trainings.erasure import blank_remarks  # registered by the trainings app

    erasure.register(blank_remarks)
    before = _figures(marked_person)
    call_command("anonymise_person", str(marked_person.pk))

    person = Person.objects.get(pk=marked_person.pk)
    assert person.full_name == f"#{person.pk}"
    assert (person.phone, person.email, person.birth_year, person.notes, person.position) == ("", "", None, "", "")
    assert person.has_disability is False and person.gender == "f"
    assert _figures(person) == before and before
    history = list(person.history.values_list("full_name", "phone"))
    assert history == [(f"#{person.pk}", "")]
    assert Attendance.objects.get(person=person).remark == ""
    assert not Attendance.history.model.objects.filter(person_id=person.pk).exclude(remark="").exists()
    assert not Person.objects.filter(search_name__contains="سلمي").exists()


def test_an_unknown_id_erases_nothing(marked_person):
    with pytest.raises(CommandError):
        call_command("anonymise_person", str(marked_person.pk), "999999")
    assert Person.objects.get(pk=marked_person.pk).phone == "0999333444"


def test_an_administrator_erases_from_the_admin(marked_person, admin_client_role):
    from django.urls import reverse

    response = admin_client_role.post(
        reverse("admin:organizations_person_changelist"),
        {"action": "anonymise_selected", "_selected_action": [marked_person.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Person.objects.get(pk=marked_person.pk).phone == ""


def test_staff_cannot_erase(marked_person, client):
    from django.urls import reverse

    from core.roles import STAFF
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="staff-admin", role=STAFF, is_staff=True))
    client.post(
        reverse("admin:organizations_person_changelist"),
        {"action": "anonymise_selected", "_selected_action": [marked_person.pk]},
    )
    assert Person.objects.get(pk=marked_person.pk).phone == "0999333444"
