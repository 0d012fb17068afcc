"""Every attendance mark written is kept in the audit history, shown to administrators."""

import pytest
from django.test import Client

from tests.trainings.test_attendance import sheet_data, url
from trainings.models import Attendance

pytestmark = pytest.mark.django_db


def test_each_change_is_recorded_with_its_author(staff_client, staff_user, coordinator_user, session_with):
    session, people = session_with(3)
    staff_client.post(url(session), sheet_data(people))
    other = Client()
    other.force_login(coordinator_user)
    other.post(url(session), sheet_data(people, orig="present|", **{f"status-{people[0].pk}": "absent"}))
    history = Attendance.history.filter(person=people[0]).order_by("history_date")
    assert [(h.status, h.history_type, h.history_user) for h in history] == [
        ("present", "+", staff_user),
        ("absent", "~", coordinator_user),
    ]
    assert Attendance.history.count() == 4  # three marks made, one changed


def test_administrators_see_the_history_on_the_session_page(
    staff_client, admin_user, session_with, django_assert_max_num_queries
):
    session, people = session_with(3)
    staff_client.post(url(session), sheet_data(people, **{f"status-{people[2].pk}": "excused"}))
    assert "سجل التغييرات" not in staff_client.get(url(session)).content.decode()
    admin = Client()
    admin.force_login(admin_user)
    with django_assert_max_num_queries(15):
        html = admin.get(url(session)).content.decode()
    assert "سجل التغييرات" in html and "staff" in html and people[2].full_name in html
