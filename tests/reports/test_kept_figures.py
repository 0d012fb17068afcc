"""The reports' figures are kept ready (core.kept) and never shown stale: a write through any
door (a page, the admin, raw SQL) is on the next page view; without one, the page counts nothing.

Transactional, as in production: on PostgreSQL the version moves when a write commits.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import KeptFigures
from organizations.models import Gender, Person
from trainings import writes
from trainings.models import Session

pytestmark = pytest.mark.django_db(transaction=True)


def dashboard(client, programme, **params):
    return client.get(reverse("reports:dashboard", args=[programme.project.pk]), params)


def counted(queries):
    """The queries that counted trainees (read the tallies) rather than the kept figures."""
    return [q["sql"] for q in queries.captured_queries if "trainings_tally" in q["sql"]]


def test_the_second_view_counts_nothing_and_shows_the_same_figures(coordinator_client, programme):
    with CaptureQueriesContext(connection) as queries:
        first = dashboard(coordinator_client, programme)
    with CaptureQueriesContext(connection) as kept:
        second = dashboard(coordinator_client, programme)
    assert not counted(kept) and counted(queries)
    assert len(kept) <= len(queries) - 15
    assert second.context["report"].totals == first.context["report"].totals
    assert second.context["iptt"].rows == first.context["iptt"].rows
    assert KeptFigures.objects.count() == 2  # the report and the IPTT


def test_attendance_marked_on_its_page_is_on_the_next_view(coordinator_client, programme):
    before = dashboard(coordinator_client, programme).context["report"].totals
    session = Session.objects.get(workshop__project=programme.project, attendance_taken_at__isnull=True)
    person = session.workshop.enrollments.get().person
    sheet = {"action": "save", f"status-{person.pk}": "present", f"remark-{person.pk}": "", f"orig-{person.pk}": "|"}
    assert coordinator_client.post(reverse("trainings:session_attendance", args=[session.pk]), sheet).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        after = dashboard(coordinator_client, programme).context["report"].totals
    assert counted(queries)
    # her mark, and the one already written for a man before the attendance was saved
    assert after.participations == before.participations + 2


def test_a_person_changed_in_the_admin_is_on_the_next_view(admin_client_role, coordinator_user, programme):
    coordinator_client = Client()  # (the client fixtures are one client)
    coordinator_client.force_login(coordinator_user)
    before = dashboard(coordinator_client, programme).context["report"].totals
    man = Person.objects.get(full_name="أحمد")  # a trainee of Tuttul
    assert man.gender == Gender.MALE
    change = reverse("admin:organizations_person_change", args=[man.pk])
    form = admin_client_role.get(change).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(gender=Gender.FEMALE, organization=man.organization_id)
    response = admin_client_role.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    after = dashboard(coordinator_client, programme).context["report"].totals
    assert (after.women, after.men) == (before.women + 1, before.men - 1)


def test_a_write_in_raw_sql_is_on_the_next_view(coordinator_client, programme):
    dashboard(coordinator_client, programme)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE organizations_organization SET name_ar = %s WHERE name_en = 'Tuttul'", ["توتول الجديدة"])
    rows = dashboard(coordinator_client, programme).context["report"].by_organization
    assert "توتول الجديدة" in [row.name for row in rows]


def test_each_language_has_its_own_figures(client, coordinator_user, programme):
    client.force_login(coordinator_user)
    client.cookies["django_language"] = "ar"
    arabic = [row.name for row in dashboard(client, programme).context["report"].by_organization]
    client.cookies["django_language"] = "en"
    english = [row.name for row in dashboard(client, programme).context["report"].by_organization]
    assert "توتول" in arabic and "Tuttul" in english


def test_each_filter_has_its_own_figures(coordinator_client, programme):
    everyone = dashboard(coordinator_client, programme).context["report"].totals.trainees
    region = programme.east.pk  # Dirna's: one trainee
    narrowed = dashboard(coordinator_client, programme, region=region).context["report"].totals.trainees
    assert (everyone, narrowed) == (3, 1)


def test_unreadable_kept_figures_are_counted_again(coordinator_client, programme):
    before = dashboard(coordinator_client, programme).context["report"].totals
    KeptFigures.objects.update(data=b"not a pickle")
    assert dashboard(coordinator_client, programme).context["report"].totals == before


def test_the_programme_report_is_counted_again_after_a_session_is_deleted(
    coordinator_client, coordinator_user, programme
):
    before = coordinator_client.get(reverse("reports:programme")).context["report"].totals.trainees
    # the first session was the only one two of the three trainees attended
    first = Session.objects.filter(workshop__project=programme.project).earliest("date")
    writes.delete_session(first, coordinator_user)
    after = coordinator_client.get(reverse("reports:programme")).context["report"].totals.trainees
    assert (before, after) == (3, 1)
