"""Random workbooks never break the trainee import: a plan or a clear refusal, all or nothing."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from organizations.imports import COLUMNS, FileRejected, apply_plan, build_plan, read_rows
from organizations.models import Person
from tests.factories import OrganizationFactory, UserFactory

TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
        st.sampled_from(["=", "+", "-", "@", "\u202e", "\u200f", " "]),
    ),
    max_size=60,
)
CELL = st.one_of(st.none(), TEXT, st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False))


def workbook(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([column.header for column in COLUMNS])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("list.xlsx", out.getvalue())


class ImportProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganizationFactory(name_ar="بصمة أمل")
        cls.user = UserFactory(username="importer")

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        rows=st.lists(
            st.tuples(
                st.one_of(TEXT, st.just("ريم الخلف")),
                st.sampled_from(["f", "m", "امرأة", "رجل", "x", "", None]),
                st.sampled_from(["بصمه امل", "بصمة أمل", "لا وجود لها", None]),
                CELL,
                CELL,
                CELL,
                st.one_of(CELL, st.integers(1900, 2030)),
                CELL,
                CELL,
                CELL,
            ),
            min_size=1,
            max_size=8,
        )
    )
    def test_any_workbook_gives_a_plan_or_a_refusal_and_saves_all_or_nothing(self, rows):
        before = Person.objects.count()
        try:
            plan = build_plan(read_rows(workbook([list(r) for r in rows])))
        except FileRejected as refusal:
            assert str(refusal)
            assert Person.objects.count() == before
            return
        assert Person.objects.count() == before  # the preview saves nothing
        assert len(plan.rows) == len(rows)
        for result in plan.rows:
            if result.status == "invalid":
                assert result.errors  # every invalid row says why
        if plan.is_valid:
            created, _updated = apply_plan(plan, self.user)
            assert Person.objects.count() == before + created
