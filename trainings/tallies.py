"""Tallies: each person's marks in a workshop, added up, so that reports need not read every mark.

A workshop's tallies are recounted from its enrolments, sessions and marks whenever
they may have changed:
- the attendance sheet and the enrolment page call recount() after their bulk writes
  (bulk writes send no signals);
- signals recount after a mark, an enrolment or a session is saved one at a time (the
  session form, a session's date or times changed), and after a session is deleted (in
  the admin, or a workshop's inline);
- the admin, the only place that deletes them, recounts after deleting marks or
  enrolments (no delete signal on them: deleting a session or a workshop would otherwise
  recount once per mark);
- bulk loaders (benchmark data), the data migration and `manage.py recount_tallies` call
  recount() or recount_all() themselves.
Recounting a whole workshop (a few hundred marks) in five queries is simpler and
safer than adjusting counters: a tally can never drift from what it counts.
"""

from django.apps import apps as installed_apps
from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, Q, Sum
from django.db.models.signals import post_delete, post_save

from trainings.models import ATTENDED, Attendance, AttendanceStatus, Enrollment, Session

BATCH = 5000


def session_length(prefix="session__"):
    """The length of a session as a duration, on PostgreSQL and SQLite."""
    return ExpressionWrapper(F(f"{prefix}end_time") - F(f"{prefix}start_time"), output_field=DurationField())


def counted_marks(workshop_ids, attendance=Attendance):
    """Per (workshop, person): attended and excused held sessions, attended time, first day attended."""
    attended = Q(status__in=list(ATTENDED))
    return (
        attendance.objects.filter(session__workshop_id__in=workshop_ids, session__attendance_taken_at__isnull=False)
        .values("session__workshop_id", "person_id")
        .annotate(
            attended=Count("pk", filter=attended),
            excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
            time=Sum(session_length(), filter=attended),
            first=Min("session__date", filter=attended),
        )
        .order_by()
    )


def recount(workshop_ids, apps=None):
    """Replace the tallies of these workshops by counting afresh (five queries).

    apps: the data migration's historical app registry; the installed models otherwise.
    The caller holds the workshop's lock when marks can be written concurrently.
    """
    get = (apps or installed_apps).get_model
    tally = get("trainings", "Tally")
    workshop_ids = list(workshop_ids)
    if not workshop_ids:
        return
    held = dict(
        get("trainings", "Session")
        .objects.filter(workshop_id__in=workshop_ids, attendance_taken_at__isnull=False)
        .values_list("workshop_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = {
        key: tally(workshop_id=key[0], person_id=key[1], enrolled=True, held=held.get(key[0], 0))
        for key in get("trainings", "Enrollment")
        .objects.filter(workshop_id__in=workshop_ids, withdrawn_at__isnull=True)
        .values_list("workshop_id", "person_id")
    }
    for mark in counted_marks(workshop_ids, get("trainings", "Attendance")):
        key = (mark["session__workshop_id"], mark["person_id"])
        row = rows.setdefault(key, tally(workshop_id=key[0], person_id=key[1], held=held.get(key[0], 0)))
        row.attended, row.excused, row.first_attended = mark["attended"], mark["excused"], mark["first"]
        row.attended_seconds = int(mark["time"].total_seconds()) if mark["time"] else 0
    tally.objects.filter(workshop_id__in=workshop_ids).delete()
    tally.objects.bulk_create(rows.values(), batch_size=BATCH)


def recount_all(apps=None, batch=200):
    """Recount the tallies of every workshop, a batch of workshops at a time."""
    Workshop = (apps or installed_apps).get_model("trainings", "Workshop")
    ids = list(Workshop.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        recount(ids[start : start + batch], apps=apps)
    return len(ids)


def _mark_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # a fixture being loaded brings its tallies
        recount([instance.session.workshop_id])


def _changed(sender, instance, raw=False, **kwargs):
    if not raw:
        recount([instance.workshop_id])


def connect():
    """Recount after a mark, an enrolment or a session is saved, or a session deleted (from ready())."""
    post_save.connect(_mark_saved, sender=Attendance, dispatch_uid="tally-mark-saved")
    post_save.connect(_changed, sender=Enrollment, dispatch_uid="tally-enrolment-saved")
    post_save.connect(_changed, sender=Session, dispatch_uid="tally-session-saved")
    post_delete.connect(_changed, sender=Session, dispatch_uid="tally-session-deleted")
