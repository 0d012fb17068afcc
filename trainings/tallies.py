"""Tallies: each person's marks in a workshop, added up, so that reports need not read every mark.

A workshop's tallies are recounted from its enrolments, sessions and marks, afresh, each
time any of them may have changed. Who recounts:
- the one door that writes marks, enrolments and sessions (trainings.writes), inside the
  transaction in which it locked the workshop and wrote; pages, forms and the admin all
  go through it, and no signal recounts;
- those that hold the whole database call recount() or recount_all() directly: the data
  migration, `manage.py recount_tallies` (which locks every workshop) and bulk loaders
  (benchmark data).
Recounting a whole workshop (a few hundred marks) in five queries is simpler and safer
than adjusting counters: a tally can never drift from what it counts. fresh_rows() counts
without writing, so a check (tests/conftest.py) can compare the kept tallies with it.
What counts (held, attended, excused, how long) is trainings.rules'.
"""

from django.apps import apps as installed_apps
from django.db.models import Count, Min, Sum

from trainings import rules
from trainings.models import Attendance

BATCH = 5000

# A tally row, field by field: fresh_rows() gives tuples in this order.
FIELDS = ("workshop_id", "person_id", "enrolled", "held", "attended", "excused", "attended_seconds", "first_attended")

# What of a session the tallies read: a change to another field needs no recount.
SESSION_FIELDS = ("workshop_id", "date", "start_time", "end_time", "attendance_taken_at")


def counted_marks(workshop_ids=None, attendance=Attendance):
    """Per (workshop, person): attended and excused held sessions, attended time, first day attended.

    workshop_ids None: every workshop.
    """
    marks = attendance.objects.filter(rules.held("session__"))
    if workshop_ids is not None:
        marks = marks.filter(session__workshop_id__in=workshop_ids)
    return (
        marks.values("session__workshop_id", "person_id")
        .annotate(
            attended=Count("pk", filter=rules.attended()),
            excused=Count("pk", filter=rules.excused()),
            time=Sum(rules.session_length("session__"), filter=rules.attended()),
            first=Min("session__date", filter=rules.attended()),
        )
        .order_by()
    )


def fresh_rows(workshop_ids=None, apps=None):
    """The tallies of these workshops (None: of every one) counted afresh, written nowhere (three queries).

    A list of tuples in FIELDS order: one per active enrolment, and one per person marked
    in a held session without one.
    """
    get = (apps or installed_apps).get_model
    sessions = get("trainings", "Session").objects.filter(rules.held())
    enrolments = get("trainings", "Enrollment").objects.filter(withdrawn_at__isnull=True)
    if workshop_ids is not None:
        sessions = sessions.filter(workshop_id__in=workshop_ids)
        enrolments = enrolments.filter(workshop_id__in=workshop_ids)
    held = dict(sessions.values_list("workshop_id").annotate(n=Count("pk")).order_by())
    rows = {
        key: [*key, True, held.get(key[0], 0), 0, 0, 0, None]
        for key in enrolments.values_list("workshop_id", "person_id")
    }
    for mark in counted_marks(workshop_ids, get("trainings", "Attendance")):
        key = (mark["session__workshop_id"], mark["person_id"])
        row = rows.setdefault(key, [*key, False, held.get(key[0], 0), 0, 0, 0, None])
        row[4:] = mark["attended"], mark["excused"], rules.seconds(mark["time"]), mark["first"]
    return [tuple(row) for row in rows.values()]


def recount(workshop_ids, apps=None):
    """Replace the tallies of these workshops by counting afresh (five queries).

    Called by trainings.writes once it holds these workshops' locks, in its transaction;
    directly only by those that hold the whole database (the migration, the command, bulk
    loaders). apps: the data migration's historical app registry; the installed models otherwise.
    """
    workshop_ids = list(workshop_ids)
    if not workshop_ids:
        return
    tally = (apps or installed_apps).get_model("trainings", "Tally")
    rows = [tally(**dict(zip(FIELDS, row, strict=True))) for row in fresh_rows(workshop_ids, apps=apps)]
    tally.objects.filter(workshop_id__in=workshop_ids).delete()
    tally.objects.bulk_create(rows, batch_size=BATCH)


def recount_all(apps=None, batch=200):
    """Recount the tallies of every workshop, a batch of workshops at a time.

    For those that hold the whole database: the data migration, `manage.py recount_tallies`
    (inside a lock on every workshop), bulk loaders.
    """
    Workshop = (apps or installed_apps).get_model("trainings", "Workshop")
    ids = list(Workshop.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        recount(ids[start : start + batch], apps=apps)
    return len(ids)
