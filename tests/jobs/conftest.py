from unittest import mock

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker

from capacity.programme.build import Size, build_programme

SMALL = Size(organizations=5, people=30, workshops=2, trainers=2, sessions_per_workshop=3, enrolled_per_workshop=10)


@pytest.fixture(autouse=True)
def _jobs_settings(settings, tmp_path):
    """Files in a directory of the test's own; the database backend; tiny sizes go to the background."""
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.JOBS_SYNC_ROWS = 10
    settings.JOBS_SYNC_PLANS = 2
    settings.JOBS_SYNC_REPORT_MARKS = 10


@pytest.fixture
def programme(db, coordinator_user):
    """A project of 2 workshops x 3 sessions x 10 trainees: 60 marks, in the coordinator's centre."""
    project = build_programme(SMALL, code="JOBS")["project"]
    project.centre.staff.add(coordinator_user)
    return project


def run_worker():
    """Run every waiting task in this process with django-tasks-db's own worker, then return.

    Its close_old_connections (between tasks) would close the test's connection, inside
    the test's transaction on PostgreSQL; here the connection stays.
    """
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        _worker()


def _worker():
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
