"""The trainee import pages: template, upload, preview (nothing saved), confirm (all or nothing)."""

import pytest
from django.urls import reverse

from organizations import imports
from organizations.models import Gender, Person
from tests.excel.helpers import read_download, upload, xlsx_bytes
from tests.factories import OrganizationFactory, PersonFactory
from trainings.excel.models import ExportKind, ExportRecord

pytestmark = pytest.mark.django_db

UPLOAD = reverse("excel:import_upload")
PREVIEW = reverse("excel:import_preview")
CONFIRM = reverse("excel:import_confirm")
CANCEL = reverse("excel:import_cancel")
TEMPLATE = reverse("excel:import_template")


@pytest.fixture
def org():
    return OrganizationFactory(name_ar="بصمة أمل", name_en="Basmat Amal")


def post_file(client, content, **data):
    return client.post(UPLOAD, {"file": upload(content), **data})


def confirm(client):
    preview = client.get(PREVIEW)
    plan = preview.context["plan"]
    return client.post(CONFIRM, {"token": preview.context["state"]["token"], "digest": plan.digest})


def test_anonymous_visitors_go_to_login(client):
    for url in (UPLOAD, PREVIEW, TEMPLATE):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    assert client.post(CONFIRM)["Location"].startswith("/accounts/login/")


def test_staff_may_not_import(staff_client, org):
    for url in (UPLOAD, PREVIEW, TEMPLATE):
        assert staff_client.get(url).status_code == 403
    assert post_file(staff_client, xlsx_bytes([["هدى", "أنثى", "بصمة أمل"]])).status_code == 403
    assert staff_client.post(CONFIRM).status_code == 403
    assert not Person.objects.exists()


def test_confirm_needs_post(coordinator_client):
    assert coordinator_client.get(CONFIRM).status_code == 405


def test_template_has_arabic_headers_and_is_recorded(coordinator_client, coordinator_user, org):
    response = coordinator_client.get(TEMPLATE)
    assert response.status_code == 200
    workbook = read_download(response)
    sheet = workbook.worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert [c.value for c in sheet[1]] == [c.header for c in imports.COLUMNS]
    assert "بصمة أمل" in [c.value for c in workbook["المنظمات"]["A"]]
    assert any(dv.formula1 == '"أنثى,ذكر"' for dv in sheet.data_validations.dataValidation)
    record = ExportRecord.objects.get()
    assert (record.kind, record.user) == (ExportKind.IMPORT_TEMPLATE, coordinator_user)


def test_the_filled_template_imports(coordinator_client, org):
    """The template as downloaded, filled in and uploaded, is read without a change of headers."""
    import io

    workbook = read_download(coordinator_client.get(TEMPLATE))
    workbook.worksheets[0].append(["ريم السالم", "أنثى", "بصمة أمل", "منسقة", "+963 944 000111"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    post_file(coordinator_client, buffer.getvalue())
    assert [r.status for r in coordinator_client.get(PREVIEW).context["plan"].rows] == ["new"]


def test_upload_preview_confirm(coordinator_client, coordinator_user, org):
    PersonFactory(full_name="هدى العلي", organization=org, gender=Gender.FEMALE, position="")
    PersonFactory(full_name="عمر الخلف", organization=org, gender=Gender.MALE, position="مدير")
    rows = [
        ["هدى العلي", "أنثى", "بصمة أمل", "محاسبة"],
        ["عمر الخلف", "ذكر", "بصمه امل", "مدير"],
        ["سلمى الحسن", "أنثى", "بصمة أمل", "متطوعة"],
    ]
    response = post_file(coordinator_client, xlsx_bytes(rows))
    assert response.status_code == 302 and response["Location"] == PREVIEW
    preview = coordinator_client.get(PREVIEW)
    html = preview.content.decode()
    assert preview.context["counts"] == {"new": 1, "update": 1, "unchanged": 1, "invalid": 0}
    assert "سلمى الحسن" in html and "محاسبة" in html and "تأكيد وحفظ" in html
    assert Person.objects.count() == 2  # the preview saved nothing
    response = confirm(coordinator_client)
    assert response.status_code == 302 and response["Location"] == reverse("organizations:person_list")
    assert Person.objects.count() == 3
    assert Person.objects.get(full_name="هدى العلي").position == "محاسبة"
    assert Person.objects.get(full_name="سلمى الحسن").created_by == coordinator_user
    record = ExportRecord.objects.get(kind=ExportKind.IMPORT)
    assert record.rows == 3 and record.filters["created"] == 1 and record.filters["updated"] == 1
    # A made-up token confirms nothing.
    assert coordinator_client.post(CONFIRM, {"token": "x"}).status_code == 302
    assert Person.objects.count() == 3


def test_invalid_rows_block_everything(coordinator_client, org):
    rows = [
        ["سلمى الحسن", "أنثى", "بصمة أمل"],
        ["خالد", "ذكر", "منظمة لا وجود لها"],
        ["سلمى الحسن", "أنثى", "بصمه امل"],
    ]
    post_file(coordinator_client, xlsx_bytes(rows))
    preview = coordinator_client.get(PREVIEW)
    html = preview.content.decode()
    assert preview.context["counts"] == {"new": 1, "update": 0, "unchanged": 0, "invalid": 2}
    assert "لا توجد منظمة اسمها «منظمة لا وجود لها»" in html
    assert "الشخص نفسه في الصف 2 من هذا الملف" in html
    assert "تأكيد وحفظ" not in html
    response = confirm(coordinator_client)
    assert response["Location"] == PREVIEW
    assert not Person.objects.exists()


def test_confirm_refuses_when_the_database_changed(coordinator_client, org):
    post_file(coordinator_client, xlsx_bytes([["سلمى الحسن", "أنثى", "بصمة أمل", "متطوعة"]]))
    preview = coordinator_client.get(PREVIEW)
    token, digest = preview.context["state"]["token"], preview.context["plan"].digest
    PersonFactory(full_name="سلمى الحسن", organization=org, gender=Gender.FEMALE, position="")  # meanwhile
    response = coordinator_client.post(CONFIRM, {"token": token, "digest": digest})
    assert response["Location"] == PREVIEW
    assert Person.objects.get().position == ""


def test_a_failure_while_saving_saves_nothing(coordinator_client, org, monkeypatch):
    post_file(coordinator_client, xlsx_bytes([["سلمى", "أنثى", "بصمة أمل"], ["ريم", "أنثى", "بصمة أمل"]]))
    saves = []
    original = Person.save

    def failing_save(self, *args, **kwargs):
        saves.append(self)
        if len(saves) == 2:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Person, "save", failing_save)
    with pytest.raises(RuntimeError):
        confirm(coordinator_client)
    assert not Person.objects.exists()


def test_default_organisation_for_a_list_without_that_column(coordinator_client, org):
    content = xlsx_bytes([["سلمى الحسن", "أنثى"]], headers=["الاسم الكامل", "الجنس"])
    response = post_file(coordinator_client, content, organization=org.pk)
    assert response.status_code == 302
    confirm(coordinator_client)
    assert Person.objects.get().organization == org


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just,some,csv\n", "هذا ليس ملف Excel"),
        (b"PK\x03\x04broken", "تعذّرت قراءة الملف"),
        (xlsx_bytes([], headers=["الاسم الكامل"]), "أعمدة ناقصة"),
        (xlsx_bytes([]), "لا يوجد تحته أي متدرب"),
    ],
)
def test_bad_files_are_explained_and_nothing_is_kept(coordinator_client, content, message):
    response = post_file(coordinator_client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "excel_import" not in coordinator_client.session
    assert not Person.objects.exists()


def test_an_empty_upload_is_refused(coordinator_client):
    response = post_file(coordinator_client, b"")
    assert response.status_code == 200 and response.context["form"].errors["file"]


def test_too_large_a_file_states_the_limit(coordinator_client):
    response = post_file(coordinator_client, b"PK\x03\x04" + b"\0" * (imports.MAX_UPLOAD_BYTES + 1))
    assert "الحد الأقصى المقبول 2.0" in response.content.decode()


def test_preview_without_an_upload_goes_back(coordinator_client):
    response = coordinator_client.get(PREVIEW)
    assert response.status_code == 302 and response["Location"] == UPLOAD


def test_cancel_forgets_the_upload(coordinator_client, org):
    post_file(coordinator_client, xlsx_bytes([["سلمى", "أنثى", "بصمة أمل"]]))
    assert coordinator_client.post(CANCEL).status_code == 302
    assert coordinator_client.get(PREVIEW)["Location"] == UPLOAD
    assert not Person.objects.exists()


def test_upload_page_in_english(coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    html = coordinator_client.get(UPLOAD).content.decode()
    assert "Import trainees from Excel" in html and "الاسم الكامل" in html


def test_a_second_confirm_says_already_imported_and_saves_nothing(coordinator_client, org):
    """A double click or a resend of the confirm (issue 13): one set of people, and a page that says so."""
    coordinator_client.cookies["django_language"] = "en"
    post_file(coordinator_client, xlsx_bytes([["سلمى الحسن", "أنثى", "بصمة أمل"], ["ريم", "أنثى", "بصمة أمل"]]))
    preview = coordinator_client.get(PREVIEW)
    data = {"token": preview.context["state"]["token"], "digest": preview.context["plan"].digest}
    assert coordinator_client.post(CONFIRM, data).status_code == 302
    again = coordinator_client.post(CONFIRM, data)
    assert again.status_code == 200 and Person.objects.count() == 2
    html = again.content.decode()
    assert "was already imported" in html and "2 new, 0 updated" in html
    assert f"{reverse('organizations:person_list')}?organization={org.pk}" in html
    assert org.get_absolute_url() in html
    assert ExportRecord.objects.filter(kind=ExportKind.IMPORT).count() == 1


def test_another_users_token_confirms_nothing(coordinator_client, org):
    from core.roles import COORDINATOR
    from tests.factories import UserFactory

    post_file(coordinator_client, xlsx_bytes([["سلمى الحسن", "أنثى", "بصمة أمل"]]))
    preview = coordinator_client.get(PREVIEW)
    data = {"token": preview.context["state"]["token"], "digest": preview.context["plan"].digest}
    coordinator_client.force_login(UserFactory(username="other", role=COORDINATOR))
    assert coordinator_client.post(CONFIRM, data)["Location"] == UPLOAD
    assert not Person.objects.exists()


def test_the_file_is_read_once_per_upload(coordinator_client, org, monkeypatch):
    """The preview and the confirm use the rows kept at the upload; dates survive the keeping."""
    import datetime

    post_file(
        coordinator_client, xlsx_bytes([["سلمى الحسن", "أنثى", "بصمة أمل", "", "", "", datetime.date(1990, 5, 1)]])
    )

    def no_second_read(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(imports, "read_rows", no_second_read)
    confirm(coordinator_client)
    assert Person.objects.get().birth_year == 1990
