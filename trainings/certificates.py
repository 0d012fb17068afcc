"""Completion certificates: who may have one, the hours they state, and the one door that issues them.

A certificate is offered only once every session of the workshop is held (its
attendance taken) and only to those who completed it (trainings.rules via
trainings.rates); it states the hours actually attended, not the planned ones.
The first print creates a Certificate row with a verification code; later prints
reuse it, so the code on paper stays the same.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trainings import rates, rules
from trainings.models import CODE_ALPHABET, CODE_LENGTH, Attendance, Certificate


@dataclass
class Issued:
    """One certificate to print: the enrolment (with its rate), its row, the attended hours and dates."""

    enrollment: object
    certificate: Certificate
    hours: float


def refusal(sessions):
    """Why no certificate of a workshop with these sessions may be printed yet, or None."""
    if not sessions:
        return _("No certificate yet: the workshop has no session.")
    waiting = sum(1 for session in sessions if not rules.is_held(session))
    if waiting:
        return ngettext(
            "No certificate yet: %(count)d session of %(total)d has no attendance taken.",
            "No certificate yet: %(count)d sessions of %(total)d have no attendance taken.",
            waiting,
        ) % {"count": waiting, "total": len(sessions)}
    return None


def attended_hours(workshop, person_ids):
    """Person id -> the hours of the held sessions of workshop they attended (rules.hours each)."""
    marks = Attendance.objects.filter(
        rules.attended(), rules.held("session__"), session__workshop=workshop, person_id__in=person_ids
    ).values_list("person_id", "session__start_time", "session__end_time")
    hours = dict.fromkeys(person_ids, 0.0)
    for person_id, start, end in marks:
        hours[person_id] += rules.hours(start, end)
    return {person_id: round(total, 1) for person_id, total in hours.items()}


def completers(workshop, person_id=None):
    """The enrolments (with rates) that completed workshop: everyone's, or one person's."""
    done = rates.workshop_rates(workshop).filter(completed=True)
    if person_id is not None:
        done = done.filter(person_id=person_id)
    return list(done)


def issue(enrollments, workshop):
    """An Issued per enrolment: its Certificate got or created (with a fresh code), hours kept current."""
    hours = attended_hours(workshop, [e.person_id for e in enrollments])
    issued = []
    for enrollment in enrollments:
        certificate = _certificate_of(enrollment, hours[enrollment.person_id])
        issued.append(Issued(enrollment, certificate, hours[enrollment.person_id]))
    return issued


def _certificate_of(enrollment, hours, attempts=5):
    """The enrolment's certificate; created on first issue, retried on the (unlikely) clash of codes."""
    for _attempt in range(attempts):
        try:
            with transaction.atomic():
                certificate, created = Certificate.objects.get_or_create(
                    enrollment=enrollment, defaults={"hours": hours}
                )
        except IntegrityError:
            continue  # another request issued it meanwhile, or its code was taken: look again
        if not created and float(certificate.hours) != hours:
            # A mark corrected after the first print: the verification page follows the paper.
            certificate.hours = hours
            certificate.save(update_fields=["hours"])
        return certificate
    raise IntegrityError("no free certificate code")


def normalise_code(text):
    """A typed code as stored: capitals, without spaces or dashes; None if it cannot be a code."""
    code = "".join(ch for ch in (text or "").upper() if ch not in " -\u00a0")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def find(text):
    """The certificate with the code typed (any case, spaces or dashes), or None."""
    code = normalise_code(text)
    if code is None:
        return None
    return (
        Certificate.objects.select_related("enrollment__person__organization", "enrollment__workshop__project__centre")
        .filter(code=code)
        .first()
    )
