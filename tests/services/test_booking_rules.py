"""The overlap rule: the check, the PostgreSQL constraint, and two writers at once."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from organizations import occupancy
from organizations.models import Occupancy
from services.booking import BookingConflict, save_booking
from services.models import Booking, BookingStatus
from tests.factories import BookingFactory, OrganizationFactory, RoomFactory, UserFactory, _in_days

pytestmark = pytest.mark.django_db


def make_booking(room, org, start, hours=2):
    return Booking(
        room=room, organization=org, purpose="اجتماع", start=start, end=start + datetime.timedelta(hours=hours)
    )


def test_an_overlapping_booking_is_refused_and_names_the_one_in_the_way():
    first = BookingFactory(organization=OrganizationFactory(name_ar="توتول"), start=_in_days(3, 10))
    second = make_booking(first.room, OrganizationFactory(), _in_days(3, 11))
    with pytest.raises(BookingConflict) as refused:
        save_booking(second)
    assert refused.value.booking == first
    assert "توتول" in str(refused.value)
    assert "10:00" in str(refused.value) and "12:00" in str(refused.value)
    assert Booking.objects.count() == 1


def test_back_to_back_bookings_and_other_rooms_are_fine():
    first = BookingFactory(start=_in_days(3, 10))
    save_booking(make_booking(first.room, first.organization, _in_days(3, 12)))  # starts when the first ends
    save_booking(make_booking(first.room, first.organization, _in_days(3, 8)))  # ends when the first starts
    save_booking(make_booking(RoomFactory(centre=first.room.centre), first.organization, _in_days(3, 10)))
    assert Booking.objects.count() == 4


def test_a_cancelled_booking_does_not_block_the_room():
    first = BookingFactory(start=_in_days(3, 10))
    first.cancel(UserFactory())
    save_booking(make_booking(first.room, first.organization, _in_days(3, 10)))
    assert Booking.objects.filter(room=first.room).count() == 2
    first.refresh_from_db()
    assert first.status == BookingStatus.CANCELLED and first.cancelled_at and first.cancelled_by


def test_changing_a_booking_does_not_conflict_with_itself():
    booking = BookingFactory(start=_in_days(3, 10))
    booking.end = booking.end + datetime.timedelta(hours=1)
    save_booking(booking)
    booking.refresh_from_db()
    assert timezone.localtime(booking.end).hour == 13


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
def test_postgresql_itself_refuses_an_overlap_that_skips_the_check():
    """The room's one calendar refuses an overlapping row written past the check (organizations.occupancy)."""
    first = BookingFactory(start=_in_days(3, 10))
    row = first.occupancy.get()
    with pytest.raises(IntegrityError, match="organizations_occupancy_no_overlap"), transaction.atomic():
        Occupancy.objects.create(
            room=first.room,
            start=_in_days(3, 11),
            end=_in_days(3, 12),
            kind="session",
            label="x",
            content_type=row.content_type,
            object_id=first.pk + 1000,
        )
    # A cancelled booking holds no row, so its time is free.
    first.cancel(UserFactory())
    assert not Occupancy.objects.exists()
    save_booking(make_booking(first.room, first.organization, _in_days(3, 11)))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
def test_the_constraint_error_becomes_the_same_message(monkeypatch):
    """If the check misses a racing booking, the constraint's IntegrityError is turned into BookingConflict."""
    first = BookingFactory(organization=OrganizationFactory(name_ar="نبض"), start=_in_days(3, 10))
    monkeypatch.setattr(occupancy, "first_in_the_way", lambda *args, **kwargs: None)
    with pytest.raises(BookingConflict) as refused:
        save_booking(make_booking(first.room, first.organization, _in_days(3, 11)))
    monkeypatch.undo()
    assert "نبض" in str(refused.value) and refused.value.booking == first
    assert Booking.objects.count() == 1


def _race(room_id, org_ids, start, hold_check):
    """Two threads, each with its own connection, book the same room at once; returns the outcomes."""
    barrier = threading.Barrier(len(org_ids))
    outcomes = []
    original = occupancy.first_in_the_way

    waited = set()

    def checked(*args, **kwargs):
        found = original(*args, **kwargs)
        if hold_check and threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            # Both writers have done their check before either writes.
            barrier.wait(timeout=10)
        return found

    def book(org_id):
        try:
            if not hold_check:
                barrier.wait(timeout=10)
            booking = Booking(room_id=room_id, organization_id=org_id, purpose="سباق", start=start)
            booking.end = start + datetime.timedelta(hours=2)
            save_booking(booking)
            outcomes.append("saved")
        except BookingConflict as conflict:
            outcomes.append(conflict)
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcomes.append(error)
        finally:
            connections.close_all()

    occupancy.first_in_the_way = checked
    try:
        threads = [threading.Thread(target=book, args=(org_id,)) for org_id in org_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        occupancy.first_in_the_way = original
    return outcomes


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's test database is in memory with a shared cache, where a second writer gets 'table is locked' "
    "instead of waiting; test_sqlite_race.py races two writers on a real SQLite file instead",
)
@pytest.mark.parametrize("hold_check", [False, True], ids=["same-moment", "both-checked-before-writing"])
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_bookings_at_the_same_moment_save_exactly_one(hold_check):
    room = RoomFactory()
    orgs = [OrganizationFactory(name_ar="العهد"), OrganizationFactory(name_ar="ديرنا")]
    start = _in_days(4, 10)
    outcomes = _race(room.pk, [o.pk for o in orgs], start, hold_check)
    assert outcomes.count("saved") == 1, outcomes
    refused = [o for o in outcomes if isinstance(o, BookingConflict)]
    assert len(refused) == 1, outcomes
    saved = Booking.objects.get(room=room)
    assert saved.organization.name_ar in str(refused[0])
    assert Booking.objects.count() == 1
