"""A receptionist on a phone books a room; a second, overlapping booking is refused."""

import datetime

import pytest
from django.utils import timezone

from core.roles import STAFF
from services.models import Booking
from tests.e2e.conftest import DESKTOP, PHONE, login
from tests.factories import BookingFactory, OrganizationFactory, RoomFactory, UserFactory


@pytest.mark.e2e
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_overlapping_booking_is_refused_in_the_browser(new_page, live_server):
    UserFactory(username="reception", role=STAFF)
    room = RoomFactory(name_ar="غرفة الاجتماعات", centre__name_ar="مركز الطبقة")
    day = timezone.localdate() + datetime.timedelta(days=3)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    BookingFactory(room=room, organization=OrganizationFactory(name_ar="توتول"), start=start)
    OrganizationFactory(name_ar="نبض")

    page = new_page(viewport=PHONE)
    login(page, live_server, "reception")
    page.goto(f"{live_server.url}/services/centres/{room.centre_id}/week/?week={day.isoformat()}")
    # On a phone the week is stacked by day; the existing booking shows under its day.
    day_card = page.locator(".week-days section", has_text="توتول")
    assert day_card.count() == 1 and day_card.is_visible()
    day_card.locator("a", has_text="حجز").first.click()

    page.select_option("select[name=organization]", label="نبض")
    page.fill("input[name=start_time]", "11:00")
    page.fill("input[name=end_time]", "13:00")
    page.fill("input[name=purpose]", "اجتماع فريق المشروع")
    page.click("main form[method=post] button[type=submit]")

    alert = page.locator("#booking-conflict")
    alert.wait_for()
    text = alert.inner_text()
    assert "توتول" in text and "10:00" in text and "12:00" in text
    assert page.input_value("input[name=purpose]") == "اجتماع فريق المشروع"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Booking.objects.count() == 1

    # Moved to after the first booking, it is saved.
    page.fill("input[name=start_time]", "12:00")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_url("**/services/bookings/*/")
    assert Booking.objects.count() == 2


@pytest.mark.e2e
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_services_pages_have_no_serious_accessibility_violations(new_page, live_server, language):
    from tests.e2e.axe import serious_violations
    from tests.factories import ConsultationFactory, NeedsAssessmentFactory

    UserFactory(username="adviser", role=STAFF)
    booking = BookingFactory(room=RoomFactory(facilities="شاشة عرض"))
    org = booking.organization
    visit = ConsultationFactory(organization=org, follow_up="زيارة ثانية", follow_up_due=datetime.date(2020, 11, 2))
    before = NeedsAssessmentFactory(organization=org, date=datetime.date(2020, 8, 15), scores=2)
    NeedsAssessmentFactory(organization=org, date=datetime.date(2020, 12, 20), scores=3)
    paths = [
        "/services/centres/",
        f"/services/centres/{booking.room.centre_id}/week/",
        "/services/bookings/new/",
        f"/services/bookings/{booking.pk}/",
        f"/services/bookings/{booking.pk}/cancel/",
        "/services/consultations/",
        "/services/consultations/new/",
        f"/services/consultations/{visit.pk}/",
        "/services/assessments/",
        "/services/assessments/new/",
        f"/services/assessments/{before.pk}/",
        f"/organizations/{org.pk}/",
    ]
    page = new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    login(page, live_server, "adviser")
    found = {}
    for path in paths:
        page.goto(live_server.url + path)
        if problems := serious_violations(page, live_server):
            found[path] = problems
    assert found == {}


@pytest.mark.e2e
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_room_week_shows_a_session_and_refuses_a_booking_over_it(new_page, live_server, viewport):
    """The Raqqa meeting room during a 09:00-13:00 workshop session: shown taken, and a 12:00-13:00 booking refused."""
    from tests.test_room_calendar import day, session_in

    UserFactory(username="reception", role=STAFF)
    room = RoomFactory(name_ar="غرفة الاجتماعات", centre__name_ar="مركز الرقة")
    session = session_in(room, title="التخطيط الاستراتيجي")
    OrganizationFactory(name_ar="نبض")

    page = new_page(viewport=viewport)
    login(page, live_server, "reception")
    page.goto(f"{live_server.url}/services/centres/{room.centre_id}/week/")
    chip = page.locator(f'a.session-chip[href="{session.get_absolute_url()}"]:visible')
    assert chip.count() == 1
    assert "التخطيط الاستراتيجي" in chip.inner_text() and "09:00–13:00" in chip.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    page.goto(f"{live_server.url}/services/bookings/new/?room={room.pk}&day={day().isoformat()}")
    page.select_option("select[name=organization]", label="نبض")
    page.fill("input[name=start_time]", "12:00")
    page.fill("input[name=end_time]", "13:00")
    page.fill("input[name=purpose]", "اجتماع")
    page.click("main form[method=post] button[type=submit]")
    alert = page.locator("#booking-conflict")
    alert.wait_for()
    assert "التخطيط الاستراتيجي" in alert.inner_text() and "09:00" in alert.inner_text()
    assert Booking.objects.count() == 0
    # The message links to the session in the way.
    alert.locator(f'a[href="{session.get_absolute_url()}"]').click()
    page.wait_for_url(f"**{session.get_absolute_url()}")
