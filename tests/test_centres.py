"""Centre scoping (core.centres): Staff of Raqqa see and change Raqqa's records only.

Every door narrows the same way: pages answer 404 for another centre's record, lists
leave it out, forms refuse its id, the import does not know its organisations, the
dashboard refuses its projects, the admin hides it. An Administrator with no centre,
and a superuser, see every centre; anyone else with no centre sees none.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.centres import scope, visible_centre_ids
from core.roles import ADMINISTRATOR, COORDINATOR, STAFF
from organizations.models import Centre, Organization, Person
from tests.factories import (
    CentreFactory,
    ConsultationFactory,
    EngagementFactory,
    EnrollmentFactory,
    OrganizationFactory,
    PersonFactory,
    PhaseFactory,
    ProjectFactory,
    SessionFactory,
    StrategicPlanFactory,
    UserFactory,
    WorkshopFactory,
)
from trainings.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_centres():
    """Raqqa and Tabqa, each with a project, a workshop with a session and a trainee, an engagement."""
    world = {}
    for name in ("raqqa", "tabqa"):
        centre = CentreFactory(staffed=False, name_en=name)
        org = OrganizationFactory(centre=centre)
        phase = PhaseFactory(project=ProjectFactory(centre=centre))
        workshop = WorkshopFactory(phase=phase)
        person = PersonFactory(organization=org)
        EnrollmentFactory(workshop=workshop, person=person)
        world[name] = {
            "centre": centre,
            "org": org,
            "project": phase.project,
            "workshop": workshop,
            "session": SessionFactory(workshop=workshop),
            "person": person,
            "engagement": EngagementFactory(project=phase.project, organization=org),
            "plan": StrategicPlanFactory(organization=org),
            "visit": ConsultationFactory(organization=org),
        }
    return world


@pytest.fixture
def raqqa_client(client, two_centres):
    user = UserFactory(username="raqqa-coordinator", role=COORDINATOR, centres=[two_centres["raqqa"]["centre"]])
    client.force_login(user)
    return client


PAGES = [
    ("trainings:project_detail", "project"),
    ("trainings:workshop_detail", "workshop"),
    ("trainings:workshop_enroll", "workshop"),
    ("trainings:session_attendance", "session"),
    ("trainings:session_update", "session"),
    ("organizations:organization_detail", "org"),
    ("organizations:person_detail", "person"),
    ("organizations:person_update", "person"),
    ("coaching:engagement_detail", "engagement"),
    ("coaching:plan_detail", "plan"),
    ("coaching:plan_pdf", "plan"),
    ("services:consultation_detail", "visit"),
    ("services:centre_week", "centre"),
    ("reports:dashboard", "project"),
    ("excel:project_attendance", "project"),
]


@pytest.mark.parametrize(("name", "key"), PAGES)
def test_own_centres_record_opens_and_another_centres_answers_404(raqqa_client, two_centres, name, key):
    assert raqqa_client.get(reverse(name, args=[two_centres["raqqa"][key].pk])).status_code == 200
    assert raqqa_client.get(reverse(name, args=[two_centres["tabqa"][key].pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("trainings:workshop_list", "workshop"),
        ("trainings:project_list", "project"),
        ("organizations:organization_list", "org"),
        ("organizations:person_list", "person"),
        ("coaching:engagement_list", "engagement"),
        ("coaching:plan_list", "plan"),
        ("services:consultation_list", "visit"),
    ],
)
def test_lists_show_only_the_users_centres(raqqa_client, two_centres, name, key, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        page = raqqa_client.get(reverse(name))
    shown = set(page.context["object_list"])
    assert two_centres["raqqa"][key] in shown
    assert two_centres["tabqa"][key] not in shown


def test_a_form_refuses_another_centres_project_and_saves_nothing(raqqa_client, two_centres):
    tabqa = two_centres["tabqa"]
    before = Workshop.objects.count()
    page = raqqa_client.post(
        reverse("trainings:workshop_create"),
        {
            "project": tabqa["project"].pk,
            "phase": tabqa["workshop"].phase_id,
            "title": "ورشة دخيلة",
            "start_date": "2020-09-01",
            "end_date": "2020-09-02",
            "planned_hours": 6,
            "capacity": 20,
        },
    )
    assert page.status_code == 200
    assert "project" in page.context["form"].errors
    assert Workshop.objects.count() == before
    # The choices offered are her centre's only.
    assert list(page.context["form"].fields["project"].queryset) == [two_centres["raqqa"]["project"]]


def test_enrolling_another_centres_person_is_refused(raqqa_client, two_centres):
    workshop = two_centres["raqqa"]["workshop"]
    stranger = two_centres["tabqa"]["person"]
    page = raqqa_client.post(reverse("trainings:workshop_enroll", args=[workshop.pk]), {"people": [stranger.pk]})
    assert page.status_code == 200 and page.context["form"].errors
    assert not workshop.enrollments.filter(person=stranger).exists()


def test_a_new_organisation_is_registered_at_the_authors_centre(raqqa_client, two_centres):
    raqqa_client.post(
        reverse("organizations:organization_create"),
        {
            "name_ar": "منظمة جديدة",
            "region": two_centres["raqqa"]["org"].region_id,
            "registration_status": "registered",
        },
    )
    org = Organization.objects.get(name_ar="منظمة جديدة")
    assert org.centre == two_centres["raqqa"]["centre"]
    assert raqqa_client.get(org.get_absolute_url()).status_code == 200


def test_the_dashboard_does_not_find_another_centres_organisation_by_name(raqqa_client, two_centres):
    raqqa, tabqa = two_centres["raqqa"], two_centres["tabqa"]
    page = raqqa_client.get(
        reverse("reports:dashboard", args=[raqqa["project"].pk]), {"organization": tabqa["org"].name_ar}
    )
    assert page.status_code == 200
    form = page.context["form"]
    # Not found (SQLite), or on PostgreSQL a similar name of her own centre: never Tabqa's.
    assert "organization" in form.errors or form.cleaned_data["organization"] != tabqa["org"]


def test_reports_index_goes_to_a_project_of_the_users_centre(raqqa_client, two_centres):
    page = raqqa_client.get(reverse("reports:index"), {"project": two_centres["tabqa"]["project"].pk})
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("reports:dashboard", args=[two_centres["raqqa"]["project"].pk]))


def test_import_rows_naming_another_centres_organisation_are_refused(two_centres):
    from organizations import imports
    from tests.excel.helpers import upload, xlsx_bytes

    user = UserFactory(role=COORDINATOR, centres=[two_centres["raqqa"]["centre"]])
    mine = scope(Organization.objects.all(), user)

    def plan_naming(org):
        return imports.build_plan(
            imports.read_rows(upload(xlsx_bytes([["سلمى خليل", "أنثى", org.name_ar]]))), None, mine
        )

    assert not plan_naming(two_centres["tabqa"]["org"]).is_valid
    assert plan_naming(two_centres["raqqa"]["org"]).is_valid


def test_home_page_names_the_users_centres_or_says_she_has_none(client, two_centres):
    client.force_login(UserFactory(role=STAFF, centres=[two_centres["raqqa"]["centre"]]))
    assert two_centres["raqqa"]["centre"].name_ar in client.get("/").content.decode()
    client.force_login(UserFactory(username="nowhere", role=STAFF, centres=[]))
    page = client.get("/").content.decode()
    assert "لم يُضف حسابك إلى أي مركز" in page


def test_who_sees_which_centres(two_centres):
    raqqa = two_centres["raqqa"]["centre"]
    everyone = UserFactory(username="admin-all", role=ADMINISTRATOR, centres=[])
    admin_of_raqqa = UserFactory(username="admin-raqqa", role=ADMINISTRATOR, centres=[raqqa])
    nowhere = UserFactory(username="staff-nowhere", role=STAFF, centres=[])
    root = UserFactory(username="root", is_superuser=True, centres=[raqqa])
    assert visible_centre_ids(everyone) is None
    assert visible_centre_ids(root) is None
    assert visible_centre_ids(admin_of_raqqa) == {raqqa.pk}
    assert visible_centre_ids(nowhere) == frozenset()
    assert not scope(Person.objects.all(), nowhere).exists()
    assert set(scope(Person.objects.all(), admin_of_raqqa)) == {two_centres["raqqa"]["person"]}


def test_an_organisation_is_served_by_the_centres_of_its_projects(two_centres):
    """Registered at Tabqa, trained in a Raqqa workshop: both centres see it and its people."""
    raqqa_user = UserFactory(role=STAFF, centres=[two_centres["raqqa"]["centre"]])
    guest = PersonFactory(organization=two_centres["tabqa"]["org"])
    assert guest not in scope(Person.objects.all(), raqqa_user)
    EnrollmentFactory(workshop=two_centres["raqqa"]["workshop"], person=guest)
    assert guest in scope(Person.objects.all(), raqqa_user)
    assert two_centres["tabqa"]["org"] in scope(Organization.objects.all(), raqqa_user)


def test_the_admin_lists_and_opens_only_the_users_centres(client, two_centres):
    user = UserFactory(role=COORDINATOR, centres=[two_centres["raqqa"]["centre"]], is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_workshop", "change_workshop"]))
    client.force_login(user)
    page = client.get(reverse("admin:trainings_workshop_changelist"))
    assert page.status_code == 200
    assert set(page.context["cl"].result_list) == {two_centres["raqqa"]["workshop"]}
    other = reverse("admin:trainings_workshop_change", args=[two_centres["tabqa"]["workshop"].pk])
    assert client.get(other).status_code == 302  # the admin's "does not exist", back to its index


def test_existing_organisations_get_the_centre_of_their_region(two_centres):
    migration = importlib.import_module("organizations.migrations.0009_registered_centre")
    tabqa = two_centres["tabqa"]
    orphan = OrganizationFactory(centre=None, region=tabqa["centre"].region)
    lost = OrganizationFactory(centre=None)  # a region without a centre: left for an administrator
    migration.assign(apps, None)
    orphan.refresh_from_db()
    lost.refresh_from_db()
    assert orphan.centre == tabqa["centre"]
    assert lost.centre is None
    assert Centre.objects.count() > 1
