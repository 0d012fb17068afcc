"""The same job on the RQ backend, against the real Redis (TASKS_BACKEND=rq in production)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from core.models import Job, JobStatus
from tests.jobs.test_jobs import flat_url

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own: the test empties its queue


@pytest.fixture
def rq_backend(settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    import django_rq

    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


def test_flat_export_runs_on_an_rq_worker(coordinator_client, programme, rq_backend):
    import django_rq

    response = coordinator_client.get(flat_url(programme))
    job = Job.objects.get()
    assert response.status_code == 302 and job.status == JobStatus.QUEUED
    assert rq_backend.count == 1 and rq_backend.job_ids == [job.task_id]

    # In this process (rq's SimpleWorker does not fork), so it sees the test's transaction.
    worker = django_rq.get_worker("default", job_class="django_tasks_rq.Job", worker_class="rq.SimpleWorker")
    worker.work(burst=True)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.rows == 60
    download = coordinator_client.get(reverse("jobs:download", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 61
