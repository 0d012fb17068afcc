"""The one door that writes attendance marks, enrolments and sessions.

Like healthchecks' Check.ping(), each function takes its lock inside: one transaction
that locks the workshop row (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises
writers already), writes, and recounts that workshop's tallies (trainings.tallies), so
the tallies the reports read never drift from the marks and two writers of one workshop
never recount over each other. The app's pages (trainings.views) and the admin
(trainings.admin) call these; nothing else writes these rows, and no signal recounts.

Each is idempotent: enrolling someone already enrolled, withdrawing twice or posting the
same sheet again writes nothing and recounts nothing. Each takes the user who writes:
marks and enrolments record it; the others take it too, so every door reads alike.
"""

from django.db import transaction
from django.utils import timezone

from organizations import occupancy
from organizations.models import OccupancyKind
from trainings import rules, tallies
from trainings.models import Attendance, Enrollment, Session, WaitingPlace, Workshop

# Marks ------------------------------------------------------------------------------------


def save_sheet(sheet, user):
    """Save a valid attendance sheet (trainings.attendance): return how many marks were written,
    or None on a conflict (nothing written; sheet.conflicts holds the rows to show again).

    The sheet's three-way merge runs against the marks read under the lock; the changed rows
    are one upsert, with one history row each. The first save of a session makes it held.
    """
    now = timezone.now()
    with transaction.atomic():
        session, workshops = _lock_session(sheet.session.pk)
        current = {
            mark.person_id: mark
            for mark in Attendance.objects.filter(session=session).select_related("recorded_by").order_by()
        }
        changed = sheet.merge(current)
        if sheet.conflicts:
            return None
        if changed:
            _write_marks(session, changed, user, now)
        first_save = not rules.is_held(session)
        if first_save:
            Session.objects.filter(pk=session.pk).update(attendance_taken_at=now)
            sheet.session.attendance_taken_at = now
        if changed or first_save:
            tallies.recount(workshops)
    return len(changed)


def _write_marks(session, rows, user, now):
    marks = Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                person_id=row.pk,
                status=row.status,
                remark=row.remark,
                recorded_by=user,
                recorded_at=now,
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["session", "person"],
        update_fields=["status", "remark", "recorded_by", "recorded_at"],
    )
    _record_history(marks, {row.pk for row in rows if row.saved}, user, now)


def _record_history(marks, updated_people, user, now):
    """One audit row per mark written, in one insert (bulk upserts bypass django-simple-history)."""
    History = Attendance.history.model
    History.objects.bulk_create(
        [
            History(
                id=mark.pk,
                session_id=mark.session_id,
                person_id=mark.person_id,
                status=mark.status,
                remark=mark.remark,
                recorded_by_id=user.pk,
                recorded_at=now,
                history_date=now,
                history_user_id=user.pk,
                history_type="~" if mark.person_id in updated_people else "+",
            )
            for mark in marks
        ]
    )


# Enrolments -------------------------------------------------------------------------------


class Enrolled(tuple):
    """What enroll() did: compares equal to (new, back); .waiting and .moved_up say the rest.

    new: people enrolled for the first time; back: withdrawn people enrolled again;
    waiting: chosen people put on (or left on) the waiting list, the workshop being full;
    moved_up: people of the waiting list who took a free place first.
    """

    def __new__(cls, new, back, waiting=0, moved_up=0):
        result = super().__new__(cls, (new, back))
        result.waiting, result.moved_up = waiting, moved_up
        return result


def enroll(workshop, people, user):
    """Enrol people in workshop up to its capacity, the rest on its waiting list; return Enrolled.

    Those already waiting take free places first (first come, first served), then the chosen
    people in the order of their ids; withdrawn people come back. Someone already enrolled
    changes nothing.
    """
    ids = {person.pk for person in people}
    with transaction.atomic():
        capacity = _lock_workshop(workshop.pk)
        existing = dict(
            Enrollment.objects.filter(workshop=workshop, person_id__in=ids).values_list("person_id", "withdrawn_at")
        )
        chosen = sorted(pid for pid in ids if pid not in existing or existing[pid] is not None)
        waiting = list(WaitingPlace.objects.filter(workshop=workshop).values_list("person_id", flat=True))
        free = max(capacity - _active_count(workshop.pk), 0)
        queue = waiting + [pid for pid in chosen if pid not in waiting]
        admitted = queue[:free]
        _admit(workshop.pk, admitted, user)
        later = [pid for pid in chosen if pid not in admitted and pid not in waiting]
        WaitingPlace.objects.bulk_create(
            [WaitingPlace(workshop=workshop, person_id=pid, added_by=user) for pid in later]
        )
        chosen_in = [pid for pid in admitted if pid in ids]
        back = sum(1 for pid in chosen_in if pid in existing)
        result = Enrolled(
            len(chosen_in) - back,
            back,
            waiting=sum(1 for pid in chosen if pid not in admitted),
            moved_up=len(admitted) - len(chosen_in),
        )
        if admitted:
            tallies.recount([workshop.pk])
    return result


def withdraw(enrollment, user):
    """The person withdraws from the workshop (their past marks are kept); False if they had already.

    The place freed goes to the first person of the waiting list (enrollment.moved_up: how many moved up).
    """
    return _set_withdrawn(enrollment, timezone.now(), user)


def reenroll(enrollment, user):
    """Undo a withdrawal; False if the person was enrolled already, or the workshop is full
    (the person then goes to the end of the waiting list: enrollment.waiting is True)."""
    return _set_withdrawn(enrollment, None, user)


def _set_withdrawn(enrollment, when, user):
    enrollment.waiting, enrollment.moved_up = False, 0
    with transaction.atomic():
        capacity = _lock_workshop(enrollment.workshop_id)
        rows = Enrollment.objects.filter(pk=enrollment.pk, withdrawn_at__isnull=when is not None)
        if when is None and rows.exists() and _active_count(enrollment.workshop_id) >= capacity:
            enrollment.waiting = True
            WaitingPlace.objects.get_or_create(
                workshop_id=enrollment.workshop_id, person_id=enrollment.person_id, defaults={"added_by": user}
            )
            changed = 0
        else:
            changed = rows.update(withdrawn_at=when)
        if changed and when is not None:
            enrollment.moved_up = _fill_places(enrollment.workshop_id, capacity, user)
        if changed:
            tallies.recount([enrollment.workshop_id])
        enrollment.withdrawn_at = Enrollment.objects.values_list("withdrawn_at", flat=True).get(pk=enrollment.pk)
    return bool(changed)


def leave_waiting_list(place, user):
    """Take someone off a waiting list (they no longer wish to come); False if they were not on it."""
    with transaction.atomic():
        _lock_workshop(place.workshop_id)
        deleted, _ = WaitingPlace.objects.filter(pk=place.pk).delete()
    return bool(deleted)


def fill_places(workshop, user):
    """Move people up from the waiting list into the free places (after the capacity was raised); how many."""
    with transaction.atomic():
        capacity = _lock_workshop(workshop.pk)
        moved = _fill_places(workshop.pk, capacity, user)
        if moved:
            tallies.recount([workshop.pk])
    return moved


def _fill_places(workshop_id, capacity, user):
    free = capacity - _active_count(workshop_id)
    if free <= 0:
        return 0
    first = list(WaitingPlace.objects.filter(workshop_id=workshop_id).values_list("person_id", flat=True)[:free])
    _admit(workshop_id, first, user)
    return len(first)


def _admit(workshop_id, person_ids, user):
    """Enrol these people (new rows, or withdrawn ones back) and take them off the waiting list."""
    if not person_ids:
        return
    back = set(
        Enrollment.objects.filter(workshop_id=workshop_id, person_id__in=person_ids).values_list("person_id", flat=True)
    )
    Enrollment.objects.filter(workshop_id=workshop_id, person_id__in=back).update(withdrawn_at=None)
    Enrollment.objects.bulk_create(
        [Enrollment(workshop_id=workshop_id, person_id=pid, enrolled_by=user) for pid in person_ids if pid not in back]
    )
    WaitingPlace.objects.filter(workshop_id=workshop_id, person_id__in=person_ids).delete()


def _active_count(workshop_id):
    return Enrollment.objects.filter(workshop_id=workshop_id, withdrawn_at__isnull=True).count()


# Sessions ---------------------------------------------------------------------------------


def save_session(session_or_form, user):
    """Add or change a session: a valid SessionForm (or admin form's instance) or a Session; return it.

    A change that moves the session to another workshop (the admin allows it) locks and
    recounts both. Tallies are recounted only when a field they read changed on a held
    session. Whether a session is held is the attendance sheet's to say: a stale form
    never clears it.
    """
    session = getattr(session_or_form, "instance", session_or_form)
    adding = session.pk is None

    def write():
        with transaction.atomic():
            if session.pk is None:
                stored, workshops = None, {session.workshop_id}
                _lock(workshops)
            else:
                stored, workshops = _lock_session(session.pk, also=[session.workshop_id])
                session.attendance_taken_at = stored.attendance_taken_at
            session_or_form.save()
            hold_venue(session)
            if rules.is_held(session) and (stored is None or _read_by_tallies(stored) != _read_by_tallies(session)):
                tallies.recount(workshops)

    def undo():
        if adding:
            session.pk, session._state.adding = None, True

    # A session with a venue holds that room in its one calendar (organizations.occupancy):
    # RoomTaken, a ValidationError naming the booking or session in the way, refuses it.
    occupancy.retrying(write, undo)
    return session


def hold_venue(session):
    """Put the session in its room's calendar (or free it when it has no venue); bulk loaders call this too."""
    if session.venue_id:
        start, end = occupancy.span(session.date, session.start_time, session.end_time)
        workshop = Workshop.objects.only("title").get(pk=session.workshop_id)
        occupancy.occupy(session, OccupancyKind.SESSION, session.venue_id, start, end, workshop.title)
    else:
        occupancy.free(session)


def delete_session(session, user):
    """Delete a session and its marks; recount its workshop if it was held."""
    return delete_sessions([session], user)


def delete_sessions(sessions, user):
    """Delete sessions (a list or a queryset) and their marks; return how many were deleted."""
    pks = [session.pk for session in sessions]
    with transaction.atomic():
        stored, _workshops = _lock_sessions(pks)
        held_in = {session.workshop_id for session in stored if rules.is_held(session)}
        occupancy.free_all(Session, [session.pk for session in stored])  # their rooms are free again
        Session.objects.filter(pk__in=[session.pk for session in stored]).delete()
        tallies.recount(held_in)
    return len(stored)


def _read_by_tallies(session):
    return tuple(getattr(session, name) for name in tallies.SESSION_FIELDS)


# Locks ------------------------------------------------------------------------------------


def _lock_workshop(pk):
    """Lock one workshop's row; return its capacity (read under the lock)."""
    return Workshop.objects.select_for_update().values_list("capacity", flat=True).get(pk=pk)


def _lock(workshop_ids):
    """Lock these workshops' rows until the transaction ends, in id order (no two writers wait in a circle)."""
    ids = sorted(set(workshop_ids))
    list(Workshop.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def _lock_session(pk, also=()):
    """Lock the session's workshop (and also these); return (the session as stored, the workshops locked)."""
    stored, workshops = _lock_sessions([pk], also)
    if not stored:
        raise Session.DoesNotExist(pk)
    return stored[0], workshops


def _lock_sessions(pks, also=()):
    """Lock the workshops of these sessions (and also these), then read the sessions: (sessions, workshops).

    A session moved to another workshop before the lock was granted (by a writer that
    held both) is read in its new workshop: that one is locked too, and the sessions read again.
    """
    locked, wanted = set(), set(also)
    while True:
        wanted |= set(Session.objects.filter(pk__in=pks).values_list("workshop_id", flat=True))
        _lock(wanted - locked)
        locked |= wanted
        stored = list(Session.objects.filter(pk__in=pks).order_by("pk"))
        if {session.workshop_id for session in stored} <= locked:
            return stored, locked
