"""The admin's "Export selected to Excel": one writer, the right to export, the export log."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from organizations import imports
from organizations.models import Gender, Person, Region
from tests.excel.helpers import read_download, upload
from tests.factories import OrganizationFactory, PersonFactory, RegionFactory
from trainings.excel.models import ExportKind, ExportRecord

pytestmark = pytest.mark.django_db

PEOPLE = "/admin/organizations/person/"
REGIONS = "/admin/organizations/region/"


def export(client, url, objects):
    return client.post(url, {"action": "export_selected", "_selected_action": [str(o.pk) for o in objects]})


@pytest.fixture
def people(db):
    org = OrganizationFactory(name_ar="بصمة أمل", region=RegionFactory(name_ar="ريف دير الزور"))
    return [
        PersonFactory(
            full_name="هدى العلي", gender=Gender.FEMALE, organization=org, phone="+963 944 000000", birth_year=1990
        ),
        PersonFactory(full_name="عمر الخلف", gender=Gender.MALE, organization=org, has_disability=True),
    ]


def test_people_export_is_the_import_layout_and_is_recorded(admin_client_role, admin_user, people):
    response = export(admin_client_role, PEOPLE, people)
    assert response["Content-Disposition"].startswith("attachment")
    sheet = read_download(response).worksheets[0]
    assert sheet.sheet_view.rightToLeft and sheet.page_setup.paperSize == 9
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in imports.COLUMNS]
    by_name = {row[0]: row for row in rows[1:]}
    huda, omar = by_name["هدى العلي"], by_name["عمر الخلف"]
    assert huda[1:3] == ("أنثى", "بصمة أمل") and huda[4] == "+963 944 000000"
    assert huda[6] == 1990 and isinstance(huda[6], int)  # a number, not text
    assert omar[1] == "ذكر" and omar[7] == "نعم"
    log = ExportRecord.objects.get()
    assert (log.kind, log.user, log.rows, log.filters) == (
        ExportKind.ADMIN,
        admin_user,
        2,
        {"model": "organizations.person"},
    )


def test_an_exported_list_imports_back_unchanged(admin_client_role, people):
    """The same columns and words as the template: the one import pipeline matches every row."""
    response = export(admin_client_role, PEOPLE, people)
    content = b"".join(response.streaming_content)
    plan = imports.build_plan(imports.read_rows(upload(content)))
    assert plan.counts == {imports.NEW: 0, imports.UPDATE: 0, imports.UNCHANGED: 2, imports.INVALID: 0}


def test_people_export_needs_the_export_permission(client, admin_user, people):
    """An admin user who may see people but not export their personal data gets no file and no log."""
    admin_user.groups.clear()
    admin_user.user_permissions.add(*Permission.objects.filter(codename__in=["view_person", "view_region"]))
    client.force_login(admin_user)
    page = client.get(PEOPLE).content.decode()
    assert "export_selected" not in page
    response = export(client, PEOPLE, people)
    assert response.status_code in (200, 302) and not response.has_header("Content-Disposition")
    assert "export_selected" in client.get(REGIONS).content.decode()  # a catalogue needs only the view right
    assert not ExportRecord.objects.exists()


def test_catalogue_export_has_the_admin_headers_in_the_active_language(admin_client_role, db):
    regions = [RegionFactory(name_ar="الرقة", name_en="Raqqa"), RegionFactory(name_ar="الحسكة", name_en="")]
    arabic = read_download(export(admin_client_role, REGIONS, regions)).worksheets[0]
    with translation.override("ar"):
        headers = [str(Region._meta.get_field(name).verbose_name) for name in ("name_ar", "name_en")]
    assert [c.value for c in arabic[1]] == headers and arabic.sheet_view.rightToLeft
    assert {row for row in arabic.iter_rows(min_row=2, values_only=True)} == {("الرقة", "Raqqa"), ("الحسكة", None)}
    admin_client_role.cookies["django_language"] = "en"
    english = read_download(export(admin_client_role, REGIONS, regions)).worksheets[0]
    assert [c.value for c in english[1]] == ["Arabic name", "English name"]
    assert not english.sheet_view.rightToLeft
    assert ExportRecord.objects.filter(kind=ExportKind.ADMIN, rows=2).count() == 2


def test_booleans_and_related_rows_keep_their_meaning(admin_client_role, db):
    org = OrganizationFactory(name_ar="نبض", region=RegionFactory(name_ar="الرقة"), active=False)
    sheet = read_download(export(admin_client_role, "/admin/organizations/organization/", [org])).worksheets[0]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row[header[0]] == "نبض" and row[header[2]] == "الرقة"
    assert row[header[-1]] is False  # a real yes/no cell
    assert Person.objects.count() == 0
