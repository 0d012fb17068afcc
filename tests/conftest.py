import os

import pytest

from core.roles import ADMINISTRATOR, COORDINATOR, STAFF
from tests import factories
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _arabic_by_default(settings):
    settings.LANGUAGE_CODE = "ar"


@pytest.fixture(autouse=True)
def _private_files_in_a_test_folder(settings, tmp_path_factory):
    """Attachments a test stores go to a folder of the test run, never into the tree."""
    folder = tmp_path_factory.mktemp("private")
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder}},
    }


@pytest.fixture(autouse=True)
def _new_team():
    """Each test starts with no team and no centre outside it (tests.factories.TEAM)."""
    factories.TEAM.clear()
    factories.UNSTAFFED.clear()


@pytest.fixture(autouse=True)
def _migrated_data(request):
    """Give a transactional test the rows the data migrations made (roles, catalogues).

    A transactional test (browser, concurrency) empties the tables when it ends,
    and Django's serialized rollback does not restore them reliably once
    Playwright has run in the process, so the data migrations are replayed.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))):
        return
    from django.contrib.auth.models import Group

    if not Group.objects.exists():
        replay_data_migrations()


# Tallies -----------------------------------------------------------------------------------

DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}


@pytest.fixture(autouse=True)
def _tallies_match_a_fresh_count(request):
    """After every test that used the database, the tallies kept equal a fresh count of the marks.

    The app writes marks, enrolments and sessions through one door (trainings.writes),
    which recounts; a page or an admin action that wrote around it, or forgot to recount,
    fails here, whatever the test was about. Cheap: two queries when there is nothing to
    count, five otherwise.
    """
    if not (request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames)):
        yield
        return
    request.getfixturevalue("_django_db_helper")  # set up first, so torn down (rolled back) after the check
    yield
    problem = tally_drift()
    if problem:
        pytest.fail(problem, pytrace=False)


def tally_drift():
    """A message saying how the tallies differ from a fresh count, or "" (also when the database is unusable)."""
    from django.db import DatabaseError, connection
    from django.db.transaction import TransactionManagementError

    from trainings import tallies
    from trainings.models import Attendance, Enrollment, Tally

    if connection.needs_rollback:  # the test ended inside a broken atomic block
        return ""
    try:
        kept = set(Tally.objects.values_list(*tallies.FIELDS))
        if not kept and not (
            Enrollment.objects.filter(withdrawn_at__isnull=True).exists()
            or Attendance.objects.filter(session__attendance_taken_at__isnull=False).exists()
        ):
            return ""
        fresh = set(tallies.fresh_rows())
    except (DatabaseError, TransactionManagementError):
        return ""
    if kept == fresh:
        return ""

    def show(rows):
        return "".join(f"\n    {dict(zip(tallies.FIELDS, row, strict=True))}" for row in sorted(rows, key=str)[:5])

    return (
        "The tallies differ from a fresh count of the marks: something wrote marks, enrolments or "
        "sessions without the door (trainings.writes), or without recounting."
        f"\n  kept, not counted ({len(kept - fresh)}):{show(kept - fresh)}"
        f"\n  counted, not kept ({len(fresh - kept)}):{show(fresh - kept)}"
    )


def replay_data_migrations():
    """Run every RunPython of the migrations again, on the final state of the models."""
    from django.db import DatabaseError, connection, transaction
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.operations import RunPython

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    state_apps = executor.loader.project_state().apps
    with connection.schema_editor(atomic=False) as editor:
        for migration, _backwards in plan:
            if migration.app_label == "django_tasks_database":  # django-tasks-db
                continue  # its RunPythons move data between fields its later migrations removed
            for operation in migration.operations:
                if not isinstance(operation, RunPython):
                    continue
                try:
                    with transaction.atomic():
                        operation.code(state_apps, editor)
                except DatabaseError:
                    # A schema change made by RunPython (a constraint) outlives the flush.
                    pass


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff", role=STAFF)


@pytest.fixture
def coordinator_user(db):
    return UserFactory(username="coordinator", role=COORDINATOR)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="administrator", role=ADMINISTRATOR, is_staff=True)


@pytest.fixture
def outsider_user(db):
    """Logged in, but in no group: sees nothing."""
    return UserFactory(username="outsider")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def coordinator_client(client, coordinator_user):
    client.force_login(coordinator_user)
    return client


@pytest.fixture
def admin_client_role(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (tests/e2e/conftest.py has its settings)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make beside it are still plain synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(viewport=PHONE) opens a fresh context; pages are closed after the test."""
    contexts = []

    def make(viewport=None, locale="ar"):
        from tests.e2e.conftest import DESKTOP

        viewport = viewport or DESKTOP
        context = browser.new_context(viewport=viewport, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()
