"""Long exports run as background jobs: progress page, download, privacy, expiry, failure, retry."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.jobs import cleanup, files, runner
from core.jobs.start import start
from core.models import Job, JobStatus
from core.roles import COORDINATOR
from tests.factories import UserFactory
from tests.jobs.conftest import run_worker
from trainings.excel.models import ExportKind, ExportRecord
from trainings.models import Attendance

pytestmark = pytest.mark.django_db


def flat_url(project, **filters):
    query = "&".join(f"{name}={value}" for name, value in {"download": 1, **filters}.items())
    return reverse("excel:project_attendance", args=[project.pk]) + "?" + query


def ask_flat(client, project):
    response = client.get(flat_url(project))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def job_of(user, builder="tests.jobs.builders.counting", **parameters):
    return start(
        user,
        kind="test",
        label="Test file",
        builder=builder,
        parameters=parameters,
        filename="test.txt",
        content_type="text/plain",
    )


def test_flat_export_is_a_job_whose_workbook_holds_every_row(coordinator_client, coordinator_user, programme):
    job = ask_flat(coordinator_client, programme)
    page = coordinator_client.get(reverse("jobs:detail", args=[job.pk]))
    html = page.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html and "<script>" not in html
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.rows == job.done == job.total == 60
    html = coordinator_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "http-equiv" not in html and reverse("jobs:download", args=[job.pk]) in html
    download = coordinator_client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]
    assert download["Content-Disposition"].startswith("attachment") and ".xlsx" in download["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == Attendance.objects.count() == 60
    assert {row[0] for row in rows} == {programme.name}
    logged = ExportRecord.objects.get()
    assert logged.kind == ExportKind.FLAT and logged.user == coordinator_user and logged.rows == 60


def test_filters_travel_to_the_worker(coordinator_client, programme):
    workshop = programme.workshops.order_by("pk").first()
    coordinator_client.get(flat_url(programme, workshop=workshop.pk))
    run_worker()
    job = Job.objects.get()
    assert job.rows == Attendance.objects.filter(session__workshop=workshop).count() == 30


def test_small_exports_stay_in_the_request(coordinator_client, programme, settings):
    settings.JOBS_SYNC_ROWS = 1000
    response = coordinator_client.get(flat_url(programme))
    assert response.status_code == 200 and not Job.objects.exists()


def test_a_second_click_joins_the_job_under_way(coordinator_client, programme):
    first = coordinator_client.get(flat_url(programme))
    second = coordinator_client.get(flat_url(programme))
    assert first["Location"] == second["Location"] and Job.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_progress_page_shows_rows_done_a_bar_and_an_estimate(coordinator_client, coordinator_user, settings):
    settings.LANGUAGE_CODE = "en"
    coordinator_client.cookies["django_language"] = "en"
    job = job_of(coordinator_user)
    runner.claim(job.pk)
    Job.objects.filter(pk=job.pk).update(
        done=250, total=1000, started_at=timezone.now() - timedelta(seconds=10), heartbeat_at=timezone.now()
    )
    html = coordinator_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "250 of 1,000 done (25%)" in html
    assert '<progress class="w-100 mb-3" max="1000" value="250">' in html
    assert "about 30 seconds left" in html


def test_only_the_owner_and_administrators_see_a_job(client, coordinator_user, admin_user, programme):
    job = job_of(coordinator_user)
    run_worker()
    other = UserFactory(username="other-coordinator", role=COORDINATOR)
    client.force_login(other)
    for name in ("jobs:detail", "jobs:download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert job.label not in client.get(reverse("jobs:list")).content.decode()
    client.force_login(admin_user)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 302  # to the login page


def test_expired_jobs_and_their_files_are_deleted(coordinator_client, coordinator_user):
    job = job_of(coordinator_user)
    run_worker()
    job.refresh_from_db()
    path = files.full_path(job.file)
    assert path.read_text() == "done"
    fresh = job_of(coordinator_user, total=3)
    run_worker()
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert coordinator_client.get(reverse("jobs:download", args=[job.pk])).status_code == 302
    coordinator_client.cookies["django_language"] = "en"
    assert "no longer kept" in coordinator_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()

    counts = cleanup.sweep()

    assert counts["expired"] == 1 and not path.exists()
    assert list(Job.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert coordinator_client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_a_killed_worker_leaves_the_job_failed_then_retried(coordinator_client, coordinator_user, settings):
    job = job_of(coordinator_user)
    DBTaskResult.objects.all().delete()  # the worker that took the task died with it
    runner.claim(job.pk)  # the worker had started...
    coordinator_client.cookies["django_language"] = "en"
    running = coordinator_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "http-equiv" in running
    # ... and gave no sign of life since.
    Job.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=settings.JOBS_STALE_SECONDS + 1)
    )

    page = coordinator_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == runner.WORKER_LOST
    assert (
        "the worker writing it stopped" in page
        and reverse("jobs:retry", args=[job.pk]) in page
        and "http-equiv" not in page
    )
    retry = reverse("jobs:retry", args=[job.pk])
    assert coordinator_client.post(retry).status_code == 302
    assert coordinator_client.post(retry).status_code == 302  # a double click queues it once
    assert DBTaskResult.objects.count() == 1
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempt == 2
    assert coordinator_client.get(reverse("jobs:download", args=[job.pk])).status_code == 200


def test_a_late_finish_of_a_run_given_up_changes_nothing(coordinator_user):
    job = job_of(coordinator_user)
    claimed = runner.claim(job.pk)
    runner.give_up_stale(Job.objects.filter(pk=job.pk, heartbeat_at__lte=timezone.now() + timedelta(days=1)))
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    from core.jobs.progress import Abandoned, Progress

    with pytest.raises(Abandoned):
        Progress(claimed).flush()


def test_cleanup_marks_dead_jobs_failed(coordinator_user, settings):
    job = job_of(coordinator_user)
    runner.claim(job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert cleanup.sweep()["lost"] == 1
    assert Job.objects.get().status == JobStatus.FAILED


def test_a_failing_job_says_so_in_the_users_language_and_can_be_retried(client, coordinator_user):
    client.force_login(coordinator_user)
    job = job_of(coordinator_user, builder="tests.jobs.builders.failing")
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == runner.UNEXPECTED and not job.file
    arabic = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'lang="ar"' in arabic and 'role="alert"' in arabic and reverse("jobs:retry", args=[job.pk]) in arabic
    client.cookies["django_language"] = "en"
    english = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "could not be made because of an error on the server" in english and "Try again" in english
    assert not any(files.directory(files.JOBS_DIR).iterdir())  # no half-written file left


def test_a_refusal_shows_its_own_message(client, coordinator_user):
    client.force_login(coordinator_user)
    job = job_of(coordinator_user, builder="tests.jobs.builders.refusing")
    run_worker()
    assert "لا يمكن" in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()


def test_the_queue_unreachable_fails_the_job_visibly(coordinator_user, monkeypatch):
    from django_tasks_db import DatabaseBackend

    def down(*args, **kwargs):
        raise ConnectionError("no redis")

    monkeypatch.setattr(DatabaseBackend, "enqueue", down)
    job = job_of(coordinator_user)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == runner.QUEUE_DOWN


def test_the_immediate_backend_runs_the_job_in_the_request(coordinator_client, programme, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    response = coordinator_client.get(flat_url(programme), follow=True)
    assert Job.objects.get().status == JobStatus.DONE
    assert reverse("jobs:download", args=[Job.objects.get().pk]) in response.content.decode()


def test_job_pages_cost_a_bounded_number_of_queries(
    coordinator_client, coordinator_user, django_assert_max_num_queries
):
    jobs = [job_of(coordinator_user, total=n) for n in range(1, 4)]
    run_worker()
    for job in jobs:
        with django_assert_max_num_queries(8):
            coordinator_client.get(reverse("jobs:detail", args=[job.pk]))
        with django_assert_max_num_queries(8):
            coordinator_client.get(reverse("jobs:download", args=[job.pk]))
    with django_assert_max_num_queries(8):
        coordinator_client.get(reverse("jobs:list"))
