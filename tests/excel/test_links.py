"""Coordinators reach the Excel downloads from the project and workshop pages; Staff do not see them."""

import pytest
from django.urls import reverse

from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_downloads(coordinator_client):
    workshop = WorkshopFactory()
    workshop_page = coordinator_client.get(reverse("trainings:workshop_detail", args=[workshop.pk])).content.decode()
    assert reverse("excel:workshop_register", args=[workshop.pk]) in workshop_page
    project_page = coordinator_client.get(workshop.project.get_absolute_url()).content.decode()
    assert reverse("excel:project_attendance", args=[workshop.project_id]) in project_page
    assert reverse("excel:import_upload") in coordinator_client.get("/").content.decode()


def test_staff_do_not_see_them(staff_client):
    workshop = WorkshopFactory()
    page = staff_client.get(reverse("trainings:workshop_detail", args=[workshop.pk])).content.decode()
    assert reverse("excel:workshop_register", args=[workshop.pk]) not in page
    assert reverse("excel:import_upload") not in staff_client.get("/").content.decode()
