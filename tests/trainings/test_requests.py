"""Organisations' requests (trainings.requests), the project's manager and lineage, and what reports count of them."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    CentreFactory,
    OrganizationFactory,
    OrganizationRequestFactory,
    PersonFactory,
    ProjectFactory,
    UserFactory,
    WorkshopFactory,
)
from trainings import requests, writes
from trainings.models import OrganizationRequest, Project, RequestStatus, WaitingPlace

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    # The Arabic catalogue of these strings is merged by the lead (/work/notes/strings-records.po).
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def project(db):
    return ProjectFactory(name_ar="مشروع بناء القدرات الثاني", code="CB-2021")


def request_data(organization, chosen, changes=None):
    return {
        "organization": organization.pk,
        "kind": "project",
        "project": chosen.pk,
        "date": "2021-01-10",
        "asks": "الانضمام إلى التدريب على كتابة المقترحات",
        "contact_name": "  أحمد العلي ",
        "contact_phone": "0944 555 111",
        **(changes or {}),
    }


# Recording a request ------------------------------------------------------------------------


def test_staff_record_a_request_to_join_and_it_goes_to_the_projects_centre(staff_client, project):
    organization = OrganizationFactory(centre=project.centre)
    response = staff_client.get(reverse("trainings:request_create") + f"?project={project.pk}")
    assert response.status_code == 200 and "once_token" in response.content.decode()
    token = response.context["once_token"]
    data = {**request_data(organization, project), "once_token": token}
    first = staff_client.post(reverse("trainings:request_create"), data)
    again = staff_client.post(reverse("trainings:request_create"), data)  # a double click
    saved = OrganizationRequest.objects.get()
    assert first.status_code == 302 and again.status_code == 302
    assert saved.centre == project.centre and saved.status == RequestStatus.PENDING
    assert saved.contact_name == "أحمد العلي" and saved.recorded_by.username == "staff"


def test_a_request_for_an_organisation_already_in_the_project_is_refused(staff_client, project, english):
    organization = OrganizationFactory(centre=project.centre)
    project.organizations.add(organization)
    response = staff_client.post(reverse("trainings:request_create"), request_data(organization, project))
    assert response.status_code == 200
    assert "already one of this project&#x27;s organisations" in response.content.decode()
    assert not OrganizationRequest.objects.exists()


def test_a_second_live_request_to_the_same_project_is_refused_but_after_a_decline_it_is_taken(
    staff_client, project, english
):
    organization = OrganizationFactory(centre=project.centre)
    earlier = OrganizationRequestFactory(organization=organization, project=project)
    response = staff_client.post(reverse("trainings:request_create"), request_data(organization, project))
    assert "has already asked to join this project" in response.content.decode()
    requests.review(earlier, RequestStatus.DECLINED, "لا أماكن", UserFactory())
    response = staff_client.post(reverse("trainings:request_create"), request_data(organization, project))
    assert response.status_code == 302 and OrganizationRequest.objects.count() == 2


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"kind": "topic", "project": ""}, "topic"),  # a topic request names its topic
        ({"kind": "support", "project": "", "centre": ""}, "centre"),
        ({"date": "9999-01-01"}, "date"),
        ({"asks": ""}, "asks"),
        ({"kind": "project", "project": ""}, "project"),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(staff_client, project, changes, field):
    organization = OrganizationFactory(centre=project.centre)
    response = staff_client.post(reverse("trainings:request_create"), request_data(organization, project, changes))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not OrganizationRequest.objects.exists()


# Review ------------------------------------------------------------------------------------------


def test_accepting_makes_the_organisation_one_of_the_projects_and_declining_takes_it_back(coordinator_client, project):
    asked = OrganizationRequestFactory(project=project)
    url = reverse("trainings:request_review", args=[asked.pk])
    assert coordinator_client.post(url, {"status": "accepted"}).status_code == 302
    assert list(project.organizations.all()) == [asked.organization]
    asked.refresh_from_db()
    assert asked.reviewed_by.username == "coordinator" and asked.reviewed_at is not None
    # Declining needs a reason: without one nothing changes.
    response = coordinator_client.post(url, {"status": "declined", "reason": "  "})
    assert response.status_code == 400 and "reason" in response.context["review_form"].errors
    assert OrganizationRequest.objects.get().status == RequestStatus.ACCEPTED
    coordinator_client.post(url, {"status": "declined", "reason": "المشروع مكتمل"})
    asked.refresh_from_db()
    assert asked.status == RequestStatus.DECLINED and asked.reason == "المشروع مكتمل"
    assert not project.organizations.exists()
    # Who decided what, and when: the history keeps each decision.
    assert [h.status for h in asked.history.order_by("history_date")] == ["pending", "accepted", "declined"]
    assert asked.history.latest().history_user.username == "coordinator"


def test_the_same_decision_twice_changes_nothing(coordinator_client, project):
    asked = OrganizationRequestFactory(project=project)
    url = reverse("trainings:request_review", args=[asked.pk])
    coordinator_client.post(url, {"status": "waiting"})
    coordinator_client.post(url, {"status": "waiting"})
    assert asked.history.count() == 2  # created, then one decision


def test_staff_record_but_do_not_review(staff_client, project):
    asked = OrganizationRequestFactory(project=project)
    response = staff_client.post(reverse("trainings:request_review", args=[asked.pk]), {"status": "accepted"})
    assert response.status_code == 403 and not project.organizations.exists()
    page = staff_client.get(asked.get_absolute_url()).content.decode()
    assert "request_review" not in page and reverse("trainings:request_review", args=[asked.pk]) not in page


def test_an_odd_decision_is_refused(coordinator_client, project):
    asked = OrganizationRequestFactory(project=project)
    response = coordinator_client.post(reverse("trainings:request_review", args=[asked.pk]), {"status": "pending"})
    assert response.status_code == 400 and OrganizationRequest.objects.get().reviewed_at is None


def test_another_centres_requests_are_not_found_nor_listed(staff_client, staff_user):
    mine = OrganizationRequestFactory(organization__name_ar="منظمة نبض")
    theirs = OrganizationRequestFactory(
        project__centre=CentreFactory(staffed=False), organization__name_ar="منظمة ديرنا"
    )
    page = staff_client.get(reverse("trainings:request_list")).content.decode()
    assert "منظمة نبض" in page and "منظمة ديرنا" not in page
    assert staff_client.get(theirs.get_absolute_url()).status_code == 404
    assert staff_client.get(reverse("trainings:request_update", args=[theirs.pk])).status_code == 404
    assert staff_client.get(mine.get_absolute_url()).status_code == 200


def test_the_list_counts_requests_by_status_in_bounded_queries(coordinator_client, django_assert_max_num_queries):
    for status in ("accepted", "accepted", "declined"):
        requests.review(OrganizationRequestFactory(), status, "سبب", UserFactory())
    OrganizationRequestFactory.create_batch(10)
    with django_assert_max_num_queries(14):
        response = coordinator_client.get(reverse("trainings:request_list"))
    page = response.content.decode()
    assert 'data-status-count="accepted">2<' in page and 'data-status-count="pending">10<' in page
    assert 'data-status-count="declined">1<' in page
    response = coordinator_client.get(reverse("trainings:request_list") + "?status=accepted&q=²&project=abc")
    assert response.status_code == 200


# The project's manager and lineage ---------------------------------------------------------------


def test_the_project_page_links_both_ways_and_names_its_manager(coordinator_client, english):
    earlier = ProjectFactory(name_en="First capacity project", code="CB-2020")
    manager = UserFactory(first_name="Huda", last_name="Saleh")
    later = ProjectFactory(name_en="Second capacity project", code="CB-2021", follows=earlier, manager_user=manager)
    page = coordinator_client.get(later.get_absolute_url()).content.decode()
    assert "Huda Saleh" in page and earlier.get_absolute_url() in page
    assert reverse("reports:compare", args=[later.pk]) in page
    page = coordinator_client.get(earlier.get_absolute_url()).content.decode()
    assert later.get_absolute_url() in page and "Followed by" in page


def test_a_person_can_manage_a_project(coordinator_client, project):
    person = PersonFactory(full_name="ليلى الحسن")
    project.manager_person = person
    project.save()
    assert "ليلى الحسن" in coordinator_client.get(project.get_absolute_url()).content.decode()


def test_a_project_cannot_follow_itself_in_a_loop(coordinator_client, english):
    first = ProjectFactory()
    second = ProjectFactory(follows=first)
    data = {
        "name_ar": first.name_ar,
        "code": first.code,
        "centre": first.centre_id,
        "start_date": "2020-08-01",
        "end_date": "2020-12-31",
        "target_organizations": 15,
        "target_trainees": 30,
        "completion_threshold": 75,
        "follows": second.pk,
        "phases-TOTAL_FORMS": 0,
        "phases-INITIAL_FORMS": 0,
    }
    response = coordinator_client.post(reverse("trainings:project_update", args=[first.pk]), data)
    assert response.status_code == 200 and "follows" in response.context["form"].errors
    assert Project.objects.get(pk=first.pk).follows is None


def test_the_dashboard_counts_requests_and_compares_with_the_earlier_project(coordinator_client):
    earlier = ProjectFactory(code="CB-2020")
    later = ProjectFactory(code="CB-2021", follows=earlier)
    requests.review(OrganizationRequestFactory(project=later), "accepted", "", UserFactory())
    OrganizationRequestFactory(project=later)
    page = coordinator_client.get(reverse("reports:dashboard", args=[later.pk])).content.decode()
    assert 'data-request-status="accepted">1<' in page and 'data-request-status="pending">1<' in page
    assert reverse("reports:compare", args=[later.pk]) in page
    response = coordinator_client.get(reverse("reports:compare", args=[later.pk]))
    assert response.status_code == 200
    accepted = [row for row in response.context["rows"] if row.earlier == 0 and row.later == 1]
    assert accepted and accepted[-1].change == "+1"
    assert coordinator_client.get(reverse("reports:compare", args=[earlier.pk])).status_code == 404


def test_the_admin_lists_requests_and_waiting_lists_and_keeps_decisions_to_the_page(project):
    asked = OrganizationRequestFactory(project=project)
    full = ProjectFactory()
    workshop = WorkshopFactory(phase__project=full, capacity=0)
    writes.enroll(workshop, [PersonFactory()], UserFactory())
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in (
        reverse("admin:trainings_organizationrequest_changelist"),
        reverse("admin:trainings_organizationrequest_change", args=[asked.pk]),
        reverse("admin:trainings_organizationrequest_history", args=[asked.pk]),
        reverse("admin:trainings_waitingplace_changelist"),
        reverse("admin:trainings_project_change", args=[project.pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert WaitingPlace.objects.count() == 1
    # The status is read-only in the admin: a posted one is ignored.
    form = client.get(reverse("admin:trainings_organizationrequest_change", args=[asked.pk])).context["adminform"]
    assert "status" not in form.form.fields
