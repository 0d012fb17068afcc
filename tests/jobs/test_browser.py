"""In Chromium: ask for a big export, watch its page move (no script: it refreshes itself), download it."""

import re
import threading
import time

import openpyxl
import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import Error as PlaywrightError

from core.roles import COORDINATOR
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.jobs.conftest import SMALL
from trainings.excel import exports
from trainings.models import Attendance

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def slowed(real, seconds):
    """flat_rows, a little slower per row, so that the page can be seen half-way."""

    def rows(*args, **kwargs):
        for row in real(*args, **kwargs):
            time.sleep(seconds)
            yield row

    return rows


@pytest.fixture
def worker_thread():
    """django-tasks-db's worker polling in a thread of this process, as `manage.py db_worker` would."""
    worker = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )

    def run():
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    yield thread
    worker.running = False
    thread.join(timeout=10)


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="The live server, the worker thread and the page's refreshes share SQLite's in-memory test "
    "database, which failed this once in a long run (never alone). Runs on PostgreSQL; the jobs' "
    "progress, files and downloads are tested on both (tests/jobs/test_jobs.py).",
)
def test_coordinator_watches_an_export_move_and_downloads_every_row(
    new_page, live_server, worker_thread, monkeypatch, tmp_path
):
    from capacity.programme.build import build_programme

    project = build_programme(SMALL, code="JOBS-E2E")["project"]
    coordinator = UserFactory(username="rasha", role=COORDINATOR)
    project.centre.staff.add(coordinator)
    monkeypatch.setattr(exports, "flat_rows", slowed(exports.flat_rows, 0.1))  # 60 rows: about 6 s

    page = new_page(locale="en")
    login(page, live_server, "rasha")
    page.goto(f"{live_server.url}/excel/projects/{project.pk}/attendance/")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/jobs/*/")
    assert page.locator("meta[http-equiv=refresh]").count() == 1
    worker_thread.start()

    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        try:
            html = page.content()
        except PlaywrightError:  # caught reloading itself
            continue
        seen.update(int(value) for value in re.findall(r'<progress[^>]* value="(\d+)"', html))
        if "/download/" in html:
            break
    assert any(0 < value < 60 for value in seen), seen  # it moved, one reload after another

    with page.expect_download() as download_info:
        page.click("a[href$='/download/']")
    path = tmp_path / "export.xlsx"
    download_info.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.max_row - 1 == Attendance.objects.count() == 60
