"""A room has one calendar: workshop sessions with a venue and bookings hold it alike (organizations.occupancy)."""

import datetime
import threading

import pytest
from django.apps import apps
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone, translation

from organizations import occupancy
from organizations.models import Occupancy
from services.booking import BookingConflict, save_booking
from services.models import Booking
from tests.factories import (
    OrganizationFactory,
    PhaseFactory,
    ProjectFactory,
    RoomFactory,
    UserFactory,
    WorkshopFactory,
)
from trainings import writes
from trainings.forms import SessionForm
from trainings.models import Session

pytestmark = pytest.mark.django_db

DAY = 3  # days from today: sessions and bookings in the future


def day():
    return timezone.localdate() + datetime.timedelta(days=DAY)


def workshop_in(room, title="التخطيط الاستراتيجي"):
    """A workshop held in room, whose project and phase cover the coming weeks."""
    today = timezone.localdate()
    project = ProjectFactory(centre=room.centre, start_date=today, end_date=today + datetime.timedelta(days=60))
    phase = PhaseFactory(project=project, start_date=project.start_date, end_date=project.end_date)
    return WorkshopFactory(
        phase=phase,
        title=title,
        venue=room,
        start_date=today,
        end_date=today + datetime.timedelta(days=10),
    )


def session_in(room, start=9, end=13, title="التخطيط الاستراتيجي"):
    """A session 09:00-13:00 in room, written through the door."""
    session = Session(
        workshop=workshop_in(room, title),
        date=day(),
        start_time=datetime.time(start),
        end_time=datetime.time(end),
        venue=room,
    )
    return writes.save_session(session, UserFactory())


def booking(room, start_hour, end_hour, org=None):
    start = timezone.make_aware(datetime.datetime.combine(day(), datetime.time(start_hour)))
    return Booking(
        room=room,
        organization=org or OrganizationFactory(),
        purpose="اجتماع",
        start=start,
        end=start.replace(hour=end_hour),
    )


@pytest.fixture
def raqqa_room():
    return RoomFactory(name_ar="غرفة الاجتماعات", centre__name_ar="مركز الرقة")


def test_the_week_view_shows_a_session_as_taken_with_its_workshop_and_link(staff_client, raqqa_room):
    session = session_in(raqqa_room)
    url = reverse("services:centre_week", args=[raqqa_room.centre_id])
    page = staff_client.get(url, {"week": timezone.localdate().isoformat()}).content.decode()
    assert "التخطيط الاستراتيجي" in page
    assert session.get_absolute_url() in page
    assert "09:00–13:00" in page
    cells = [day.cells[0] for day in staff_client.get(url).context["days"]]
    assert [len(cell) for cell in cells] == [1 if n == DAY else 0 for n in range(7)]


def test_a_booking_over_a_session_is_refused_with_a_link_to_the_session(staff_client, raqqa_room, settings):
    # English: the Arabic of these new messages reaches the catalogue when the lead merges it.
    settings.LANGUAGE_CODE = "en"
    session = session_in(raqqa_room)
    data = {
        "room": raqqa_room.pk,
        "organization": OrganizationFactory(name_ar="توتول").pk,
        "day": day().isoformat(),
        "start_time": "12:00",
        "end_time": "13:00",
        "purpose": "اجتماع",
    }
    response = staff_client.post(reverse("services:booking_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The room is taken by a workshop session" in page and "التخطيط الاستراتيجي" in page
    assert "from 09:00 to 13:00" in page
    assert f'href="{session.get_absolute_url()}"' in page
    assert not Booking.objects.exists()
    # Straight to the door, past the form: refused the same way, in English too.
    with translation.override("en"), pytest.raises(BookingConflict) as refused:
        save_booking(booking(raqqa_room, 12, 13))
    assert "workshop session" in str(refused.value) and session.get_absolute_url() in str(refused.value)
    assert refused.value.booking is None and refused.value.occupancy.holder == session
    # Right after the session it fits.
    save_booking(booking(raqqa_room, 13, 14))


def test_a_session_over_a_booking_is_refused_with_a_link_to_the_booking(raqqa_room):
    held = save_booking(booking(raqqa_room, 12, 13, OrganizationFactory(name_ar="نبض")))
    workshop = workshop_in(raqqa_room)
    data = {"date": day().isoformat(), "start_time": "09:00", "end_time": "13:00", "venue": raqqa_room.pk}
    with translation.override("en"):
        form = SessionForm(data, workshop=workshop)
        assert not form.is_valid()
        error = form.non_field_errors()[0]
    assert "The room is booked" in error and "from 12:00 to 13:00" in error and "نبض" in error
    assert f'href="{held.get_absolute_url()}"' in error
    # The door refuses it itself (a booking that got in after the form's check), writing nothing.
    session = Session(workshop=workshop, date=day(), start_time=datetime.time(9), end_time=datetime.time(13))
    session.venue = raqqa_room
    with pytest.raises(occupancy.RoomTaken) as refused:
        writes.save_session(session, UserFactory())
    assert refused.value.occupancy.holder == held and session.pk is None
    assert not Session.objects.exists()
    # Elsewhere, or with no room, it is saved.
    session.venue = None
    writes.save_session(session, UserFactory())
    assert Session.objects.count() == 1 and Occupancy.objects.count() == 1


def test_the_room_is_free_again_after_a_session_is_moved_or_deleted_or_a_booking_cancelled(raqqa_room):
    session = session_in(raqqa_room)
    session.start_time, session.end_time = datetime.time(14), datetime.time(16)
    writes.save_session(session, UserFactory())  # moving it does not trip over itself
    save_booking(booking(raqqa_room, 10, 12))  # where it was is free
    with pytest.raises(BookingConflict):
        save_booking(booking(raqqa_room, 15, 16))
    writes.delete_session(session, UserFactory())
    later = save_booking(booking(raqqa_room, 15, 16))
    later.cancel(UserFactory())
    assert list(Occupancy.objects.values_list("kind", flat=True)) == ["booking"]
    save_booking(booking(raqqa_room, 15, 16))


def test_the_migration_keeps_old_overlaps_and_flags_the_later_one(raqqa_room):
    """Data from before the rule: a session written over a booking (both bypassing the doors)."""
    from importlib import import_module

    fill = import_module("services.migrations.0005_rooms_one_calendar").fill
    start = timezone.make_aware(datetime.datetime.combine(day(), datetime.time(12)))
    old = Booking.objects.bulk_create(
        [
            Booking(
                room=raqqa_room,
                organization=OrganizationFactory(),
                purpose="قديم",
                start=start,
                end=start.replace(hour=13),
            )
        ]
    )[0]
    workshop = workshop_in(raqqa_room)
    Session.objects.bulk_create(
        [
            Session(
                workshop=workshop, date=day(), start_time=datetime.time(9), end_time=datetime.time(13), venue=raqqa_room
            )
        ]
    )
    fill(apps, None)
    rows = {row.kind: row for row in Occupancy.objects.all()}
    assert rows["booking"].holder == old and not rows["booking"].carried_overlap
    assert rows["session"].carried_overlap and rows["session"].label == workshop.title
    # Both still hold the room: a new booking at that time is refused.
    with pytest.raises(BookingConflict):
        save_booking(booking(raqqa_room, 9, 10))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("hold_check", [False, True], ids=["same-moment", "both-checked-before-writing"])
def test_a_booking_and_a_session_at_the_same_moment_leave_exactly_one(hold_check):
    room = RoomFactory()
    workshop = workshop_in(room)
    org = OrganizationFactory(name_ar="العهد")
    barrier = threading.Barrier(2)
    original, waited, outcomes = occupancy.first_in_the_way, set(), {}

    def checked(*args, **kwargs):
        found = original(*args, **kwargs)
        if hold_check and threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            barrier.wait(timeout=10)  # both have checked before either writes
        return found

    def run(name, write):
        try:
            if not hold_check:
                barrier.wait(timeout=10)
            write()
            outcomes[name] = "saved"
        except (BookingConflict, occupancy.RoomTaken) as refused:
            outcomes[name] = refused
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcomes[name] = error
        finally:
            connections.close_all()

    def book():
        save_booking(booking(room, 10, 12, org))

    def schedule():
        session = Session(workshop=workshop, date=day(), start_time=datetime.time(9), end_time=datetime.time(13))
        session.venue = room
        writes.save_session(session, None)

    occupancy.first_in_the_way = checked
    try:
        threads = [threading.Thread(target=run, args=args) for args in (("booking", book), ("session", schedule))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        occupancy.first_in_the_way = original
    assert sorted(o == "saved" for o in outcomes.values()) == [False, True], outcomes
    refused = next(o for o in outcomes.values() if o != "saved")
    assert isinstance(refused, (BookingConflict, occupancy.RoomTaken)), outcomes
    assert Occupancy.objects.count() == 1
    assert Booking.objects.count() + Session.objects.count() == 1
