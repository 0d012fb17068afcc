"""Meetings and networking events: the door that saves one (with its room), and their figures.

A meeting held in a room takes it in the room's one calendar (organizations.occupancy),
as a booking or a workshop session does: save_meeting writes the meeting and its
calendar row in one transaction, and a room taken by anything else at that time refuses
it with RoomTaken (a ValidationError naming what is in the way, with a link). A meeting
without a room (held elsewhere) frees any room it held. The page and the admin both save
through here.
"""

from django.db import transaction
from django.db.models import Count, Sum

from organizations import occupancy
from organizations.models import OccupancyKind
from services.models import Meeting, MeetingKind, Stakeholder


def in_the_way(meeting):
    """What else holds the meeting's room at its time, or None (no room, no times: nothing)."""
    if not (meeting.room_id and meeting.date and meeting.start_time and meeting.end_time):
        return None
    if meeting.end_time <= meeting.start_time:
        return None
    return occupancy.first_in_the_way(meeting.room_id, *meeting.span(), holder=meeting)


def save_meeting(meeting, save=None):
    """Save meeting (save(): a form's save, which also writes its many-to-many) and hold or free its room.

    Raises organizations.occupancy.RoomTaken when the room is taken; nothing is saved then.
    """
    adding = meeting._state.adding

    def write():
        with transaction.atomic():
            (save or meeting.save)()
            hold_room(meeting)

    def undo():
        if adding:
            meeting.pk, meeting._state.adding = None, True

    occupancy.retrying(write, undo)
    return meeting


def hold_room(meeting):
    if meeting.room_id:
        start, end = meeting.span()
        occupancy.occupy(meeting, OccupancyKind.MEETING, meeting.room_id, start, end, meeting.title)
    else:
        occupancy.free(meeting)


def delete_meeting(meeting):
    """Delete a meeting; its room is free again (its calendar row goes with it)."""
    with transaction.atomic():
        occupancy.free(meeting)
        meeting.delete()


def figures(meetings):
    """What a report counts of a queryset of meetings (five queries, whatever their number).

    meetings, networking events (by kind), distinct organisations taking part, outside
    stakeholders, people recorded as attending (each person once) and attendances in all
    (each meeting's people recorded plus the others counted).
    """
    by_kind = dict(meetings.values_list("kind").annotate(n=Count("pk")).order_by())
    through = Meeting.attendees.through.objects.filter(meeting__in=meetings)
    # Two aggregates: a sum over the join with the organisations would count each meeting once per organisation.
    totals = meetings.aggregate(organizations=Count("organizations", distinct=True))
    totals["others"] = meetings.aggregate(others=Sum("other_attendees"))["others"]
    people = through.aggregate(distinct=Count("person", distinct=True), all=Count("pk"))
    return {
        "meetings": sum(by_kind.values()),
        "by_kind": [(kind.value, kind.label, by_kind.get(kind.value, 0)) for kind in MeetingKind],
        "organizations": totals["organizations"],
        "stakeholders": Stakeholder.objects.filter(meeting__in=meetings).count(),
        "people": people["distinct"],
        "attendances": people["all"] + (totals["others"] or 0),
    }
