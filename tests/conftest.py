import pytest

from core.roles import ADMINISTRATOR, COORDINATOR, STAFF
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _arabic_by_default(settings):
    settings.LANGUAGE_CODE = "ar"


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
