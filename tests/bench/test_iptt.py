"""Benchmark: the IPTT page, the dashboard with its IPTT, and the programme-wide report on the
large dataset (capacity.programme), with 20 indicators over 8 quarters.

    BENCH_SCALE=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/cap_iptt \\
        .venv/bin/pytest tests/bench/test_iptt.py -m bench -s

Prints rows, the median time over RUNS, the SQL time, the query count and the peak Python
memory of each page, twice: with its figures kept (core.kept: no data changed since they
were counted, the usual case of a report read) and counted (a write just before each view).
Asserts the IPTT's trainees equal a direct count of the marks.
"""

import datetime
import os
import statistics
import time
import tracemalloc

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacity.programme import build_programme
from core.roles import COORDINATOR
from organizations.models import Organization
from results.models import Indicator, Result, ResultsFramework, Rule, Target
from tests.factories import UserFactory
from trainings.models import Attendance, Project

pytestmark = [pytest.mark.bench, pytest.mark.slow]

RUNS = 7
INDICATORS = 20
QUARTERS = 8


def a_write():
    """A committed write, as a user's would be: the kept figures (core.kept) are stale after it."""
    Organization.objects.filter(pk=Organization.objects.order_by("pk").values("pk")[:1]).update(name_ar=F("name_ar"))


def measure(client, url, params=None, after_a_write=False):
    client.get(url, params or {})  # warm up
    times = []
    for _ in range(RUNS):
        if after_a_write:
            a_write()
        started = time.perf_counter()
        response = client.get(url, params or {})
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    if after_a_write:
        a_write()
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        response = client.get(url, params or {})
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    sql = sum(float(query["time"]) for query in queries.captured_queries)
    return response, statistics.median(times), len(queries.captured_queries), sql, peak


def framework_of(project):
    """20 indicators (every rule, in turn) with a target in each of 8 quarters from the project's start."""
    # Eight quarters: the project's dates cut (or stretched) to two years from its start.
    start = project.start_date
    end = datetime.date(start.year + 2, (start.month - 1) // 3 * 3 + 1, 1) - datetime.timedelta(days=1)
    Project.objects.filter(pk=project.pk).update(end_date=end)
    project.refresh_from_db()
    framework, _ = ResultsFramework.objects.get_or_create(project=project, defaults={"periodicity": "quarter"})
    result, _ = Result.objects.get_or_create(
        framework=framework, code="O1", defaults={"kind": "outcome", "statement_ar": "نتيجة"}
    )
    rules = list(Rule.values)
    for n in range(INDICATORS):
        indicator, created = Indicator.objects.get_or_create(
            result=result, code=f"B{n}", defaults={"name_ar": f"مؤشر {n}", "rule": rules[n % len(rules)], "target": 100}
        )
        if created:
            Target.objects.bulk_create(
                Target(indicator=indicator, period=p.key, value=10 + n) for p in framework.periods()
            )
    return framework


@pytest.mark.django_db(transaction=True)
def test_iptt_speed(client):
    scale = float(os.environ.get("BENCH_SCALE", "0.01"))
    started = time.perf_counter()
    data = build_programme(scale)
    project = data["project"]
    framework = framework_of(project)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(
        f"\n[iptt] {connection.vendor}, scale {scale:g}: {data['organizations']} organisations, {data['people']} people, "
        f"{data['workshops']} workshops, {data['attendance']} attendance marks, {INDICATORS} indicators x "
        f"{len(framework.periods())} quarters (built in {time.perf_counter() - started:.1f} s)"
    )
    client.force_login(UserFactory(username="bench-iptt", role=COORDINATOR))
    pages = [
        ("IPTT page", reverse("reports:iptt", args=[project.pk]), None),
        ("dashboard + IPTT", reverse("reports:dashboard", args=[project.pk]), None),
        ("programme, all", reverse("reports:programme"), None),
    ]
    for name, url, params in pages:
        for after_a_write, state in ((False, "kept"), (True, "counted")):
            response, median, queries, sql, peak = measure(client, url, params, after_a_write)
            print(
                f"[iptt] {name:<18} {state:<7} median {median * 1000:7.1f} ms over {RUNS} runs "
                f"(of which SQL {sql * 1000:.1f} ms), {queries} queries, peak {peak / 1e6:.1f} MB (Python), "
                f"{len(response.content) / 1e3:.0f} kB"
            )
    if os.environ.get("BENCH_SLOWEST"):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("reports:iptt", args=[project.pk]))
        for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:8]:
            print(f"[iptt] slowest {float(query['time']) * 1000:6.1f} ms {query['sql'][:300]}")
    iptt = client.get(reverse("reports:iptt", args=[project.pk])).context["iptt"]
    trainees = next(row for row in iptt.rows if row.indicator.rule == Rule.TRAINEES)
    marks = Attendance.objects.filter(
        session__workshop__project=project,
        status__in=["present", "late"],
        session__attendance_taken_at__isnull=False,
        session__date__gte=project.start_date,
        session__date__lte=project.end_date,
    )
    assert trainees.total.actual == marks.values("person").distinct().count()
