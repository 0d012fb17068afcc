"""Names are found the way people type them: no hamza, no diacritics, ه for ة."""

import pytest

from organizations.arabic import normalize
from organizations.models import Organization, Person
from organizations.search import search
from tests.factories import OrganizationFactory, PersonFactory


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("احمد", "أحمد"),
        ("محمد", "مُحَمَّد"),
        ("موسسه", "مؤسسة"),
        ("اسماء", "إسماء"),
        ("القران", "القرآن"),
        ("مصطفي", "مصطفى"),
        ("هيئه", "هيـــئة"),
        ("رييس", "رئيس"),
        ("Tabqa", "TABQA"),
    ],
)
def test_normalize_folds_spellings(typed, stored):
    assert normalize(typed) == normalize(stored)


def test_normalize_keeps_distinct_letters_distinct():
    assert normalize("سام") != normalize("شام")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "name"),
    [("احمد", "أحمد الخلف"), ("محمد", "مُحَمَّد العلي"), ("خلف احمد", "أحمد الخلف"), ("هدي", "هدى الحسين")],
)
def test_people_are_found_without_hamza_or_diacritics(typed, name):
    person = PersonFactory(full_name=name)
    PersonFactory(full_name="سارة الموسى")
    assert list(search(Person.objects.all(), typed)) == [person]


@pytest.mark.django_db
def test_organisation_found_by_any_of_its_names():
    org = OrganizationFactory(name_ar="مؤسسة الاستجابة الميدانية", name_en="Field Response", short_name="FR")
    OrganizationFactory(name_ar="ماري")
    for typed in ("موسسه", "الاستجابه", "field resp", "FR"):
        assert list(search(Organization.objects.all(), typed)) == [org], typed


@pytest.mark.django_db
def test_empty_search_returns_everything():
    PersonFactory.create_batch(3)
    assert search(Person.objects.all(), "  ").count() == 3


@pytest.mark.django_db
def test_one_letter_off_on_postgresql(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram similarity is a PostgreSQL extra")
    person = PersonFactory(full_name="عبد الرحمن الجاسم")
    assert person in search(Person.objects.all(), "الجاسن")
