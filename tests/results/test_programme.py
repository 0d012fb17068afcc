"""The programme-wide and centre-wide report: people once across projects, the centre's services."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from capacity.programme import parts
from core.roles import COORDINATOR, STAFF
from organizations.models import Gender
from services.models import Booking, Consultation
from tests.factories import (
    ConsultationFactory,
    NeedsAssessmentFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    WorkshopFactory,
)
from trainings.models import Attendance, Enrollment

D = datetime.date


@pytest.fixture
def two_projects(programme):
    """A second project of the same centre in 2021, where Fatima (of the first) comes again with Salma."""
    first = programme.project
    second, phase, _coaching = parts.project_with_phases(
        "P-SECOND",
        centre=first.centre,
        name_ar="مشروع ثان",
        start_date=D(2021, 1, 1),
        end_date=D(2021, 6, 30),
        training=(D(2021, 1, 1), D(2021, 3, 31)),
        coaching=(D(2021, 4, 1), D(2021, 6, 30)),
    )
    workshop = WorkshopFactory(project=second, phase=phase, start_date=D(2021, 2, 1), end_date=D(2021, 2, 1))
    session = SessionFactory(
        workshop=workshop, date=D(2021, 2, 1), attendance_taken_at=parts.taken_at(D(2021, 2, 1), datetime.time(12))
    )
    fatima = Attendance.objects.filter(session__workshop__project=first, person__full_name="فاطمة").first().person
    salma = PersonFactory(organization=programme.org_b, gender=Gender.FEMALE, full_name="سلمى", birth_year=2003)
    parts.write_in_bulk(
        enrolments=[Enrollment(workshop=workshop, person=p) for p in (fatima, salma)],
        marks=[Attendance(session=session, person=p, status="present") for p in (fatima, salma)],
    )
    return first, second


def figure(response, key):
    return next(f.value for f in response.context["training"] if f.key == key)


def test_a_trainee_of_two_projects_counts_once(client, two_projects):
    client.force_login(UserFactory(role=COORDINATOR))
    first, second = two_projects
    both = client.get(reverse("reports:programme"))
    assert both.status_code == 200
    assert figure(both, "trainees") == 4  # 3 in the first, 2 in the second, Fatima in both
    assert figure(both, "participations") == 5 + 2
    assert "counted once across the projects" in both.content.decode() or "مرة واحدة" in both.content.decode()
    assert figure(client.get(reverse("reports:programme"), {"year": 2021}), "trainees") == 2
    assert figure(client.get(reverse("reports:programme"), {"projects": [first.pk]}), "trainees") == 3
    d = both.context["disaggregation"]
    assert d.total == 4 and sum(count for _label, count in d.age) == 4
    # No end to the period: ages in this year; Salma (born 2003) is 18-24 until 2027.
    assert dict(d.age)["18-24"] == (1 if timezone.localdate().year <= 2027 else 0)


def test_centre_services_counted(client, two_projects):
    first, _second = two_projects
    client.force_login(UserFactory(role=COORDINATOR))
    org = first.coaching_engagements.first().organization
    ConsultationFactory(
        organization=org, date=D(2021, 3, 1), kind="legal", follow_up="زيارة ثانية", follow_up_done=True
    )
    ConsultationFactory(organization=org, date=D(2021, 3, 5), kind="technical", follow_up="")
    room = RoomFactory(centre=first.centre)
    start = timezone.make_aware(datetime.datetime(2021, 3, 2, 10))
    Booking.objects.create(
        room=room, organization=org, purpose="اجتماع", start=start, end=start + datetime.timedelta(hours=2, minutes=30)
    )
    NeedsAssessmentFactory(organization=org, date=D(2021, 1, 10), scores=2)
    NeedsAssessmentFactory(organization=org, date=D(2021, 5, 10), scores=3)
    response = client.get(reverse("reports:programme"), {"centre": first.centre.pk, "year": 2021})
    services = response.context["services"]
    assert services.visits == Consultation.objects.filter(date__year=2021).count() == 2
    assert (services.follow_ups, services.follow_ups_done) == (1, 1)
    assert [n for _label, n in services.visits_by_kind] == [1, 1, 0, 0]  # technical, legal, financial, other
    assert services.room_hours == 2.5 and services.bookings == 1
    if services.organizations_compared:
        assert services.assessment_change == 1.0


def test_downloads_and_rights(client, two_projects, django_assert_max_num_queries):
    client.force_login(UserFactory(role=STAFF))
    assert client.get(reverse("reports:programme")).status_code == 200
    assert client.get(reverse("reports:programme_excel")).status_code == 403
    client.force_login(UserFactory(role=COORDINATOR))
    with django_assert_max_num_queries(40):
        workbook = client.get(reverse("reports:programme_excel"), {"year": "2020"})
    assert workbook.status_code == 200 and workbook["Content-Type"].startswith("application/vnd")
    bad = client.get(reverse("reports:programme"), {"year": "9999x", "centre": "abc"})
    assert bad.status_code == 200 and bad.context["form"].errors
