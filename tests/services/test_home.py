import datetime

import pytest
from django.utils import timezone

from tests.factories import BookingFactory, ConsultationFactory, OrganizationFactory, _in_days

pytestmark = pytest.mark.django_db


def test_home_shows_tomorrows_bookings_and_follow_ups_due(staff_client):
    BookingFactory(organization=OrganizationFactory(name_ar="توتول"), start=_in_days(1, 10))
    BookingFactory(organization=OrganizationFactory(name_ar="بعيد"), start=_in_days(9, 10))
    cancelled = BookingFactory(organization=OrganizationFactory(name_ar="ملغاة"), start=_in_days(1, 14))
    cancelled.cancel(None)
    today = timezone.localdate()
    ConsultationFactory(topic="مراجعة الملف", follow_up="زيارة", follow_up_due=today + datetime.timedelta(days=3))
    ConsultationFactory(topic="أُنجزت", follow_up="زيارة", follow_up_due=today, follow_up_done=True)
    page = staff_client.get("/").content.decode()
    assert "القاعات المحجوزة اليوم وغدًا" in page and "توتول" in page and "غدًا" in page
    assert "بعيد" not in page and "ملغاة" not in page
    assert "مراجعة الملف" in page and "أُنجزت" not in page


def test_home_section_is_hidden_from_users_without_the_permission(client, outsider_user):
    BookingFactory(organization=OrganizationFactory(name_ar="توتول"), start=_in_days(1, 10))
    client.force_login(outsider_user)
    assert "توتول" not in client.get("/").content.decode()
