"""Random, long, mixed-direction and control-character input never breaks the forms."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from organizations.forms import OrganizationForm, PersonForm
from organizations.models import Organization, Person
from tests.factories import OrganizationFactory, RegionFactory

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ANY_TEXT = st.text(
    st.one_of(ARABIC, st.characters(codec="utf-8"), st.sampled_from(["\u202e", "\u200f", "\x00", "\r", "\t", "="])),
    max_size=400,
)
ODD_NUMBER = st.one_of(st.integers(-(10**12), 10**12).map(str), ANY_TEXT)


class OrganizationFormProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.region = RegionFactory()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(name=ANY_TEXT, year=ODD_NUMBER, email=ANY_TEXT, phone=ANY_TEXT)
    def test_organisation_form_saves_valid_input_or_reports_errors(self, name, year, email, phone):
        data = {"name_ar": name, "region": self.region.pk, "founded_year": year, "email": email, "phone": phone}
        data["registration_status"] = "registered"
        form = OrganizationForm(data)
        before = Organization.objects.count()
        if form.is_valid():
            form.save()
            assert Organization.objects.count() == before + 1
        else:
            assert form.errors
            assert Organization.objects.count() == before


class PersonFormProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganizationFactory()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(name=ANY_TEXT, gender=st.sampled_from(["f", "m", "x", ""]), year=ODD_NUMBER, notes=ANY_TEXT)
    def test_person_form_saves_valid_input_or_reports_errors(self, name, gender, year, notes):
        data = {"full_name": name, "gender": gender, "organization": self.org.pk, "birth_year": year, "notes": notes}
        form = PersonForm(data)
        before = Person.objects.count()
        if form.is_valid():
            person = form.save()
            assert person.search_name == person.search_name.strip()
        else:
            assert form.errors
            assert Person.objects.count() == before


@pytest.mark.django_db
def test_a_nul_character_is_refused_not_a_500(staff_client):
    org = OrganizationFactory()
    response = staff_client.post(
        "/organizations/people/new/", {"full_name": "ريم\x00", "gender": "f", "organization": org.pk}
    )
    assert response.status_code == 200
    assert not Person.objects.exists()
