"""The attendance rule, in one place: what is held, attended, counted, how long, and the rate.

Stated on the workshop page and printed beside the report figures:
- a session is *held* once its attendance has been saved (Session.attendance_taken_at);
- present and late count as *attended*;
- a session the person was *excused* from is left out of the sessions *counted*;
- absent, or no mark at all for a session held, counts as not attended;
- rate = attended / (held - excused), in percent, none when nothing is counted; a
  trainee *completes* the workshop when the rate reaches the project's threshold.

Each rule comes twice, once as a database expression (for querysets, the same SQL on
SQLite and PostgreSQL) and once in Python (for one row already in memory), side by
side so they cannot drift apart; tests/trainings/test_rules.py checks they agree.
Every rate, tally, figure and export asks here; none restates the rule.
"""

import datetime

from django.db import models
from django.db.models import Case, DurationField, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    """The marks a session's attendance takes; trainings.models re-exports it for Attendance.status."""

    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


# Which sessions and marks count ------------------------------------------------------


def held(prefix=""):
    """Q: the session at prefix (e.g. "session__") is held."""
    return Q(**{f"{prefix}attendance_taken_at__isnull": False})


def attended(prefix=""):
    """Q: the mark at prefix (e.g. "attendances__") counts as attended."""
    return Q(**{f"{prefix}status__in": list(ATTENDED)})


def excused(prefix=""):
    """Q: the mark at prefix is an excused absence (left out of the sessions counted)."""
    return Q(**{f"{prefix}status": AttendanceStatus.EXCUSED})


def is_held(session):
    """Whether session (a Session in memory) is held: its attendance has been saved."""
    return session.attendance_taken_at is not None


def is_attended(status):
    """Whether a mark's status (a value of AttendanceStatus) counts as attended."""
    return status in ATTENDED


def is_excused(status):
    return status == AttendanceStatus.EXCUSED


# How long a session is ---------------------------------------------------------------


def session_length(prefix=""):
    """The length of the session at prefix as a duration expression (PostgreSQL and SQLite alike)."""
    return ExpressionWrapper(F(f"{prefix}end_time") - F(f"{prefix}start_time"), output_field=DurationField())


def hours(start, end):
    """The length in hours, to a tenth, of a session from start to end (datetime.time)."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return round(max(minutes, 0) / 60, 1)


def seconds(length):
    """A session_length() result (a timedelta, or None for nothing) as whole seconds."""
    return int(length.total_seconds()) if isinstance(length, datetime.timedelta) else 0


# The rate and completion ---------------------------------------------------------------


def counted_expression(held_field="held", excused_field="excused"):
    """The sessions counted, from two annotated counts: held less excused."""
    return F(held_field) - F(excused_field)


def rate_expression(attended_field="attended", counted_field="counted"):
    """The rate in percent from two annotated counts; NULL when no session is counted."""
    return Case(
        When(
            **{f"{counted_field}__gt": 0},
            then=Cast(F(attended_field), FloatField()) * Value(100.0) / Cast(F(counted_field), FloatField()),
        ),
        default=None,
        output_field=FloatField(),
    )


def completes(threshold, rate_field="rate"):
    """Q: the annotated rate reaches threshold (a number or an F); the caller adds "active"."""
    return Q(**{f"{rate_field}__gte": threshold})


def counted(held_count, excused_count):
    return held_count - excused_count


def rate(attended_count, held_count, excused_count):
    """The rate in percent (a float), or None when no session is counted."""
    sessions = counted(held_count, excused_count)
    return attended_count * 100.0 / sessions if sessions > 0 else None


def completed(rate_value, threshold, active=True):
    """An active enrolment completes when its rate reaches the threshold (percent)."""
    return active and rate_value is not None and rate_value >= threshold
