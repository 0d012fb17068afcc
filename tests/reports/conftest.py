import datetime
from types import SimpleNamespace

import pytest

from capacity.programme import parts
from coaching.models import AgendaItem, CoachingSession, PlanStatus
from organizations.models import Gender
from tests.factories import (
    CentreFactory,
    EngagementFactory,
    OrganizationFactory,
    PersonFactory,
    RegionFactory,
    SessionFactory,
    StrategicPlanFactory,
    WorkshopFactory,
)
from trainings.models import Attendance, Enrollment

D = datetime.date


def _held(workshop, day, taken=True):
    return SessionFactory(
        workshop=workshop, date=day, attendance_taken_at=parts.taken_at(day, datetime.time(12)) if taken else None
    )


@pytest.fixture
def programme(db):
    """A small project whose every figure is known (see tests/reports/test_figures.py)."""
    north = RegionFactory(name_ar="الرقة", name_en="Raqqa")
    east = RegionFactory(name_ar="ريف دير الزور", name_en="Rural Deir ez-Zor")
    org_a = OrganizationFactory(name_ar="توتول", name_en="Tuttul", region=north)
    org_b = OrganizationFactory(name_ar="ديرنا", name_en="Dirna", region=east)
    org_c = OrganizationFactory(name_ar="نبض", name_en="Nabd", region=north)
    a1 = PersonFactory(organization=org_a, gender=Gender.FEMALE, full_name="فاطمة")
    a2 = PersonFactory(organization=org_a, gender=Gender.MALE, full_name="أحمد")
    b1 = PersonFactory(organization=org_b, gender=Gender.FEMALE, full_name="مريم")
    project, phase, coaching_phase = parts.project_with_phases(
        "P-REPORTS",
        centre=CentreFactory(),
        name_ar="مشروع التقرير",
        start_date=D(2020, 8, 1),
        end_date=D(2020, 12, 31),
        target_organizations=15,
        target_trainees=30,
        completion_threshold=75,
        training=(D(2020, 8, 1), D(2020, 8, 31)),
        coaching=(D(2020, 9, 20), D(2020, 12, 31)),
    )
    w1 = WorkshopFactory(project=project, phase=phase, start_date=D(2020, 8, 20), end_date=D(2020, 8, 21))
    w2 = WorkshopFactory(project=project, phase=phase, start_date=D(2020, 8, 25), end_date=D(2020, 8, 26))
    s1, s2 = _held(w1, D(2020, 8, 20)), _held(w1, D(2020, 8, 21))
    s3, s4 = _held(w2, D(2020, 8, 25)), _held(w2, D(2020, 8, 26), taken=False)
    enrolments = [(w1, a1), (w1, a2), (w1, b1), (w2, a1)]
    marks = [
        (s1, a1, "present"),
        (s2, a1, "present"),
        (s3, a1, "present"),
        (s1, a2, "present"),
        (s2, a2, "absent"),
        (s1, b1, "late"),
        (s2, b1, "excused"),
        (s4, a2, "present"),  # attendance of s4 not saved: does not count
    ]
    parts.write_in_bulk(
        enrolments=[Enrollment(workshop=w, person=p) for w, p in enrolments],
        marks=[Attendance(session=s, person=p, status=st) for s, p, st in marks],
    )
    # Coaching: Tuttul had two days (three sessions), Nabd none yet.
    e_a = EngagementFactory(project=project, phase=coaching_phase, organization=org_a, planned_days=4)
    e_c = EngagementFactory(project=project, phase=coaching_phase, organization=org_c, planned_days=4)
    items = list(AgendaItem.objects.all()[:2])
    day1 = CoachingSession.objects.create(engagement=e_a, date=D(2020, 10, 1), hours=4)
    day1.agenda_items.set(items)
    CoachingSession.objects.create(engagement=e_a, date=D(2020, 10, 1), hours=2).agenda_items.set(items[:1])
    CoachingSession.objects.create(engagement=e_a, date=D(2020, 10, 5), hours=4)
    StrategicPlanFactory(organization=org_a, engagement=e_a, status=PlanStatus.APPROVED)
    StrategicPlanFactory(organization=org_c, engagement=e_c, status=PlanStatus.DRAFT)
    return SimpleNamespace(project=project, north=north, east=east, org_a=org_a, org_b=org_b, org_c=org_c)


@pytest.fixture
def demo(db):
    from capacity.programme.demo import load_demo

    load_demo()
    from trainings.models import Project

    return Project.objects.get(code="CB-2020")
