import datetime

import pytest
from django.utils import timezone

from capacity.programme import demo_organisations
from capacity.programme import demo_services as demo
from services.models import AssessmentScore, Booking, Consultation, NeedsAssessment

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Booking, Consultation, NeedsAssessment, AssessmentScore)]


def test_demo_data_loads_once_and_again_without_change():
    demo_organisations.load()
    summary = demo.load()
    first = counts()
    assert demo.load() == summary and counts() == first

    bookings = Booking.objects.select_related("room__centre")
    assert {b.room.centre.name_ar for b in bookings} == {"مركز الرقة", "مركز الطبقة"}
    assert all(b.start > timezone.now() for b in bookings)
    assert max(b.start for b in bookings) < timezone.now() + datetime.timedelta(days=22)
    for booking in bookings:
        assert not booking.conflicts().exists()

    assert Consultation.objects.count() == 2
    dates = set(NeedsAssessment.objects.values_list("date", flat=True))
    assert all(datetime.date(2020, 8, 1) <= d <= datetime.date(2020, 12, 31) for d in dates)
    per_org = NeedsAssessment.objects.values("organization").distinct().count()
    assert per_org >= 5 and NeedsAssessment.objects.count() == 2 * per_org
    assert AssessmentScore.objects.count() == 9 * NeedsAssessment.objects.count()
