import pytest

from organizations.roles import ADMINISTRATOR, COORDINATOR, STAFF
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _arabic_by_default(settings):
    settings.LANGUAGE_CODE = "ar"


def pytest_collection_modifyitems(items):
    """Transactional tests (browser, concurrency) flush the database when they end;
    serialized rollback restores what the data migrations made (roles, catalogues)
    for the tests that come after them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
            restored = pytest.mark.django_db(**{**marker.kwargs, "transaction": True, "serialized_rollback": True})
            # In front, so that it is the closest django_db marker pytest-django reads.
            item.add_marker(restored, append=False)


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
