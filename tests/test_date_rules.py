"""Dates that make sense: a workshop within its project and phase, a session within its workshop,
a coaching session within its phase (refused, naming the range in the user's format, in the forms
and the admin alike); a coaching day beyond the plan warns and asks for a confirmation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from coaching.models import AgendaItem, CoachingSession, EngagementStatus
from tests.coaching.helpers import page_data
from tests.factories import (
    CoachingSessionFactory,
    EngagementFactory,
    PersonFactory,
    PhaseFactory,
    ProjectFactory,
    RoomFactory,
    WorkshopFactory,
)
from trainings.models import Session, Workshop

pytestmark = pytest.mark.django_db


def workshop_data(phase, start, end):
    return {
        "project": phase.project.pk,
        "phase": phase.pk,
        "title": "ورشة في غير وقتها",
        "venue": RoomFactory().pk,
        "start_date": start,
        "end_date": end,
        "planned_hours": "8",
        "capacity": 30,
    }


@pytest.fixture
def phase():
    """The 2020 project (1 Aug to 31 Dec) and its training phase (1 to 31 Aug)."""
    return PhaseFactory(project=ProjectFactory(code="CB-2020"))


def test_a_december_2026_workshop_is_refused_from_the_2020_project(staff_client, phase):
    response = staff_client.post(reverse("trainings:workshop_create"), workshop_data(phase, "2026-12-04", "2026-12-06"))
    html = response.content.decode()
    assert response.status_code == 200 and not Workshop.objects.exists()
    errors = response.context["form"].errors
    assert "start_date" in errors and "end_date" in errors
    # The range, in the user's format (Levantine month names), not ISO.
    assert "1 آب 2020" in html and "31 كانون الأول 2020" in html
    assert "2020-08-01" not in html


def test_a_workshop_must_also_lie_within_its_phase(staff_client, phase):
    response = staff_client.post(reverse("trainings:workshop_create"), workshop_data(phase, "2020-08-30", "2020-09-02"))
    errors = response.context["form"].errors
    assert response.status_code == 200 and list(errors) == ["end_date"]
    assert "31 آب 2020" in errors["end_date"][0] and "1 آب 2020" in errors["end_date"][0]
    data = workshop_data(phase, "2020-08-30", "2020-08-31")
    assert staff_client.post(reverse("trainings:workshop_create"), data).status_code == 302


def test_the_rule_is_the_models_so_the_admin_refuses_too(admin_client, phase):
    workshop = WorkshopFactory(phase=phase)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        Workshop(
            project=phase.project,
            phase=phase,
            title="x",
            start_date=datetime.date(2021, 1, 2),
            end_date=datetime.date(2021, 1, 3),
        ).full_clean()
    assert "1 August 2020 to 31 December 2020" in str(error.value.message_dict["start_date"])
    url = reverse("admin:trainings_workshop_change", args=[workshop.pk])
    data = {
        "project": phase.project.pk,
        "phase": phase.pk,
        "title": workshop.title,
        "start_date": "2020-12-01",
        "end_date": "2020-12-02",
        "planned_hours": "8",
        "capacity": "30",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "31 آب 2020" in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.start_date == datetime.date(2020, 8, 20)


def test_a_session_outside_its_workshop_names_the_dates_in_the_users_format(staff_client):
    workshop = WorkshopFactory(start_date=datetime.date(2020, 8, 20), end_date=datetime.date(2020, 8, 25))
    data = {"date": "2020-09-30", "start_time": "09:00", "end_time": "12:00"}
    response = staff_client.post(reverse("trainings:session_create", args=[workshop.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Session.objects.exists()
    assert "20 آب 2020" in html and "25 آب 2020" in html and "2020-08-20" not in html


def test_a_saved_session_is_announced_with_its_date_in_the_users_format(staff_client):
    workshop = WorkshopFactory(start_date=datetime.date(2020, 8, 20), end_date=datetime.date(2020, 8, 25))
    data = {"date": "2020-08-21", "start_time": "09:00", "end_time": "12:00"}
    response = staff_client.post(reverse("trainings:session_create", args=[workshop.pk]), data, follow=True)
    html = response.content.decode()
    assert "21 آب 2020" in html and "2020-08-21" not in html


# Coaching -------------------------------------------------------------------------------


@pytest.fixture
def engagement(db):
    """An engagement of the coaching phase (20 Sep to 31 Dec 2020), 4 days planned, two participants."""
    engagement = EngagementFactory(planned_days=4)
    PersonFactory.create_batch(2, organization=engagement.organization)
    return engagement


def coaching_post(client, engagement, session=None, **extra):
    if session is None:
        url = reverse("coaching:session_create", args=[engagement.pk])
    else:
        url = reverse("coaching:session_update", args=[session.pk])
    data = page_data(client.get(url))
    data.update(
        {
            "date": "2020-10-20",
            "hours": "4",
            "participants": list(engagement.organization.people.values_list("pk", flat=True)),
            "agenda_items": list(AgendaItem.objects.values_list("pk", flat=True)[:1]),
        }
    )
    data.update(extra)
    return client.post(url, data)


def test_a_coaching_session_outside_its_phase_is_refused_with_the_range(staff_client, engagement):
    response = coaching_post(staff_client, engagement, date="2020-09-10")
    html = response.content.decode()
    assert response.status_code == 200 and not CoachingSession.objects.exists()
    assert "20 أيلول 2020" in html and "31 كانون الأول 2020" in html and "2020-09-20" not in html


def test_a_fifth_day_of_four_warns_and_needs_a_confirmation(staff_client, engagement):
    for day in (1, 2, 3, 4):
        CoachingSessionFactory(engagement=engagement, date=datetime.date(2020, 10, day))
    page = staff_client.get(reverse("coaching:session_create", args=[engagement.pk])).content.decode()
    assert 'name="confirm_extra_day"' not in page  # shown only when the warning applies
    response = coaching_post(staff_client, engagement)
    html = response.content.decode()
    assert response.status_code == 200 and CoachingSession.objects.count() == 4
    assert 'name="confirm_extra_day"' in html and 'id="extra-day"' in html
    assert "5" in response.context["form"].extra_day_warning() and "4" in response.context["form"].extra_day_warning()
    response = coaching_post(staff_client, engagement, confirm_extra_day="on")
    assert response.status_code == 302 and CoachingSession.objects.count() == 5


def test_the_warning_says_5_of_4_days(engagement):
    from coaching.forms import SessionForm

    for day in (1, 2, 3, 4):
        CoachingSessionFactory(engagement=engagement, date=datetime.date(2020, 10, day))
    with translation.override("en"):
        form = SessionForm({"date": "2020-10-20", "hours": "4"}, engagement=engagement)
        assert not form.is_valid()
        assert "day 5 of 4 planned days" in form.errors["confirm_extra_day"][0]


def test_another_session_on_a_day_already_counted_does_not_warn(staff_client, engagement):
    for day in (1, 2, 3, 4):
        CoachingSessionFactory(engagement=engagement, date=datetime.date(2020, 10, day))
    response = coaching_post(staff_client, engagement, date="2020-10-04")  # an afternoon of day 4
    assert response.status_code == 302


def test_editing_a_confirmed_day_does_not_ask_again(staff_client, engagement):
    for day in (1, 2, 3, 4, 5):
        CoachingSessionFactory(engagement=engagement, date=datetime.date(2020, 10, day))
    fifth = CoachingSession.objects.get(date=datetime.date(2020, 10, 5))
    assert coaching_post(staff_client, engagement, fifth, date="2020-10-05", notes="تصحيح").status_code == 302


def test_a_day_on_a_completed_engagement_warns(staff_client, engagement):
    engagement.status = EngagementStatus.COMPLETED
    engagement.save()
    response = coaching_post(staff_client, engagement)
    assert response.status_code == 200 and 'name="confirm_extra_day"' in response.content.decode()
    assert coaching_post(staff_client, engagement, confirm_extra_day="on").status_code == 302
