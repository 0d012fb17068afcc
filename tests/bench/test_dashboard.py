"""Benchmark: server time of the programme dashboard on the large dataset (capacity.programme).

    BENCH_SCALE=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/cap_reports \\
        .venv/bin/pytest tests/bench/test_dashboard.py -m bench -s

Prints the median time of the dashboard for the whole project and for filtered
views, with query counts and peak memory; asserts only that the figures are right.
"""

import os
import statistics
import time
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacity.programme import build_programme
from core.roles import COORDINATOR
from tests.factories import UserFactory
from trainings.models import Attendance

pytestmark = [pytest.mark.bench, pytest.mark.slow]

RUNS = 7


def measure(client, url, params):
    client.get(url, params)  # warm up (caches, plans)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url, params)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        response = client.get(url, params)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    sql = sum(float(query["time"]) for query in queries.captured_queries)
    return response, statistics.median(times), len(queries.captured_queries), sql, peak


def reference_scan():
    """Median time of the cheapest full read of the marks: the floor of any figure over them."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        Attendance.objects.count()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@pytest.mark.django_db(transaction=True)
def test_dashboard_speed(client):
    scale = float(os.environ.get("BENCH_SCALE", "0.01"))
    started = time.perf_counter()
    data = build_programme(scale)
    if connection.vendor == "postgresql":
        # Committed and vacuumed, as autovacuum leaves a production database: the visibility
        # map and statistics are those of a settled table, not of rows inserted a moment ago.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    built = time.perf_counter() - started
    project = data["project"]
    print(
        f"\n[dashboard] {connection.vendor}, scale {scale:g}: {data['organizations']} organisations, "
        f"{data['people']} people, {data['workshops']} workshops, {data['sessions']} sessions, "
        f"{data['attendance']} attendance marks (built in {built:.1f} s)"
    )
    print(f"[dashboard] machine reference: counting every attendance mark takes {reference_scan() * 1000:.1f} ms")
    client.force_login(UserFactory(username="bench-coordinator", role=COORDINATOR))
    url = reverse("reports:dashboard", args=[project.pk])
    organization = project.workshops.order_by("pk").first().enrollments.order_by("pk").first().person.organization
    views = [
        ("whole project", {}),
        ("one year (2020)", {"date_from": "2020-01-01", "date_to": "2020-12-31"}),
        ("one organisation", {"organization": organization.pk}),
    ]
    for name, params in views:
        response, median, queries, sql, peak = measure(client, url, params)
        print(
            f"[dashboard] {name:<18} median {median * 1000:7.1f} ms over {RUNS} runs "
            f"(of which SQL {sql * 1000:.1f} ms), {queries} queries, peak {peak / 1e6:.1f} MB (Python)"
        )
        report = response.context["report"]
        marks = Attendance.objects.filter(session__workshop__project=project, status__in=["present", "late"])
        if params.get("date_from"):
            marks = marks.filter(session__date__range=(params["date_from"], params["date_to"]))
        if params.get("organization"):
            marks = marks.filter(person__organization=params["organization"])
        assert report.totals.participations == marks.count()
        assert report.totals.trainees == marks.values("person").distinct().count()
