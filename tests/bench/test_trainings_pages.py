"""Benchmark: server time and queries of the busiest trainings pages on a large dataset.

    BENCH_SCALE=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/cap_trainings \\
        .venv/bin/pytest tests/bench/test_trainings_pages.py -m bench -s

On capacity.programme.build_programme(BENCH_SCALE) (at 1: 1,000 organisations, 20,000 people,
500 workshops, 5,000 sessions, 250,000 attendance marks) prints, for each page, the
median server time over several requests through the test client, the number of SQL
queries and the peak Python memory of one request (tracemalloc):
  - the people list (first page, and a search);
  - a workshop's register page (people by sessions, rates, who completed);
  - a session's attendance page with 60 trainees: showing it, and saving it (every mark changed).
Timings are printed, never asserted; the test asserts the pages worked and saved.
"""

import os
import statistics
import time
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacity.programme import build_programme as build
from core.roles import STAFF
from organizations.models import Person
from tests.factories import UserFactory
from trainings.models import Attendance, Enrollment

pytestmark = [pytest.mark.bench, pytest.mark.slow]

SCALE = float(os.environ.get("BENCH_SCALE", "0.01"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TRAINEES = 60


def measure(label, call, check):
    """Median seconds of RUNS calls, query count, peak memory of one call; check(response) each time."""
    times, queries = [], set()
    for run in range(RUNS + 1):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = call(run)
            elapsed = time.perf_counter() - started
        check(response)
        queries.add(len(ctx.captured_queries))
        if run:  # the first call warms caches up
            times.append(elapsed)
    tracemalloc.start()
    check(call(RUNS + 1))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    median = statistics.median(times)
    print(
        f"{label:<42} median {median * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms  "
        f"queries {sorted(queries)}  peak {peak / 2**20:5.1f} MiB"
    )
    return median, queries


@pytest.mark.django_db
def test_trainings_pages(client):
    started = time.perf_counter()
    data = build(SCALE)
    project = data.pop("project")
    print(f"\n[{connection.vendor}] scale {SCALE:g}: {data} (built in {time.perf_counter() - started:.1f}s)")
    # Other work on the machine slows every figure down: say how busy it was.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    client.force_login(UserFactory(username="bench-staff", role=STAFF))

    def ok(response):
        assert response.status_code == 200

    measure("people list, first page", lambda run: client.get(reverse("organizations:person_list")), ok)
    measure(
        "people list, search 'مريم'",
        lambda run: client.get(reverse("organizations:person_list"), {"q": "مريم"}),
        ok,
    )

    workshop = project.workshops.order_by("pk").first()
    # Bring the workshop to 60 trainees.
    enrolled = set(workshop.enrollments.values_list("person_id", flat=True))
    extra = Person.objects.exclude(pk__in=enrolled).order_by("pk")[: TRAINEES - len(enrolled)]
    Enrollment.objects.bulk_create([Enrollment(workshop=workshop, person=p) for p in extra])
    assert workshop.enrollments.count() == TRAINEES
    session = workshop.sessions.order_by("date").first()
    sessions = workshop.sessions.count()

    def register_ok(response):
        ok(response)
        assert len(response.context["grid"]) == TRAINEES
        assert all(len(row.cells) == sessions for row in response.context["grid"])

    measure(
        f"workshop register ({TRAINEES} x {sessions})", lambda run: client.get(workshop.get_absolute_url()), register_ok
    )

    url = reverse("trainings:session_attendance", args=[session.pk])

    def sheet_ok(response):
        ok(response)
        assert len(response.context["sheet"].rows) == TRAINEES

    measure(f"attendance page, show ({TRAINEES})", lambda run: client.get(url), sheet_ok)

    people = list(workshop.enrollments.values_list("person_id", flat=True))

    def save(run):
        current = dict(Attendance.objects.filter(session=session).values_list("person_id", "status"))
        status = "late" if run % 2 == 0 else "present"
        post = {"action": "save"}
        for pk in people:
            post[f"status-{pk}"] = status
            post[f"remark-{pk}"] = ""
            post[f"orig-{pk}"] = f"{current.get(pk, '')}|"
        response = client.post(url, post)
        response.expected = status
        return response

    def saved(response):
        assert response.status_code == 302
        marks = Attendance.objects.filter(session=session)
        assert marks.count() == TRAINEES and marks.filter(status=response.expected).count() == TRAINEES

    measure(f"attendance page, save ({TRAINEES} changed)", save, saved)
