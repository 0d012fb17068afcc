"""Meetings and networking events (services.meetings): the room's one calendar, stakeholders, who came, figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organizations import occupancy
from organizations.models import Occupancy
from services.booking import BookingConflict, save_booking
from services.meetings import figures, save_meeting
from services.models import Booking, Meeting, Stakeholder
from tests.factories import (
    CentreFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    RoomFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    # The Arabic catalogue of these strings is merged by the lead (/work/notes/strings-records.po).
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def room(db):
    return RoomFactory(name_ar="قاعة الاجتماعات", centre__name_ar="مركز الرقة")


def day():
    return timezone.localdate() + datetime.timedelta(days=3)


def meeting_data(chosen_room, organizations, **changes):
    data = {
        "title": "لقاء تشبيكي بين منظمات الرقة",
        "kind": "networking",
        "centre": chosen_room.centre_id,
        "room": chosen_room.pk,
        "date": day().isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "organizations": [org.pk for org in organizations],
        "agenda": "التعارف وتنسيق العمل",
        "outcomes": "",
        "follow_ups": "",
        "stakeholders-TOTAL_FORMS": "2",
        "stakeholders-INITIAL_FORMS": "0",
        "stakeholders-0-name": "المجلس المحلي في الرقة",
        "stakeholders-0-kind": "council",
        "stakeholders-0-represented_by": "عضو المجلس",
        "stakeholders-1-name": "",
        "stakeholders-1-kind": "",
    }
    data.update(changes)
    return data


def test_staff_record_a_meeting_with_organisations_and_stakeholders_once(staff_client, room):
    orgs = [OrganizationFactory(centre=room.centre, name_ar=name) for name in ("توتول", "نبض")]
    response = staff_client.get(reverse("services:meeting_create"))
    token = response.context["once_token"]
    data = {**meeting_data(room, orgs), "once_token": token}
    first = staff_client.post(reverse("services:meeting_create"), data)
    again = staff_client.post(reverse("services:meeting_create"), data)  # a double click
    meeting = Meeting.objects.get()
    assert first.status_code == 302 and again.status_code == 302
    assert set(meeting.organizations.values_list("name_ar", flat=True)) == {"توتول", "نبض"}
    assert list(meeting.stakeholders.values_list("name", "kind")) == [("المجلس المحلي في الرقة", "council")]
    assert meeting.recorded_by.username == "staff"
    # It holds the room in the room's one calendar.
    held = Occupancy.objects.get()
    assert held.holder == meeting and held.room == room and held.kind == "meeting"
    page = staff_client.get(meeting.get_absolute_url()).content.decode()
    assert "المجلس المحلي في الرقة" in page and "توتول" in page


def test_a_meeting_over_a_booked_room_is_refused_with_a_link_and_nothing_saved(staff_client, room, english):
    start = timezone.make_aware(datetime.datetime.combine(day(), datetime.time(11)))
    booking = save_booking(
        Booking(
            room=room,
            organization=OrganizationFactory(name_ar="ديرنا"),
            purpose="تدريب",
            start=start,
            end=start + datetime.timedelta(hours=2),
        )
    )
    response = staff_client.post(reverse("services:meeting_create"), meeting_data(room, []))
    page = response.content.decode()
    assert response.status_code == 400 and "The room is already booked for" in page or "The room is booked" in page
    assert booking.get_absolute_url() in page
    assert not Meeting.objects.exists() and not Stakeholder.objects.exists()
    # Straight to the door, past the form: refused the same way.
    meeting = Meeting(
        title="x", centre=room.centre, room=room, date=day(), start_time=datetime.time(9), end_time=datetime.time(12)
    )
    with pytest.raises(occupancy.RoomTaken):
        save_meeting(meeting)
    assert meeting.pk is None and not Meeting.objects.exists()


def test_a_booking_over_a_meeting_is_refused_naming_the_meeting(room, english):
    meeting = MeetingFactory(room=room, centre=room.centre, title="لقاء المجلس المحلي")
    start = timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time(11)))
    with pytest.raises(BookingConflict) as refused:
        save_booking(
            Booking(
                room=room,
                organization=OrganizationFactory(),
                purpose="اجتماع",
                start=start,
                end=start + datetime.timedelta(hours=1),
            )
        )
    assert "taken by a meeting" in str(refused.value) and meeting.get_absolute_url() in str(refused.value)


def test_moving_a_meeting_elsewhere_or_out_of_the_centre_frees_the_room(staff_client, room):
    meeting = MeetingFactory(room=room, centre=room.centre)
    response = staff_client.post(reverse("services:meeting_update", args=[meeting.pk]), meeting_data(room, [], room=""))
    assert response.status_code == 302 and not Occupancy.objects.exists()
    save_booking(
        Booking(
            room=room,
            organization=OrganizationFactory(),
            purpose="اجتماع",
            start=timezone.make_aware(datetime.datetime.combine(day(), datetime.time(10))),
            end=timezone.make_aware(datetime.datetime.combine(day(), datetime.time(12))),
        )
    )


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"end_time": "09:00"}, "end_time"),
        ({"date": "0001-01-01"}, "date"),
        ({"title": ""}, "title"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(staff_client, room, changes, field):
    response = staff_client.post(reverse("services:meeting_create"), meeting_data(room, [], **changes))
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not Meeting.objects.exists() and not Occupancy.objects.exists()


def test_a_room_of_another_centre_is_refused(staff_client, room):
    other_room = RoomFactory()
    response = staff_client.post(reverse("services:meeting_create"), meeting_data(room, [], room=other_room.pk))
    assert response.status_code == 400 and "room" in response.context["form"].errors


def test_who_came_is_ticked_among_the_organisations_people(staff_client, room):
    org = OrganizationFactory(centre=room.centre)
    came, stayed = PersonFactory(organization=org, full_name="سارة"), PersonFactory(organization=org, full_name="علي")
    meeting = MeetingFactory(room=room, centre=room.centre)
    meeting.organizations.add(org)
    url = reverse("services:meeting_attendance", args=[meeting.pk])
    page = staff_client.get(url).content.decode()
    assert "سارة" in page and "علي" in page
    response = staff_client.post(url, {"attendees": [came.pk], "other_attendees": 4})
    assert response.status_code == 302
    assert list(meeting.attendees.all()) == [came] and Meeting.objects.get().other_attendees == 4
    assert stayed not in meeting.attendees.all()
    # Someone of no organisation taking part is refused.
    outsider = PersonFactory()
    response = staff_client.post(url, {"attendees": [outsider.pk], "other_attendees": 0})
    assert response.status_code == 400 and list(meeting.attendees.all()) == [came]
    response = staff_client.post(url, {"attendees": [], "other_attendees": -3})
    assert response.status_code == 400


def test_figures_count_meetings_organisations_stakeholders_and_people(room):
    orgs = OrganizationFactory.create_batch(3)
    people = [PersonFactory(organization=orgs[0]) for _ in range(2)]
    first = MeetingFactory(room=room, centre=room.centre, kind="networking", other_attendees=5)
    second = MeetingFactory(room=None, centre=room.centre, kind="stakeholders")
    first.organizations.set(orgs[:2])
    second.organizations.set(orgs[1:])
    first.attendees.set(people)
    second.attendees.set(people[:1])
    Stakeholder.objects.create(meeting=second, name="لجنة الحي", kind="committee")
    found = figures(Meeting.objects.all())
    assert found["meetings"] == 2 and found["organizations"] == 3 and found["stakeholders"] == 1
    assert found["people"] == 2 and found["attendances"] == 3 + 5
    assert dict((kind, n) for kind, _label, n in found["by_kind"]) == {"meeting": 0, "networking": 1, "stakeholders": 1}


def test_the_list_shows_figures_and_another_centres_meetings_answer_404(
    staff_client, staff_user, room, django_assert_max_num_queries
):
    for _ in range(8):
        MeetingFactory(room=None, centre=room.centre, title="لقاء الرقة")
    theirs = MeetingFactory(centre=CentreFactory(staffed=False), title="لقاء الطبقة")
    with django_assert_max_num_queries(14):
        response = staff_client.get(reverse("services:meeting_list"))
    page = response.content.decode()
    assert "لقاء الرقة" in page and "لقاء الطبقة" not in page and 'data-figure="meetings">8<' in page
    for name in ("meeting_detail", "meeting_update", "meeting_attendance"):
        assert staff_client.get(reverse(f"services:{name}", args=[theirs.pk])).status_code == 404
    assert staff_client.get(reverse("services:meeting_list") + "?date_from=9999-99-99&centre=x").status_code == 200


def test_the_meeting_page_keeps_its_history_for_administrators(admin_client_role, room):
    meeting = MeetingFactory(room=room, centre=room.centre)
    meeting.outcomes = "اتفاق على لقاء شهري"
    save_meeting(meeting)
    response = admin_client_role.get(meeting.get_absolute_url())
    assert response.status_code == 200 and len(response.context["history"]) == 2


def test_the_week_of_the_centre_shows_the_meeting(staff_client, room):
    meeting = MeetingFactory(room=room, centre=room.centre, title="لقاء تشبيكي")
    page = staff_client.get(reverse("services:centre_week", args=[room.centre_id])).content.decode()
    assert "لقاء تشبيكي" in page and meeting.get_absolute_url() in page


def test_the_admin_saves_through_the_door(admin_client_role, room):
    user = UserFactory(is_superuser=True, is_staff=True)
    admin_client_role.force_login(user)
    start = timezone.make_aware(datetime.datetime.combine(day(), datetime.time(10)))
    save_booking(
        Booking(
            room=room,
            organization=OrganizationFactory(),
            purpose="اجتماع",
            start=start,
            end=start + datetime.timedelta(hours=2),
        )
    )
    data = {
        "title": "لقاء",
        "kind": "meeting",
        "centre": room.centre_id,
        "room": room.pk,
        "date": day().isoformat(),
        "start_time": "11:00",
        "end_time": "12:00",
        "other_attendees": 0,
        "stakeholders-TOTAL_FORMS": 0,
        "stakeholders-INITIAL_FORMS": 0,
    }
    response = admin_client_role.post(reverse("admin:services_meeting_add"), data)
    assert response.status_code == 200 and not Meeting.objects.exists()
    data["start_time"], data["end_time"] = "12:00", "13:00"
    response = admin_client_role.post(reverse("admin:services_meeting_add"), data)
    assert response.status_code == 302 and Occupancy.objects.filter(kind="meeting").count() == 1


def test_the_centre_wide_report_counts_the_meetings(coordinator_client, room):
    MeetingFactory(room=room, centre=room.centre, other_attendees=4)
    MeetingFactory(room=None, centre=room.centre, kind="stakeholders")
    response = coordinator_client.get(reverse("reports:programme"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="meetings">2<' in page and 'data-figure="meeting_attendances">4<' in page
