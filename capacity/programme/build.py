"""A generated programme of any size: build_programme(size).

At the benchmark's full size (Size.at(1)): 1,000 organisations, 20,000 people, 500
workshops, 5,000 sessions (10 per workshop), 25,000 enrolments (50 per workshop) and
250,000 attendance marks. The same size and code always give the same rows (no
randomness), written in bulk (bulk.py). Used by `manage.py make_bench_data`, the
benchmarks (tests/bench) and the load test (tests/load); the demo is the real 2020
programme instead (demo.py).
"""

import time
from dataclasses import asdict, dataclass

from capacity.programme import bulk
from organizations.models import Organization, Person
from trainings.models import Attendance, Project, Session


@dataclass(frozen=True)
class Size:
    organizations: int
    people: int
    workshops: int
    trainers: int
    sessions_per_workshop: int = 10
    enrolled_per_workshop: int = 50

    @classmethod
    def at(cls, scale):
        """The benchmark's programme at `scale` (1 full size, 0.01 small); never below a few rows."""
        return cls(
            organizations=max(5, round(1000 * scale)),
            people=max(cls.enrolled_per_workshop + 10, round(20000 * scale)),
            workshops=max(2, round(500 * scale)),
            trainers=max(2, round(50 * scale)),
        )

    def __str__(self):
        return ", ".join(f"{key} {value}" for key, value in asdict(self).items())


def bench_code(scale):
    return f"BENCH-{scale:g}"


def build_programme(size=1.0, *, code=None, marks=True, stdout=None):
    """Build the programme of `size` (a Size, or a scale of the benchmark's), or find it built.

    code: the project's code, which names its rows too (BENCH-<scale> by default); a
    code already built is returned as it is. marks: False leaves every session waiting
    for its attendance (the load test marks them). stdout: progress lines, if given.
    Returns a dict: the project, the counts of what it holds, and the seconds it took.
    """
    if not isinstance(size, Size):
        code = code or bench_code(size)
        size = Size.at(size)
    elif not code:
        raise TypeError("build_programme(Size(...)) needs a code")
    existing = Project.objects.filter(code=code).first()
    if existing:
        return summary(existing, 0.0)
    started = time.perf_counter()

    def say(text):
        if stdout:
            stdout.write(f"{time.perf_counter() - started:7.1f}s {text}")

    project = bulk.write(size, code, marks=marks, say=say)
    return summary(project, time.perf_counter() - started)


def summary(project, seconds):
    return {
        "project": project,
        "organizations": Organization.objects.filter(people__enrollments__workshop__project=project).distinct().count(),
        "people": Person.objects.filter(enrollments__workshop__project=project).distinct().count(),
        "workshops": project.workshops.count(),
        "sessions": Session.objects.filter(workshop__project=project).count(),
        "attendance": Attendance.objects.filter(session__workshop__project=project).count(),
        "seconds": round(seconds, 1),
    }
