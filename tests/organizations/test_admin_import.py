"""Admin import of organisations and people: a dry-run preview, then all or nothing."""

import pytest
import tablib

from organizations.models import Organization, Person
from organizations.resources import OrganizationResource, PersonResource
from tests.factories import OrganizationFactory, RegionFactory


@pytest.fixture
def region(db):
    return RegionFactory(name_ar="الرقة")


def people_dataset(*rows):
    headers = ["full_name", "gender", "organization", "birth_year"]
    return tablib.Dataset(*rows, headers=headers)


def test_valid_people_import(region):
    OrganizationFactory(name_ar="نبض", region=region)
    result = PersonResource().import_data(people_dataset(["ريم", "f", "نبض", "1990"]), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Person.objects.get().organization.name_ar == "نبض"


def test_one_bad_row_saves_nothing(region):
    OrganizationFactory(name_ar="نبض", region=region)
    data = people_dataset(["ريم", "f", "نبض", "1990"], ["سامر", "m", "نبض", "not a year"])
    result = PersonResource().import_data(data, dry_run=False)
    assert result.has_errors() or result.has_validation_errors()
    assert not Person.objects.exists()


def test_a_validation_error_rolls_back_the_valid_rows(region):
    OrganizationFactory(name_ar="نبض", region=region)
    data = people_dataset(["ريم", "f", "نبض", "1990"], ["سامر", "m", "نبض", "1800"])
    result = PersonResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert not Person.objects.exists()


def test_unknown_organisation_saves_nothing(region):
    OrganizationFactory(name_ar="نبض", region=region)
    data = people_dataset(["ريم", "f", "نبض", "1990"], ["سامر", "m", "لا وجود لها", "1990"])
    result = PersonResource().import_data(data, dry_run=False)
    assert result.has_errors() or result.has_validation_errors()
    assert not Person.objects.exists()


def test_organisations_import_updates_by_arabic_name(region):
    OrganizationFactory(name_ar="نبض", region=region, town="")
    data = tablib.Dataset(
        ["نبض", "الرقة", "الرقة", "registered"], headers=["name_ar", "region", "town", "registration_status"]
    )
    result = OrganizationResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Organization.objects.get().town == "الرقة"


def test_admin_import_page_shows_a_preview(admin_client_role, region):
    OrganizationFactory(name_ar="نبض", region=region)
    csv = "full_name,gender,organization,birth_year\nريم,f,نبض,1990\n".encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client_role.post(
        "/admin/organizations/person/import/",
        {"import_file": SimpleUploadedFile("people.csv", csv, "text/csv"), "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    assert "ريم" in response.content.decode()
    assert not Person.objects.exists()  # a preview saves nothing
