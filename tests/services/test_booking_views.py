import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from services.models import Booking, BookingStatus
from tests.factories import BookingFactory, CentreFactory, OrganizationFactory, RoomFactory, _in_days
from tests.services.access import assert_open_to_staff

pytestmark = pytest.mark.django_db


def booking_post(room, org, day, start="10:00", end="12:00", purpose="اجتماع الهيئة العامة"):
    return {
        "room": room.pk,
        "organization": org.pk,
        "day": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "purpose": purpose,
    }


def future_day(days=5):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.mark.parametrize(
    "name,args",
    [
        ("services:centre_list", []),
        ("services:centre_week", ["centre"]),
        ("services:booking_create", []),
        ("services:booking_detail", ["booking"]),
        ("services:booking_update", ["booking"]),
        ("services:booking_cancel", ["booking"]),
    ],
)
def test_access(client, outsider_user, staff_user, coordinator_user, name, args):
    booking = BookingFactory()
    objects = {"centre": booking.room.centre_id, "booking": booking.pk}
    url = reverse(name, args=[objects[a] for a in args])
    assert_open_to_staff(client, url, outsider_user, staff_user, coordinator_user)


@pytest.mark.parametrize(
    "name", ["services:centre_week", "services:booking_detail", "services:booking_update", "services:booking_cancel"]
)
def test_unknown_ids_are_404(staff_client, name):
    assert staff_client.get(reverse(name, args=[999999])).status_code == 404


def test_booking_a_room_saves_it_in_damascus_time(staff_client, staff_user):
    room, org = RoomFactory(), OrganizationFactory()
    day = future_day()
    response = staff_client.post(reverse("services:booking_create"), booking_post(room, org, day))
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == booking.get_absolute_url()
    assert booking.booked_by == staff_user and booking.status == BookingStatus.BOOKED
    local = timezone.localtime(booking.start)
    assert (local.date(), local.hour, str(local.tzinfo)) == (day, 10, "Asia/Damascus")
    assert booking.start.astimezone(datetime.UTC).hour == 7  # Damascus is UTC+3


def test_an_overlapping_booking_is_refused_with_who_is_in_the_way(staff_client):
    existing = BookingFactory(organization=OrganizationFactory(name_ar="توتول"), start=_in_days(5, 10))
    data = booking_post(existing.room, OrganizationFactory(), future_day(), start="11:00", end="13:00")
    response = staff_client.post(reverse("services:booking_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "توتول" in page and "10:00" in page and "12:00" in page
    assert "محجوزة" in page  # the message is in Arabic
    assert 'value="اجتماع الهيئة العامة"' in page  # what was typed stays
    assert Booking.objects.count() == 1


def test_the_message_is_in_english_for_english_users(staff_client, settings):
    existing = BookingFactory(organization=OrganizationFactory(name_en="Tuttul"), start=_in_days(5, 10))
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = booking_post(existing.room, OrganizationFactory(), future_day(), start="09:00", end="10:30")
    page = staff_client.post(reverse("services:booking_create"), data).content.decode()
    assert "already booked for Tuttul" in page


@pytest.mark.parametrize(
    "change,field_message",
    [
        ({"start_time": "12:00", "end_time": "10:00"}, "يجب أن تكون النهاية بعد البداية"),
        ({"day": "2020-01-01"}, "لا يمكن أن يبدأ الحجز في الماضي"),
        ({"start_time": "25:00"}, None),
        ({"room": "999999"}, None),
    ],
)
def test_bad_input_saves_nothing(staff_client, change, field_message):
    data = booking_post(RoomFactory(), OrganizationFactory(), future_day()) | change
    response = staff_client.post(reverse("services:booking_create"), data)
    assert response.status_code == 200
    assert Booking.objects.count() == 0
    if field_message:
        assert field_message in response.content.decode()


def test_a_booking_earlier_today_is_refused(staff_client):
    now = timezone.localtime()
    if now.hour < 1:
        pytest.skip("too close to midnight")
    data = booking_post(RoomFactory(), OrganizationFactory(), now.date(), start="00:00", end="00:30")
    response = staff_client.post(reverse("services:booking_create"), data)
    assert "لا يمكن أن يبدأ الحجز في الماضي" in response.content.decode()
    assert not Booking.objects.exists()


def test_the_form_starts_with_the_room_and_day_of_the_week_view(staff_client):
    room = RoomFactory()
    day = future_day()
    page = staff_client.get(reverse("services:booking_create"), {"room": room.pk, "day": day.isoformat()})
    assert page.context["form"].initial["room"] == room.pk
    assert page.context["form"].initial["day"] == day


def test_changing_a_booking_to_overlap_is_refused(staff_client):
    first = BookingFactory(start=_in_days(5, 10))
    second = BookingFactory(room=first.room, start=_in_days(5, 14))
    data = booking_post(first.room, second.organization, future_day(), start="11:00", end="15:00")
    response = staff_client.post(reverse("services:booking_update", args=[second.pk]), data)
    assert response.status_code == 200
    second.refresh_from_db()
    assert timezone.localtime(second.start).hour == 14
    data = booking_post(first.room, second.organization, future_day(), start="12:00", end="15:00")
    assert staff_client.post(reverse("services:booking_update", args=[second.pk]), data).status_code == 302
    second.refresh_from_db()
    assert timezone.localtime(second.start).hour == 12


def test_cancelling_keeps_the_record_with_who_and_when(staff_client, staff_user):
    booking = BookingFactory()
    page = staff_client.get(reverse("services:booking_cancel", args=[booking.pk]))
    assert Booking.objects.get().status == BookingStatus.BOOKED  # a GET only asks
    assert "نعم، ألغِه" in page.content.decode()
    response = staff_client.post(reverse("services:booking_cancel", args=[booking.pk]))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_by == staff_user and booking.cancelled_at is not None
    detail = staff_client.get(booking.get_absolute_url()).content.decode()
    assert "staff" in detail and "ملغى" in detail
    # A cancelled booking can no longer be changed.
    assert staff_client.get(reverse("services:booking_update", args=[booking.pk])).status_code == 404


def test_week_view_lists_rooms_by_days_from_saturday(staff_client):
    centre = CentreFactory(name_ar="مركز الطبقة")
    meeting = RoomFactory(centre=centre, name_ar="غرفة الاجتماعات")
    RoomFactory(centre=centre, name_ar="قاعة التدريب")
    booking = BookingFactory(room=meeting, organization=OrganizationFactory(name_ar="نبض"), start=_in_days(3, 10))
    other_centre = BookingFactory(organization=OrganizationFactory(name_ar="سام"), start=_in_days(3, 10))
    day = timezone.localtime(booking.start).date()
    response = staff_client.get(reverse("services:centre_week", args=[centre.pk]), {"week": day.isoformat()})
    page = response.content.decode()
    days = response.context["days"]
    assert days[0].date == day and len(days) == 7  # from the chosen day, seven days
    assert days[-1].date == day + datetime.timedelta(days=6)
    assert "نبض" in page and "غرفة الاجتماعات" in page and "قاعة التدريب" in page
    assert other_centre.organization.name_ar not in page
    assert "الأيام السبعة" in page
    # The next week is one link away and does not show this week's booking.
    next_week = staff_client.get(
        reverse("services:centre_week", args=[centre.pk]), {"week": (days[0].date + datetime.timedelta(7)).isoformat()}
    )
    assert "نبض" not in next_week.content.decode()


def test_week_view_queries_do_not_grow_with_bookings(staff_client, django_assert_max_num_queries):
    room = RoomFactory()
    url = reverse("services:centre_week", args=[room.centre_id])
    week = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    for hour in range(8, 18):
        BookingFactory(room=room, start=_in_days(7, hour), end=_in_days(7, hour + 1))
    with django_assert_max_num_queries(9):  # one is the user's centres (core.centres)
        assert staff_client.get(url, {"week": week}).status_code == 200


def test_week_view_with_a_bad_date_shows_this_week(staff_client):
    centre = CentreFactory()
    response = staff_client.get(reverse("services:centre_week", args=[centre.pk]), {"week": "not-a-date"})
    assert response.status_code == 200
    assert response.context["first_day"] == timezone.localdate()


def test_week_view_starts_today_and_shows_the_next_seven_days(staff_client):
    centre = CentreFactory()
    today = timezone.localdate()
    response = staff_client.get(reverse("services:centre_week", args=[centre.pk]))
    days = [day.date for day in response.context["days"]]
    assert days == [today + datetime.timedelta(days=n) for n in range(7)]
    assert days[0] == today and response.context["days"][0].is_today


def test_centre_list_shows_rooms_with_capacity_and_facilities(staff_client):
    room = RoomFactory(name_ar="غرفة الاجتماعات", capacity=12, facilities="شاشة عرض")
    BookingFactory(room=room)
    page = staff_client.get(reverse("services:centre_list")).content.decode()
    assert "غرفة الاجتماعات" in page and "شاشة عرض" in page and "12" in page


def test_a_booking_that_loses_a_race_after_the_form_check_gets_the_same_message(staff_client, monkeypatch):
    """The form's check passed, then another booking got in first: the save's refusal is shown as a form error."""
    from services import views
    from services.booking import BookingConflict

    winner = BookingFactory(organization=OrganizationFactory(name_ar="ماري"), start=_in_days(5, 10))

    def lose(booking):
        raise BookingConflict(winner.occupancy.get())

    monkeypatch.setattr(views, "save_booking", lose)
    data = booking_post(RoomFactory(), OrganizationFactory(), future_day(), start="10:00", end="11:00")
    response = staff_client.post(reverse("services:booking_create"), data)
    assert response.status_code == 200
    assert "القاعة محجوزة لـماري" in response.content.decode()
    assert Booking.objects.count() == 1


def test_admin_refuses_an_overlap_too(admin_client_role):
    first = BookingFactory(start=_in_days(5, 10))
    start = timezone.localtime(first.start)
    data = {
        "room": first.room_id,
        "organization": first.organization_id,
        "purpose": "x",
        "start_0": start.date().isoformat(),
        "start_1": "11:00",
        "end_0": start.date().isoformat(),
        "end_1": "13:00",
        "status": "booked",
    }
    response = admin_client_role.post(reverse("admin:services_booking_add"), data)
    assert response.status_code == 200
    assert Booking.objects.count() == 1


def test_the_organisation_page_lists_its_upcoming_bookings(staff_client):
    org = OrganizationFactory()
    BookingFactory(organization=org, purpose="اجتماع مجلس الإدارة", start=_in_days(4, 10))
    BookingFactory(organization=org, purpose="حجز ملغى", start=_in_days(4, 14)).cancel(None)
    BookingFactory(purpose="منظمة أخرى", start=_in_days(4, 10))
    page = staff_client.get(org.get_absolute_url()).content.decode()
    assert "حجوزات القاعات القادمة" in page and "اجتماع مجلس الإدارة" in page
    assert "حجز ملغى" not in page and "منظمة أخرى" not in page
