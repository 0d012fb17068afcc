"""Admin imports: catalogues with django-import-export (all or nothing); people by the app's one pipeline."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from organizations.models import Organization, Person, Region
from organizations.resources import OrganizationResource, RegionResource, all_or_nothing
from tests.factories import OrganizationFactory, RegionFactory
from trainings.models import Topic

PERSON_LIST = "/admin/organizations/person/"


@pytest.fixture
def region(db):
    return RegionFactory(name_ar="الرقة")


def test_organisations_import_updates_by_arabic_name(region):
    OrganizationFactory(name_ar="نبض", region=region, town="")
    data = tablib.Dataset(
        ["نبض", "الرقة", "الرقة", "registered"], headers=["name_ar", "region", "town", "registration_status"]
    )
    result = OrganizationResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Organization.objects.get().town == "الرقة"


def test_one_bad_organisation_saves_nothing(region):
    data = tablib.Dataset(
        ["نبض", "الرقة", "registered"],
        ["ديرنا", "لا وجود لها", "registered"],
        headers=["name_ar", "region", "registration_status"],
    )
    result = OrganizationResource().import_data(data, dry_run=False)
    assert result.has_errors() or result.has_validation_errors()
    assert not Organization.objects.exists()


def test_a_validation_error_rolls_back_the_valid_regions(db):
    long_name = "م" * 500
    data = tablib.Dataset(["", "الحسكة", "Hasakah"], ["", long_name, "Long"], headers=["id", "name_ar", "name_en"])
    result = RegionResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert not Region.objects.filter(name_ar="الحسكة").exists()


def test_a_bad_topic_row_saves_no_topic(db):
    before = Topic.objects.count()
    data = tablib.Dataset(["موضوع جديد", "New topic", "1"], ["موضوع آخر", "Other", "not a number"])
    data.headers = ["name_ar", "name_en", "order"]
    result = all_or_nothing(Topic)().import_data(data, dry_run=False)
    assert result.has_errors() or result.has_validation_errors()
    assert Topic.objects.count() == before


def test_admin_organisation_import_page_shows_a_preview(admin_client_role, region):
    csv = "name_ar,region,registration_status\nنبض,الرقة,registered\n".encode()
    response = admin_client_role.post(
        "/admin/organizations/organization/import/",
        {"import_file": SimpleUploadedFile("orgs.csv", csv, "text/csv"), "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    assert "نبض" in response.content.decode()
    assert not Organization.objects.exists()  # a preview saves nothing


def test_people_have_no_second_import_in_the_admin(admin_client_role, region):
    """The admin's people list links to the app's import; django-import-export's page is gone."""
    csv = "full_name,gender,organization\nريم,f,نبض\n".encode()
    response = admin_client_role.post(
        PERSON_LIST + "import/",
        {"import_file": SimpleUploadedFile("people.csv", csv, "text/csv"), "format": "0", "resource": "0"},
    )
    assert response.status_code in (302, 404)
    assert not Person.objects.exists()
    page = admin_client_role.get(PERSON_LIST).content.decode()
    assert 'href="/excel/import/"' in page and "/admin/organizations/person/import/" not in page
    assert "/admin/organizations/person/export/" not in page


def test_the_import_link_needs_the_import_permission(client, admin_user):
    """An admin user without the app's import right sees no link to it (and the page would refuse)."""
    admin_user.groups.clear()
    admin_user.is_superuser = False
    admin_user.save()
    from django.contrib.auth.models import Permission

    admin_user.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(admin_user)
    page = client.get(PERSON_LIST).content.decode()
    assert client.get(PERSON_LIST).status_code == 200
    assert 'href="/excel/import/"' not in page
    assert client.get("/excel/import/").status_code == 403
