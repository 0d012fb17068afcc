"""Attendance rates and completion, computed in the database.

The rule, stated on the workshop page:
- a session counts once its attendance has been saved (Session.attendance_taken_at);
- present and late count as attended;
- a session the person was excused from is left out of the sessions counted;
- absent, or no mark at all for a session held, counts as not attended.

rate = attended / (sessions held - excused), in percent; a trainee completes
the workshop when the rate reaches the project's completion threshold.
"""

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf

from trainings.models import ATTENDED, AttendanceStatus, Enrollment, Session


def held_sessions(workshop):
    return Session.objects.filter(workshop=workshop, attendance_taken_at__isnull=False)


def held_count_subquery(workshop_ref="workshop"):
    """A subquery counting the held sessions of OuterRef(workshop_ref)."""
    held = (
        Session.objects.filter(workshop=OuterRef(workshop_ref), attendance_taken_at__isnull=False)
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
    in_workshop = Q(person__attendances__session__workshop=F("workshop")) & Q(
        person__attendances__session__attendance_taken_at__isnull=False
    )
    return (
        enrollments.annotate(
            held=held,
            attended=Count(
                "person__attendances", filter=in_workshop & Q(person__attendances__status__in=list(ATTENDED))
            ),
            excused=Count(
                "person__attendances", filter=in_workshop & Q(person__attendances__status=AttendanceStatus.EXCUSED)
            ),
        )
        .annotate(counted=F("held") - F("excused"))
        .annotate(
            # No session counted (none held, or excused from all): no rate rather than a division by zero.
            rate=ExpressionWrapper(
                Cast(F("attended"), FloatField()) * Value(100.0) / NullIf(Cast(F("counted"), FloatField()), Value(0.0)),
                output_field=FloatField(),
            )
        )
        .annotate(
            completed=Case(
                When(rate__gte=threshold, withdrawn_at__isnull=True, then=Value(True)),
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
