"""The steps every builder of a programme shares: the demo, the generated programme of any
size (benchmarks, load test) and the test fixtures that pin figures.
"""

import datetime

from django.utils import timezone

from trainings import tallies
from trainings.models import Attendance, Enrollment, Phase, PhaseKind, Project

BATCH = 5000


def project_with_phases(code, *, centre, training=None, coaching=None, **fields):
    """Project `code` and its two phases (1 training, 2 coaching), got or created by their keys.

    training, coaching: (first day, last day) of each phase; the project's dates by default.
    fields: the project's other fields (name_ar, start_date, end_date, targets...).
    Returns (project, training phase, coaching phase).
    """
    project, _ = Project.objects.get_or_create(code=code, defaults={"centre": centre, **fields})
    phases = []
    for number, kind, dates in ((1, PhaseKind.TRAINING, training), (2, PhaseKind.COACHING, coaching)):
        start, end = dates or (project.start_date, project.end_date)
        phase, _ = Phase.objects.get_or_create(
            project=project, number=number, defaults={"kind": kind, "start_date": start, "end_date": end}
        )
        phases.append(phase)
    return project, *phases


def taken_at(day, hour):
    """When a session's attendance was taken: at its end, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, hour))


def write_in_bulk(enrolments=(), marks=()):
    """Write enrolments and attendance marks in bulk, then recount their workshops' tallies once.

    The bulk loaders' exception to the one door (trainings.writes): bulk writes lock
    nothing and send nothing, so the loader recounts itself, after every row of those
    workshops (sessions too) is in place. Returns the number of rows written.
    """
    enrolments, marks = list(enrolments), list(marks)
    Enrollment.objects.bulk_create(enrolments, batch_size=BATCH)
    Attendance.objects.bulk_create(marks, batch_size=BATCH)
    workshop_ids = {e.workshop_id for e in enrolments} | {m.session.workshop_id for m in marks}
    tallies.recount(workshop_ids)
    return len(enrolments) + len(marks)
