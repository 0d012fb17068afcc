import pytest
from django.urls import reverse

from core.roles import STAFF
from organizations.models import Person
from tests.factories import OrganizationFactory, PersonFactory, RegionFactory, UserFactory

LIST = reverse("organizations:person_list")
CREATE = reverse("organizations:person_create")


@pytest.fixture
def org(db):
    return OrganizationFactory(name_ar="بصمة أمل", region=RegionFactory(name_ar="ريف دير الزور"))


def person_data(org, **extra):
    data = {"full_name": "أسماء الخلف", "gender": "f", "organization": org.pk, "phone": "+963 944 111222"}
    data.update(extra)
    return data


def test_staff_adds_a_person(staff_client, org):
    response = staff_client.post(CREATE, person_data(org))
    person = Person.objects.get()
    assert response.status_code == 302 and person.created_by.username == "staff"
    assert person.search_name == "اسماء الخلف"


def test_namesake_in_same_organisation_warns_before_saving(staff_client, org):
    PersonFactory(full_name="أسماء الخلف", organization=org)
    warned = staff_client.post(CREATE, person_data(org, full_name="اسماء الخلف"))
    assert warned.status_code == 200
    html = warned.content.decode()
    assert "يوجد شخص مسجّل بهذا الاسم" in html and "confirm_duplicate" in html
    assert Person.objects.count() == 1
    confirmed = staff_client.post(CREATE, person_data(org, full_name="اسماء الخلف", confirm_duplicate="on"))
    assert confirmed.status_code == 302 and Person.objects.count() == 2


def test_namesake_in_another_organisation_is_fine(staff_client, org):
    PersonFactory(full_name="أسماء الخلف")
    assert staff_client.post(CREATE, person_data(org)).status_code == 302


def test_editing_a_person_is_not_a_duplicate_of_itself(staff_client, org):
    person = PersonFactory(full_name="أسماء الخلف", organization=org)
    url = reverse("organizations:person_update", args=[person.pk])
    assert staff_client.post(url, person_data(org, position="منسقة")).status_code == 302


def test_bad_input_is_refused_in_arabic(staff_client, org):
    response = staff_client.post(CREATE, person_data(org, gender="x", birth_year="3000", full_name="ريم"))
    assert response.status_code == 200
    assert "ريم" in response.content.decode()
    assert not Person.objects.exists()


def test_list_filters(staff_client, org):
    PersonFactory(full_name="هدى الحسين", gender="f", organization=org)
    PersonFactory(full_name="عمر العلي", gender="m")
    assert [p.full_name for p in staff_client.get(LIST, {"gender": "f"}).context["object_list"]] == ["هدى الحسين"]
    assert [p.full_name for p in staff_client.get(LIST, {"organization": org.pk}).context["object_list"]] == [
        "هدى الحسين"
    ]
    assert [p.full_name for p in staff_client.get(LIST, {"region": org.region_id}).context["object_list"]] == [
        "هدى الحسين"
    ]
    assert [p.full_name for p in staff_client.get(LIST, {"q": "هدي"}).context["object_list"]] == ["هدى الحسين"]
    by_name = staff_client.get(LIST, {"organization": "بصمه امل"}).context["object_list"]
    assert [p.full_name for p in by_name] == ["هدى الحسين"]


def test_list_query_count_does_not_grow(staff_client, org, django_assert_max_num_queries):
    PersonFactory.create_batch(3, organization=org)
    with django_assert_max_num_queries(10) as few:
        staff_client.get(LIST)
    PersonFactory.create_batch(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(LIST)


def test_personal_data_only_for_those_who_may_change_people(client, org):
    person = PersonFactory(organization=org, phone="+963 999 000111")
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(*_perms("view_person", "view_organization"))
    client.force_login(viewer)
    assert "000111" not in client.get(person.get_absolute_url()).content.decode()
    assert "000111" not in client.get(LIST).content.decode()
    client.force_login(UserFactory(username="s2", role=STAFF))
    assert "000111" in client.get(person.get_absolute_url()).content.decode()


def _perms(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename__in=codenames)


def test_organisation_with_people_cannot_be_deleted(admin_client_role, org):
    PersonFactory(organization=org)
    url = reverse("admin:organizations_organization_delete", args=[org.pk])
    page = admin_client_role.get(url).content.decode()
    assert "Person" in page or "شخص" in page or "الأشخاص" in page
    admin_client_role.post(url, {"post": "yes"})
    assert Person.objects.filter(organization=org).exists()
    assert type(org).objects.filter(pk=org.pk).exists()
