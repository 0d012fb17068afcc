"""The load test at a small size: it keeps working, and loses or doubles no mark."""

import os

import pytest
from django.db import connection

from tests.load.drive import run

pytestmark = [pytest.mark.bench, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_concurrent_users_mark_attendance_without_loss(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the load test runs gunicorn against PostgreSQL")
    scale = float(os.environ.get("BENCH_SCALE", "0.01"))
    users = max(4, int(40 * scale))
    os.environ["DATABASE_URL"] = _url_of_test_database()
    figures = run(users=users, seconds=max(5, int(60 * scale)), trainees=30, workers=2)
    assert figures["saves"] >= users
    assert figures["errors"] == 0
    assert figures["database_problems"] == []


def test_load_while_a_big_export_runs(settings, monkeypatch):
    """The users lose no mark while a jobs worker writes a flat export, which holds every mark."""
    if connection.vendor != "postgresql":
        pytest.skip("the load test runs gunicorn against PostgreSQL")
    scale = float(os.environ.get("BENCH_SCALE", "0.01"))
    monkeypatch.setenv("JOBS_SYNC_ROWS", "0")  # a job however small the scale (gunicorn reads it)
    os.environ["DATABASE_URL"] = _url_of_test_database()
    figures = run(users=4, seconds=max(5, int(60 * scale)), trainees=30, workers=2, export_scale=scale)
    assert figures["errors"] == 0 and figures["database_problems"] == []
    assert "export_error" not in figures, figures.get("export_error")
    assert figures["export_rows"] == figures["export_marks"] > 0
    assert figures["export_request_s"] < 1


def _url_of_test_database():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
