"""Benchmark: long work as background jobs (core/jobs) — the request, the job, its memory, its pace.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cap_tasks BENCH_SCALE=1 \\
        .venv/bin/pytest tests/bench/test_tasks.py -m bench -s -p no:randomly

On the programme of capacity.programme.build_programme(BENCH_SCALE) (250,000 marks at 1)
and max(3, 200 x BENCH_SCALE) strategic plans, prints for the flat attendance export and
the ZIP of plans: the time of the request that asks (enqueue, then the redirect to the
job's page), the job's time in django-tasks-db's worker (run in this process), its peak
Python memory (tracemalloc, one more run), rows (or files) per second; beside the export,
the floor of writing the same rows, already in memory, straight with XlsxWriter
constant_memory; and the time of a second download of an unchanged plan PDF (cached by
version). Timings are printed, never asserted.
"""

import gc
import os
import shutil
import tempfile
import time
import tracemalloc

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from capacity.programme import build_programme as build
from core.jobs import files as job_files
from core.models import Job, JobStatus
from core.roles import ADMINISTRATOR
from tests.bench.test_excel_export import run_a, run_c
from tests.factories import EngagementFactory, StrategicPlanFactory, UserFactory
from tests.jobs.conftest import run_worker
from trainings.excel import exports

pytestmark = [pytest.mark.bench, pytest.mark.slow]

SCALE = float(os.environ.get("BENCH_SCALE", "0.01"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "2"))


@pytest.fixture
def setup(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.JOBS_SYNC_ROWS = settings.JOBS_SYNC_PLANS = settings.JOBS_SYNC_REPORT_MARKS = 0  # all in the background
    user = UserFactory(username="bench-admin", role=ADMINISTRATOR, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def ask(client, url):
    """(seconds of the request, the job it started)."""
    Job.objects.all().delete()
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return seconds, Job.objects.get()


def work():
    """(seconds, peak MB) of the worker running what waits; the peak from a second, traced run."""
    gc.collect()
    started = time.perf_counter()
    run_worker()
    return time.perf_counter() - started


def timed(func, *args):
    gc.collect()
    started = time.perf_counter()
    func(*args)
    return time.perf_counter() - started


def traced_job(client, url):
    ask(client, url)
    gc.collect()
    tracemalloc.start()
    try:
        run_worker()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def line(what, count, request, seconds, peak):
    print(f"{what:34}{count:>9}{request:>11.3f}{seconds:>9.2f}{peak:>9.1f}{count / seconds:>11.1f}", flush=True)


@pytest.mark.django_db
def test_background_jobs(setup):
    client = setup
    with translation.override("ar"):
        data = build(SCALE)
        project = data["project"]
        print(f"\nBackground jobs, BENCH_SCALE={SCALE:g}, {connection.vendor}, {data['attendance']} marks", flush=True)
        print(f"{'':34}{'rows':>9}{'request s':>11}{'job s':>9}{'peak MB':>9}{'rows/s':>11}", flush=True)

        flat = reverse("excel:project_attendance", args=[project.pk]) + "?download=1"
        rows = list(exports.flat_rows(project, exports.flat_queryset(project)))
        best = {"request": [], "job": [], "direct": [], "floor": []}
        with tempfile.TemporaryDirectory() as tmp:
            # Interleaved, best of BENCH_REPEAT: a busy machine weighs on all three alike.
            for _n in range(REPEAT):
                request, job = ask(client, flat)
                best["request"].append(request)
                best["job"].append(work())
                job.refresh_from_db()
                assert job.status == JobStatus.DONE and job.rows == data["attendance"]
                best["direct"].append(timed(run_a, project, os.path.join(tmp, "a.xlsx")))
                best["floor"].append(timed(run_c, rows, os.path.join(tmp, "c.xlsx")))
        count = len(rows)
        del rows
        request, seconds, direct, floor = (min(best[key]) for key in ("request", "job", "direct", "floor"))
        line("flat export (job)", count, request, seconds, traced_job(client, flat))
        print(f"{'  same export, no job':34}{count:>9}{'':>11}{direct:>9.2f}{'':>9}{count / direct:>11.1f}")
        print(f"{'  floor: XlsxWriter straight':34}{count:>9}{'':>11}{floor:>9.2f}{'':>9}{count / floor:>11.1f}")
        print(
            f"job / floor time: {seconds / floor:.2f} (goal <= 1.2); job / no job: {seconds / direct:.2f}", flush=True
        )

        engagement = EngagementFactory(project=project)
        plans = [StrategicPlanFactory(organization=engagement.organization, engagement=engagement)]
        for _n in range(max(3, round(200 * SCALE)) - 1):
            other = EngagementFactory(project=project)
            plans.append(StrategicPlanFactory(organization=other.organization, engagement=other))
        archive = reverse("coaching:project_plans_zip", args=[project.pk])
        request, job = ask(client, archive)
        seconds = work()
        job.refresh_from_db()
        assert job.status == JobStatus.DONE and job.rows == len(plans)
        line("ZIP of plans (job)", job.rows, request, seconds, traced_job(client, archive))

        pdf = reverse("coaching:plan_pdf", args=[plans[0].pk])
        shutil.rmtree(job_files.root() / job_files.CACHE_DIR)  # the ZIP kept every plan's PDF: render anew
        timings = []
        for _n in range(3):
            started = time.perf_counter()
            response = client.get(pdf)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        print(f"plan PDF: first {timings[0]:.3f} s, again (cached) {min(timings[1:]) * 1000:.1f} ms (goal < 50 ms)")

        # The donor reports in the request (for the threshold JOBS_SYNC_REPORT_MARKS), then as jobs.
        for kind in ("pdf", "excel"):
            url = reverse(f"reports:{kind}", args=[project.pk])
            with override_settings(JOBS_SYNC_REPORT_MARKS=10**9):
                started = time.perf_counter()
                assert client.get(url).status_code == 200
                direct = time.perf_counter() - started
            request, job = ask(client, url)
            seconds = work()
            print(
                f"donor report {kind}: in the request {direct:.2f} s; as a job: request {request:.3f} s, job {seconds:.2f} s"
            )


@pytest.mark.django_db
def test_trainee_import_at_its_limit(coordinator_user, settings, tmp_path):
    """The trainee import at its limit (MAX_ROWS new people): its steps timed in the process, then
    through the pages, where a file this large is read by a job (trainings.excel.import_read)."""
    from organizations import imports
    from organizations.models import Person
    from tests.excel.helpers import upload, xlsx_bytes
    from tests.factories import OrganizationFactory
    from trainings.excel import pending
    from trainings.excel.models import PendingImport

    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    organizations = [OrganizationFactory(name_ar=f"منظمة الاستيراد {n}") for n in range(20)]
    rows = [
        (f"متدربة رقم {n}", "أنثى", organizations[n % 20].name_ar, "منسقة", f"0944{n:06d}", "", 1990, "لا")
        for n in range(imports.MAX_ROWS)
    ]
    content = xlsx_bytes(rows)
    with translation.override("ar"):
        started = time.perf_counter()
        read = imports.read_rows(upload(content), organization_column=True)
        waiting = pending.create(coordinator_user, "bench.xlsx", None, read)
        parse = time.perf_counter() - started
        started = time.perf_counter()
        plan = pending.plan_of(waiting)
        preview = time.perf_counter() - started
        started = time.perf_counter()
        created, _updated = imports.apply_plan(plan, coordinator_user)
        save = time.perf_counter() - started
    assert plan.is_valid and created == imports.MAX_ROWS
    print(
        f"\nTrainee import of {imports.MAX_ROWS} new people ({len(content) / 1024:.0f} KB), {connection.vendor}: "
        f"upload+parse {parse:.2f} s, preview {preview:.2f} s, confirm (save) {save:.2f} s"
    )

    # Through the pages, from the same start (no one saved yet): the upload starts the reading
    # job, whose preview is then only shown.
    PendingImport.objects.all().delete()
    Person.objects.filter(created_by=coordinator_user).delete()
    client = Client()
    client.force_login(coordinator_user)
    requests = []
    for _n in range(3):  # best of 3: the first request of the process also loads the URLs and views
        Job.objects.all().delete()
        started = time.perf_counter()
        response = client.post(reverse("excel:import_upload"), {"file": upload(content)})
        requests.append(time.perf_counter() - started)
        assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response.status_code
    request = min(requests)
    seconds = work()
    job = Job.objects.get(kind="excel.import_read")
    assert job.status == JobStatus.DONE and job.rows == imports.MAX_ROWS
    timings = []
    for _n in range(3):
        started = time.perf_counter()
        shown = client.get(job.parameters["next"])
        timings.append(time.perf_counter() - started)
        assert shown.context["counts"]["new"] == imports.MAX_ROWS
    print(
        f"as a job: upload request {request:.3f} s (first {requests[0]:.3f} s), job (read, parse, plan) {seconds:.2f} s, "
        f"preview page {min(timings):.3f} s (best of 3)"
    )
