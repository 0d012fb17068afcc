import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.roles import COORDINATOR, STAFF
from tests.factories import AttendanceFactory, PersonFactory, PhaseFactory, SessionFactory, WorkshopFactory
from trainings.models import Attendance, PhaseKind, Session, Topic

pytestmark = pytest.mark.django_db


def test_topics_of_both_reports_are_seeded_in_arabic_and_english():
    names = dict(Topic.objects.values_list("name_en", "name_ar"))
    assert names["Fundraising"] == "جمع التبرعات والحصول على التمويل"
    assert names["SWOT analysis"] == "تحليل SWOT"
    assert len(names) >= 12
    assert {"Report writing", "Operational management", "Advocacy and mobilisation"} <= names.keys()


def test_roles_staff_records_attendance_but_does_not_create_projects():
    staff = set(Group.objects.get(name=STAFF).permissions.values_list("codename", flat=True))
    coordinator = set(Group.objects.get(name=COORDINATOR).permissions.values_list("codename", flat=True))
    assert {"add_workshop", "add_session", "add_attendance", "change_attendance", "add_enrollment"} <= staff
    assert "add_project" not in staff and "delete_attendance" not in staff
    assert {"add_project", "change_project", "add_phase"} <= coordinator


def test_session_outside_workshop_dates_is_refused(workshop):
    session = Session(
        workshop=workshop, date=datetime.date(2020, 9, 1), start_time=datetime.time(9), end_time=datetime.time(12)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "date" in error.value.message_dict


def test_session_ending_before_it_starts_is_refused(workshop):
    session = Session(
        workshop=workshop, date=workshop.start_date, start_time=datetime.time(12), end_time=datetime.time(9)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "end_time" in error.value.message_dict


def test_workshop_needs_a_training_phase_of_its_own_project():
    workshop = WorkshopFactory()
    other = PhaseFactory()
    workshop.phase = other
    with pytest.raises(ValidationError) as error:
        workshop.full_clean()
    assert "phase" in error.value.message_dict
    coaching = PhaseFactory(project=workshop.project, number=2, kind=PhaseKind.COACHING)
    workshop.phase = coaching
    with pytest.raises(ValidationError):
        workshop.full_clean()


def test_workshop_end_before_start_is_refused():
    workshop = WorkshopFactory.build(start_date=datetime.date(2020, 8, 5), end_date=datetime.date(2020, 8, 1))
    with pytest.raises(ValidationError):
        workshop.clean()


def test_one_mark_per_person_and_session_in_the_database():
    mark = AttendanceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(session=mark.session, person=mark.person, status="absent")


def test_the_database_refuses_an_unknown_status():
    session = SessionFactory()
    mark = AttendanceFactory.build(session=session, person=PersonFactory(), status="asleep")
    with pytest.raises(IntegrityError), transaction.atomic():
        mark.save()


def test_session_hours():
    session = SessionFactory.build(start_time=datetime.time(9, 0), end_time=datetime.time(12, 30))
    assert session.hours == 3.5
