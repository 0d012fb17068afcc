"""Reading and checking a trainee list: every kind of bad file, and the plan of each row."""

import io
import zipfile

import pytest

from organizations import imports
from organizations.models import Gender, Person
from tests.excel.helpers import HEADERS, upload, xlsx_bytes
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory(name_ar="بصمة أمل", name_en="Basmat Amal", short_name="بصمة")


def plan_of(rows, **kwargs):
    return imports.build_plan(imports.read_rows(upload(xlsx_bytes(rows, **kwargs))))


class TestBadFiles:
    def reject(self, content, name="x.xlsx", **kwargs):
        with pytest.raises(imports.FileRejected) as error:
            imports.read_rows(upload(content, name), **kwargs)
        return error.value.message

    def test_not_an_excel_file(self):
        assert "ليس ملف Excel" in self.reject("الاسم,الجنس\nأحمد,ذكر\n".encode(), "list.csv")

    def test_old_xls_file(self):
        assert ".xls" in self.reject(imports.OLE_MAGIC + b"\0" * 600)

    def test_corrupt_zip(self):
        content = xlsx_bytes([["أحمد", "ذكر", "بصمة أمل"]])
        assert "تالف" in self.reject(content[: len(content) // 2])

    def test_zip_that_is_not_a_workbook(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hello")
        assert "تالف" in self.reject(buffer.getvalue())

    def test_empty_file(self):
        assert "فارغ" in self.reject(b"")

    def test_empty_workbook(self):
        assert "فارغ" in self.reject(xlsx_bytes([], headers=None))

    def test_headers_without_rows(self):
        assert "لا يوجد" in self.reject(xlsx_bytes([]))

    def test_missing_columns_are_named(self):
        message = self.reject(xlsx_bytes([["أحمد"]], headers=["الاسم الكامل"]))
        assert "الجنس" in message and "المنظمة" in message and "الاسم الكامل" not in message

    def test_organisation_column_optional_with_a_default(self):
        rows = imports.read_rows(upload(xlsx_bytes([["أحمد", "ذكر"]], headers=HEADERS[:2])), organization_column=False)
        assert rows == [(2, {"full_name": "أحمد", "gender": "ذكر"})]

    def test_too_large_states_the_limit(self):
        message = self.reject(b"PK\x03\x04" + b"\0" * imports.MAX_UPLOAD_BYTES)
        assert "2.0" in message and "الحد" in message

    def test_too_many_rows(self, settings):
        rows = [[f"شخص {n}", "ذكر", "بصمة أمل"] for n in range(imports.MAX_ROWS + 1)]
        assert str(imports.MAX_ROWS) in self.reject(xlsx_bytes(rows))


class TestPlan:
    def test_headers_in_english_and_any_order(self, org):
        plan = plan_of([["Basmat Amal", "F", "Huda"]], headers=["Organisation", "Gender", "Full name"])
        assert [r.status for r in plan.rows] == ["new"]
        assert plan.rows[0].values["organization"] == org

    def test_organisation_matched_by_normalised_name(self, org):
        plan = plan_of([["هدى", "انثى", "بصمه امل"], ["سامر", "ذكر", " بصمة  أمل "]])
        assert [r.values["organization"] for r in plan.rows] == [org, org]

    def test_new_update_unchanged_invalid(self, org):
        PersonFactory(full_name="أحمد الخلف", organization=org, gender=Gender.MALE, position="مدير", phone="")
        PersonFactory(full_name="هدى العلي", organization=org, gender=Gender.FEMALE, position="", phone="")
        plan = plan_of(
            [
                ["احمد الخلف", "ذكر", "بصمة أمل", "مدير"],  # same name without hamza, nothing new
                ["هدى العلي", "أنثى", "بصمة أمل", "محاسبة"],
                ["سلمى الحسن", "أنثى", "بصمة أمل"],
                ["مجهول", "ذكر", "منظمة غير موجودة"],
                ["", "غير معروف", "بصمة أمل"],
            ]
        )
        statuses = [(r.line, r.status) for r in plan.rows]
        assert statuses == [(2, "unchanged"), (3, "update"), (4, "new"), (5, "invalid"), (6, "invalid")]
        assert [str(c[0]) for c in plan.rows[1].changes] == ["المنصب"]
        assert "منظمة غير موجودة" in plan.rows[3].errors[0]
        assert len(plan.rows[4].errors) == 2  # no name, unknown gender
        assert not plan.is_valid
        assert Person.objects.count() == 2  # a plan saves nothing

    def test_duplicates_inside_the_file(self, org):
        plan = plan_of([["سلمى الحسن", "أنثى", "بصمة أمل"], ["سلمى  الحسن", "أنثى", "بصمه امل"]])
        assert [r.status for r in plan.rows] == ["new", "invalid"]
        assert "2" in plan.rows[1].errors[0]

    def test_several_namesakes_in_the_database(self, org):
        PersonFactory.create_batch(2, full_name="سلمى الحسن", organization=org)
        plan = plan_of([["سلمى الحسن", "أنثى", "بصمة أمل"]])
        assert plan.rows[0].status == "invalid"

    def test_model_checks_in_arabic(self, org):
        plan = plan_of([["سلمى", "أنثى", "بصمة أمل", "", "", "not-an-email", 1850, "ربما"]])
        errors = " ".join(plan.rows[0].errors)
        assert "نعم أو لا" in errors
        plan = plan_of([["سلمى", "أنثى", "بصمة أمل", "", "", "not-an-email", 1850]])
        errors = " ".join(plan.rows[0].errors)
        assert "البريد الإلكتروني" in errors and "سنة الميلاد" in errors

    def test_numbers_from_excel_become_text_and_years(self, org):
        plan = plan_of([["سلمى", "أنثى", "بصمة أمل", "", 963944000111, "", 1990.0, "نعم"]])
        values = plan.rows[0].values
        assert values["phone"] == "963944000111" and values["birth_year"] == 1990 and values["has_disability"] is True

    def test_apply_saves_all_with_creator(self, org, coordinator_user):
        PersonFactory(full_name="هدى العلي", organization=org, gender=Gender.FEMALE, position="")
        plan = plan_of([["هدى العلي", "أنثى", "بصمة أمل", "محاسبة"], ['=HYPERLINK("http://x","y")', "ذكر", "بصمة"]])
        assert imports.apply_plan(plan, coordinator_user) == (1, 1)
        assert Person.objects.get(full_name="هدى العلي").position == "محاسبة"
        created = Person.objects.get(full_name__startswith="=")
        assert created.created_by == coordinator_user and created.search_name

    def test_apply_refuses_an_invalid_plan(self, org, coordinator_user):
        plan = plan_of([["سلمى", "أنثى", "بصمة أمل"], ["", "", "", " x"]])
        with pytest.raises(ValueError):
            imports.apply_plan(plan, coordinator_user)
        assert not Person.objects.exists()


def test_a_phone_typed_as_a_number_keeps_its_leading_zero(org, coordinator_user):
    rows = [["سلمى حسن", "أنثى", "بصمة أمل", "", 944123456], ["رنا علي", "أنثى", "بصمة أمل", "", "+963 944 000000"]]
    assert imports.apply_plan(plan_of(rows), coordinator_user) == (2, 0)
    phones = dict(Person.objects.values_list("full_name", "phone"))
    assert phones == {"سلمى حسن": "0944123456", "رنا علي": "+963 944 000000"}


def test_every_error_of_a_row_is_shown_at_once(org):
    plan = plan_of([["", "قطة", "بصمة أمل", "", "", "not-an-email", 1800]])
    errors = " ".join(plan.rows[0].errors)
    assert "الاسم الكامل" in errors or "full name" in errors.lower()
    assert "قطة" in errors  # the gender
    assert "1800" in errors or "سنة الميلاد" in errors  # the birth year, from the model's own check
    assert "@" in errors or "البريد" in errors  # the e-mail, from the model's own check
