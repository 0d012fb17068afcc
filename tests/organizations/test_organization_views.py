import pytest
from django.urls import reverse

from organizations.models import Organization
from tests.factories import OrganizationFactory, PersonFactory, RegionFactory

LIST = reverse("organizations:organization_list")
CREATE = reverse("organizations:organization_create")


@pytest.fixture
def region(db):
    return RegionFactory(name_ar="الرقة", name_en="Raqqa")


def form_data(region, **extra):
    data = {"name_ar": "منظمة الأمل", "name_en": "Hope", "region": region.pk, "registration_status": "registered"}
    data.update(extra)
    data["active"] = "on"
    return data


def test_list_shows_organisations_with_people_counts(staff_client, region):
    org = OrganizationFactory(name_ar="توتول", region=region)
    PersonFactory.create_batch(2, organization=org)
    html = staff_client.get(LIST).content.decode()
    assert "توتول" in html and "الرقة" in html
    assert "إضافة منظمة" not in html  # staff may not add organisations


def test_list_filters_by_region_search_and_status(staff_client, region):
    other = RegionFactory(name_ar="الطبقة")
    OrganizationFactory(name_ar="نبض", region=region)
    OrganizationFactory(name_ar="ماري", region=other)
    OrganizationFactory(name_ar="سام", region=region, active=False)
    assert list(staff_client.get(LIST, {"region": other.pk}).context["object_list"]) == [
        Organization.objects.get(name_ar="ماري")
    ]
    assert [o.name_ar for o in staff_client.get(LIST, {"q": "نبض"}).context["object_list"]] == ["نبض"]
    assert [o.name_ar for o in staff_client.get(LIST, {"active": "0"}).context["object_list"]] == ["سام"]


def test_list_paginates(staff_client, region):
    OrganizationFactory.create_batch(30, region=region)
    first = staff_client.get(LIST)
    assert len(first.context["object_list"]) == 25
    assert len(staff_client.get(LIST, {"page": 2}).context["object_list"]) == 5


def test_list_query_count_does_not_grow(staff_client, region, django_assert_max_num_queries):
    OrganizationFactory.create_batch(3, region=region)
    with django_assert_max_num_queries(8) as few:
        staff_client.get(LIST)
    OrganizationFactory.create_batch(22, region=region, branch_of=Organization.objects.first())
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(LIST)


def test_coordinator_creates_an_organisation(coordinator_client, region):
    response = coordinator_client.post(CREATE, form_data(region))
    org = Organization.objects.get(name_ar="منظمة الأمل")
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    page = coordinator_client.get(org.get_absolute_url()).content.decode()
    assert "تم حفظ المنظمة" in page


def test_bad_input_keeps_what_was_typed_and_saves_nothing(coordinator_client, region):
    response = coordinator_client.post(CREATE, form_data(region, founded_year="1850", email="not-an-email"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "منظمة الأمل" in html and "not-an-email" in html
    assert "يرجى تصحيح الأخطاء" in html
    assert not Organization.objects.exists()


def test_duplicate_name_is_refused(coordinator_client, region):
    OrganizationFactory(name_ar="منظمة الأمل", region=region)
    response = coordinator_client.post(CREATE, form_data(region))
    assert response.status_code == 200 and Organization.objects.count() == 1


def test_staff_may_not_create_or_edit(staff_client, region):
    org = OrganizationFactory(region=region)
    assert staff_client.get(CREATE).status_code == 403
    assert staff_client.post(CREATE, form_data(region)).status_code == 403
    assert staff_client.get(reverse("organizations:organization_update", args=[org.pk])).status_code == 403


def test_edit_a_branch(coordinator_client, region):
    parent = OrganizationFactory(name_ar="آشنا", region=region)
    branch = OrganizationFactory(name_ar="آشنا فرع دير الزور", region=region)
    url = reverse("organizations:organization_update", args=[branch.pk])
    coordinator_client.post(url, form_data(region, name_ar=branch.name_ar, branch_of=parent.pk))
    branch.refresh_from_db()
    assert branch.branch_of == parent
    assert "آشنا فرع دير الزور" in coordinator_client.get(parent.get_absolute_url()).content.decode()


def test_detail_lists_people_and_unknown_id_is_404(staff_client, region):
    org = OrganizationFactory(region=region)
    PersonFactory(organization=org, full_name="ريم السالم")
    assert "ريم السالم" in staff_client.get(org.get_absolute_url()).content.decode()
    assert staff_client.get(reverse("organizations:organization_detail", args=[999999])).status_code == 404


def test_english_page(staff_client, region):
    OrganizationFactory(name_ar="نبض", name_en="Nabd", region=region)
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get(LIST).content.decode()
    assert 'dir="ltr"' in html and "Nabd" in html and "Organisations" in html
