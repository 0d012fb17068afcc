"""The data version (core.data_version): moved by every committed write to our tables, whatever
the door, and by nothing else; never held locked while a writing transaction runs."""

import threading

import pytest
from django.db import connection, connections, transaction

from core import data_version
from core.models import Job, KeptFigures
from organizations.models import Organization
from tests.factories import OrganizationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def version():
    return data_version.read(connection)[0]


def test_every_table_of_our_apps_carries_the_trigger():
    watched = set(data_version.watched_tables())
    # the tables the reports count from, among them
    assert {"trainings_attendance", "trainings_tally", "organizations_person", "results_target"} <= watched
    assert {"services_booking", "evaluation_answer", "coaching_coachingsession"} <= watched
    assert not {"core_keptfigures", "core_dataversion", "core_job"} & watched
    # nor those of installed packages (logins, sessions, the task queue), even in a virtualenv under BASE_DIR
    assert not {"auth_user", "django_session", "axes_accesslog", "django_tasks_database_dbtaskresult"} & watched
    assert watched <= data_version.triggered_tables(connection)


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda org: Organization.objects.filter(pk=org.pk).update(name_en="Renamed"), id="update"),
        pytest.param(lambda org: org.save(), id="save"),
        pytest.param(lambda org: OrganizationFactory(region=org.region), id="insert"),
        pytest.param(lambda org: Organization.objects.filter(pk=org.pk).delete(), id="delete"),
        pytest.param(
            lambda org: connection.cursor().execute(
                "UPDATE organizations_organization SET name_en = 'Raw' WHERE id = %s", [org.pk]
            ),
            id="raw SQL",
        ),
    ],
)
def test_a_committed_write_moves_the_version(write):
    org = OrganizationFactory(region=RegionFactory())
    before = version()
    write(org)
    assert version() > before


def test_a_rolled_back_write_leaves_the_version():
    org = OrganizationFactory(region=RegionFactory())
    before = version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Organization.objects.filter(pk=org.pk).update(name_en="Never")
        raise RuntimeError
    assert version() == before


def test_writes_that_change_no_figure_leave_the_version():
    owner = UserFactory()  # (a user comes with a centre: a figure's row)
    before = version()
    Job.objects.create(owner=owner, kind="x", label="x", builder="x", digest="x", expires_at="2030-01-01T00:00Z")
    KeptFigures.objects.create(key="k", version=0, data=b"", kept_at="2030-01-01T00:00Z")
    assert version() == before


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_writing_transaction_knows_it_changed_data_before_its_commit():
    org = OrganizationFactory(region=RegionFactory())
    before = version()
    with transaction.atomic():
        assert data_version.read(connection) == (before, False)
        Organization.objects.filter(pk=org.pk).update(name_en="Inside")
        # the version moves at commit; until then the transaction must not read kept figures
        assert data_version.read(connection) == (before, True)
    assert data_version.read(connection) == (before + 1, False)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_long_import_does_not_block_another_writer():
    """A transaction that changed data holds no lock on the version until it commits."""
    first, second = OrganizationFactory(region=RegionFactory()), OrganizationFactory(region=RegionFactory())
    before = version()
    wrote, release = threading.Event(), threading.Event()

    def long_import():
        try:
            with transaction.atomic():
                Organization.objects.filter(pk=first.pk).update(name_en="Long")
                wrote.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=long_import)
    thread.start()
    assert wrote.wait(10)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '2s'")  # would fail here if the version were locked
        Organization.objects.filter(pk=second.pk).update(name_en="Quick")
        cursor.execute("SET lock_timeout = 0")
    assert version() == before + 1  # the quick one has committed; the long one not yet
    release.set()
    thread.join(10)
    assert version() == before + 2


def test_install_forgets_kept_figures_and_keeps_the_version():
    KeptFigures.objects.create(key="old code", version=version(), data=b"", kept_at="2030-01-01T00:00Z")
    before = version()
    data_version.install(connection)
    assert not KeptFigures.objects.exists()
    assert version() == before


def test_logging_in_leaves_the_version(client):
    UserFactory(username="someone", password="a-long-password-2020")
    before = version()
    response = client.post("/accounts/login/", {"username": "someone", "password": "a-long-password-2020"})
    assert response.status_code == 302
    assert version() == before
