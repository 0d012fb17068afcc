"""Who changed an organisation or a person, and what, shown to administrators only."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import OrganizationFactory, PersonFactory


@pytest.fixture
def org(db):
    return OrganizationFactory(name_ar="نبض", town="")


def test_a_change_made_in_the_app_is_recorded_with_its_author(coordinator_client, coordinator_user, org):
    url = reverse("organizations:organization_update", args=[org.pk])
    data = {"name_ar": "نبض", "region": org.region_id, "registration_status": "registered", "town": "الرقة"}
    assert coordinator_client.post(url, data).status_code == 302
    latest = org.history.latest()
    assert latest.history_user == coordinator_user and latest.town == "الرقة"


def test_administrators_see_the_history_on_the_page(admin_user, coordinator_client, org):
    url = reverse("organizations:organization_update", args=[org.pk])
    coordinator_client.post(
        url, {"name_ar": "نبض", "region": org.region_id, "registration_status": "registered", "town": "الرقة"}
    )
    admin = Client()
    admin.force_login(admin_user)
    html = admin.get(org.get_absolute_url()).content.decode()
    assert "سجل التغييرات" in html and "coordinator" in html and "الرقة" in html


def test_others_do_not_see_the_history(staff_client, org):
    assert "سجل التغييرات" not in staff_client.get(org.get_absolute_url()).content.decode()


def test_person_history_query_count_is_bounded(admin_client_role, django_assert_max_num_queries):
    person = PersonFactory()
    for n in range(30):
        person.position = f"منصب {n}"
        person.save()
    with django_assert_max_num_queries(12):
        html = admin_client_role.get(person.get_absolute_url()).content.decode()
    assert "منصب 29" in html
