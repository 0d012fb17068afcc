"""Attendance rates and completion of enrolments, computed in the database.

The rule itself (held, attended, excused, counted, rate, completion) lives in
trainings.rules; this module applies it to enrolments: one query for a whole workshop.
"""

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from trainings import rules
from trainings.models import Enrollment, Session


def held_sessions(workshop):
    return Session.objects.filter(rules.held(), workshop=workshop)


def held_count_subquery(workshop_ref="workshop"):
    """A subquery counting the held sessions of OuterRef(workshop_ref)."""
    held = (
        Session.objects.filter(rules.held(), workshop=OuterRef(workshop_ref))
        .order_by()
        .values("workshop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), Value(0))


def with_rates(enrollments, threshold=None, held=None):
    """Annotate an Enrollment queryset with held, attended, excused, counted, rate (%) and completed.

    threshold: the completion threshold in percent; None takes each workshop's project's.
    held: the number of sessions held when every enrolment is of one workshop (saves a
    subquery per row); None counts them per row's workshop.
    One query, whatever the number of trainees or sessions.
    """
    if threshold is None:
        threshold = F("workshop__project__completion_threshold")
    held = held_count_subquery() if held is None else Value(held, output_field=IntegerField())
    mark = "person__attendances__"
    in_workshop = Q(**{f"{mark}session__workshop": F("workshop")}) & rules.held(f"{mark}session__")
    return (
        enrollments.annotate(
            held=held,
            attended=Count("person__attendances", filter=in_workshop & rules.attended(mark)),
            excused=Count("person__attendances", filter=in_workshop & rules.excused(mark)),
        )
        .annotate(counted=rules.counted_expression())
        .annotate(rate=rules.rate_expression())  # none when no session is counted, not a division by zero
        .annotate(
            completed=Case(
                When(rules.completes(threshold), withdrawn_at__isnull=True, then=Value(True)),
                default=Value(False),
            )
        )
    )


def workshop_rates(workshop, held=None):
    """The active and withdrawn enrolments of workshop, with rates, ordered by name.

    held: the number of its sessions held, if the caller has them at hand (else one more query).
    """
    enrollments = Enrollment.objects.filter(workshop=workshop).select_related("person__organization")
    if held is None:
        held = held_sessions(workshop).count()
    return with_rates(enrollments, workshop.project.completion_threshold, held).order_by("person__full_name")


def completers(workshop):
    """Enrolments (with rates) of the trainees who completed workshop."""
    return [e for e in workshop_rates(workshop) if e.completed]
