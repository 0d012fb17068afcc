"""Benchmark: the evaluation figures and pages on the benchmark programme with feedback and tests.

    BENCH_SCALE=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/cap_eval \\
        .venv/bin/pytest tests/evaluation/test_bench.py -m bench -s

At scale 1: 500 workshops, 25,000 enrolments, 50,000 test results, 20,000 feedback answers
(80,000 ratings). Prints the median time and query count of average_gain and
average_satisfaction over every workshop and over one, of a workshop's evaluation page
and of the trainees' public form; asserts that the figures equal a direct count.
"""

import os
import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacity.programme import build_programme, bulk_evaluation
from core.roles import COORDINATOR
from evaluation import figures, links, writes
from evaluation.models import Answer
from evaluation.models import TestResult as Result
from tests.factories import UserFactory
from trainings.models import Workshop

pytestmark = [pytest.mark.bench, pytest.mark.slow]
RUNS = 7


def _median(call):
    call()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        call()
    return statistics.median(times) * 1000, len(queries.captured_queries)


def _direct_gain(workshops):
    pairs = {}
    for enrollment_id, stage, percent in Result.objects.filter(enrollment__workshop__in=workshops).values_list(
        "enrollment_id", "stage", "percent"
    ):
        pairs.setdefault(enrollment_id, {})[stage] = float(percent)
    gains = [p["post"] - p["pre"] for p in pairs.values() if len(p) == 2]
    return sum(gains) / len(gains)


@pytest.mark.django_db(transaction=True)
def test_evaluation_speed():
    scale = float(os.environ.get("BENCH_SCALE", "0.01"))
    project = build_programme(scale, marks=False)["project"]
    bulk_evaluation.write(project, say=lambda text: print(f"[evaluation] {text}"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    every = Workshop.objects.filter(project=project)
    one = every.order_by("pk")[:1]
    print(
        f"\n[evaluation] {connection.vendor}, scale {scale:g}: {every.count()} workshops, "
        f"{Result.objects.count()} test results, {Answer.objects.count()} ratings"
    )
    assert figures.average_gain(every) == pytest.approx(_direct_gain(every))
    ratings = list(Answer.objects.filter(response__workshop__in=every).values_list("rating", flat=True))
    assert figures.average_satisfaction(every) == pytest.approx(sum(ratings) / len(ratings))
    for label, workshops in (("all workshops", every), ("one workshop", Workshop.objects.filter(pk__in=one))):
        for name in ("average_gain", "average_satisfaction"):
            ms, queries = _median(lambda name=name, w=workshops: getattr(figures, name)(w))
            print(f"[evaluation] {name} over {label}: {ms:.1f} ms median, {queries} query")

    workshop = every.order_by("pk").first()
    staff = Client()
    staff.force_login(UserFactory(username="bench-coordinator", role=COORDINATOR))
    opening, _created = writes.open_link(workshop, "feedback", 2, None)
    pages = {
        "workshop's evaluation page": (staff, reverse("evaluation:workshop", args=[workshop.pk])),
        "workshop page (with the panel)": (staff, workshop.get_absolute_url()),
        "public feedback form": (Client(), f"/e/{links.token_for(opening)}/"),
    }
    for label, (client, url) in pages.items():
        ms, queries = _median(lambda c=client, u=url: c.get(u))
        print(f"[evaluation] {label}: {ms:.1f} ms median, {queries} queries")
