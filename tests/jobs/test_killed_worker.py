"""A real worker process (manage.py db_worker) killed mid-job: the job ends failed, then a retry finishes it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from core.models import Job, JobStatus
from tests.jobs.conftest import run_worker
from tests.jobs.test_jobs import job_of

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def database_url():
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "") == "", reason="the worker process needs PostgreSQL")
def test_a_worker_killed_mid_job_leaves_it_failed_and_retry_finishes_it(client, coordinator_user, settings):
    settings.JOBS_STALE_SECONDS = 1
    job = job_of(coordinator_user, builder="tests.jobs.builders.slow", total=60)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "PRIVATE_ROOT": str(settings.PRIVATE_ROOT),
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.1", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, done__gte=5).exists())
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    time.sleep(1.5)

    client.force_login(coordinator_user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and 5 <= job.done < 60
    assert "the worker writing it stopped" in page

    settings.JOBS_STALE_SECONDS = 300
    client.post(reverse("jobs:retry", args=[job.pk]))
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempt == 2 and job.rows == 60
