import datetime

import pytest
from django.urls import reverse

from core import panels
from services.comparison import project_change
from services.models import AssessmentScore, CapacityArea, NeedsAssessment
from tests.factories import NeedsAssessmentFactory, OrganizationFactory, ProjectFactory
from tests.services.access import assert_open_to_staff

pytestmark = pytest.mark.django_db


def areas():
    return list(CapacityArea.objects.all())


def assessment_post(org, day="2020-08-15", scores=None, **change):
    data = {"organization": org.pk, "date": day, "assessed_by": "فريق المركز", "note": ""}
    for n, area in enumerate(areas()):
        data[f"score_{area.pk}"] = str(scores[n] if scores else 3)
        data[f"note_{area.pk}"] = f"ملاحظة {n}"
    return data | change


def test_the_nine_capacity_areas_are_seeded_in_arabic_and_english():
    found = areas()
    assert len(found) == 9
    assert found[0].name_ar == "الحوكمة" and found[0].name_en == "Governance"
    assert found[-1].name_en == "Reporting"


@pytest.mark.parametrize(
    "name,needs_object",
    [
        ("services:assessment_list", False),
        ("services:assessment_create", False),
        ("services:assessment_detail", True),
        ("services:assessment_update", True),
    ],
)
def test_access(client, outsider_user, staff_user, coordinator_user, name, needs_object):
    assessment = NeedsAssessmentFactory(scores=3)
    url = reverse(name, args=[assessment.pk] if needs_object else [])
    assert_open_to_staff(client, url, outsider_user, staff_user, coordinator_user)
    if needs_object:
        assert client.get(reverse(name, args=[999999])).status_code == 404


def test_an_assessment_is_entered_on_one_page(staff_client):
    org = OrganizationFactory()
    scores = [1, 2, 3, 4, 5, 1, 2, 3, 4]
    response = staff_client.post(reverse("services:assessment_create"), assessment_post(org, scores=scores))
    assessment = NeedsAssessment.objects.get()
    assert response.status_code == 302 and response.url == assessment.get_absolute_url()
    saved = list(assessment.scores.order_by("area__order").values_list("score", flat=True))
    assert saved == scores
    assert assessment.scores.get(area__code="governance").note == "ملاحظة 0"
    page = staff_client.get(assessment.get_absolute_url()).content.decode()
    assert "الحوكمة" in page and "2.8" in page  # average of the nine


def test_editing_changes_the_scores_without_duplicating_them(staff_client):
    assessment = NeedsAssessmentFactory(scores=2)
    data = assessment_post(assessment.organization, scores=[4] * 9)
    assert staff_client.post(reverse("services:assessment_update", args=[assessment.pk]), data).status_code == 302
    assert AssessmentScore.objects.count() == 9
    assert set(assessment.scores.values_list("score", flat=True)) == {4}


@pytest.mark.parametrize("bad", ["0", "6", "-1", "3.5", "", "ثلاثة"])
def test_a_score_outside_1_to_5_saves_nothing(staff_client, bad):
    org = OrganizationFactory()
    data = assessment_post(org)
    data[f"score_{areas()[4].pk}"] = bad
    response = staff_client.post(reverse("services:assessment_create"), data)
    assert response.status_code == 200
    assert "أعطِ درجة من 1 إلى 5" in response.content.decode()
    assert 'value="فريق المركز"' in response.content.decode()  # typed text kept
    assert not NeedsAssessment.objects.exists() and not AssessmentScore.objects.exists()


def test_the_database_refuses_a_score_outside_1_to_5():
    from django.db import IntegrityError, transaction

    assessment = NeedsAssessmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentScore.objects.create(assessment=assessment, area=areas()[0], score=7)


def test_two_assessments_of_one_organisation_on_one_day_are_refused(staff_client):
    existing = NeedsAssessmentFactory(scores=3)
    data = assessment_post(existing.organization, day=existing.date.isoformat())
    response = staff_client.post(reverse("services:assessment_create"), data)
    assert response.status_code == 200
    assert "لهذه المنظمة تقييم مسجّل في هذا التاريخ" in response.content.decode()
    assert NeedsAssessment.objects.count() == 1


def test_the_organisation_page_shows_assessments_side_by_side_with_the_change(staff_client):
    org = OrganizationFactory()
    NeedsAssessmentFactory(organization=org, date=datetime.date(2020, 8, 15), scores=[1, 2, 2, 2, 2, 2, 2, 2, 2])
    NeedsAssessmentFactory(organization=org, date=datetime.date(2020, 12, 20), scores=[3, 2, 1, 2, 2, 2, 2, 2, 2])
    response = staff_client.get(org.get_absolute_url())
    page = response.content.decode()
    assert "تقييم الاحتياجات" in page
    assert "15 آب 2020" in page and "20 كانون الأول 2020" in page
    assert "+2" in page and "−1" in page  # governance up two, financial management down one
    assert "+0.1" in page  # the average: (18 - 17) / 9


def test_project_panel_shows_the_average_change_of_organisations_assessed_in_it(staff_client):
    # ProjectFactory's project runs from 1 August to 31 December 2020.
    project = ProjectFactory(name_ar="مشروع بناء قدرات المنظمات المحلية", code="CB-2020")
    a, b, once, outside = OrganizationFactory.create_batch(4)
    NeedsAssessmentFactory(organization=a, date=datetime.date(2020, 8, 15), scores=2)
    NeedsAssessmentFactory(organization=a, date=datetime.date(2020, 10, 1), scores=5)  # neither first nor last
    NeedsAssessmentFactory(organization=a, date=datetime.date(2020, 12, 20), scores=3)
    NeedsAssessmentFactory(organization=b, date=datetime.date(2020, 8, 20), scores=1)
    NeedsAssessmentFactory(organization=b, date=datetime.date(2020, 12, 10), scores=4)
    NeedsAssessmentFactory(organization=once, date=datetime.date(2020, 9, 1), scores=1)
    NeedsAssessmentFactory(organization=outside, date=datetime.date(2021, 3, 1), scores=5)
    NeedsAssessmentFactory(organization=outside, date=datetime.date(2020, 1, 1), scores=1)

    result = project_change(project)
    assert result["compared"] == 2
    assert result["average_change"] == pytest.approx(2.0)  # a: +1, b: +3
    assert result["before"] == pytest.approx(1.5) and result["after"] == pytest.approx(3.5)
    assert {o.organization for o in result["organizations"]} == {a, b, once}
    assert all(change == pytest.approx(2.0) for _, change, _ in result["areas"])

    request = staff_client.get(reverse("services:assessment_list")).wsgi_request
    html = "".join(panels.render("project", request, project))
    assert "متوسط التغيّر" in html and "+2.0" in html
    assert "تُحسب المنظمات التي لها تقييم احتياجات مؤرَّخ ضمن مدة المشروع" in html  # the rule is stated
    assert "لم يُعَد تقييمها" in html


def test_project_panel_with_no_assessments_says_so(staff_client):
    project = ProjectFactory(name_ar="مشروع", code="P-1")
    request = staff_client.get(reverse("services:assessment_list")).wsgi_request
    html = "".join(panels.render("project", request, project))
    assert "لا توجد بعد منظمة لها تقييم احتياجات ضمن مدة المشروع" in html


def test_list_queries_do_not_grow(staff_client, django_assert_max_num_queries):
    for n in range(30):
        NeedsAssessmentFactory(date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n), scores=3)
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("services:assessment_list"))
    assert len(response.context["object_list"]) == 25
    assert "3.0" in response.content.decode()


def test_organisation_page_queries_do_not_grow_with_assessments(staff_client, django_assert_max_num_queries):
    org = OrganizationFactory()
    url = org.get_absolute_url()
    NeedsAssessmentFactory(organization=org, date=datetime.date(2020, 1, 1), scores=3)
    with django_assert_max_num_queries(30) as few:
        staff_client.get(url)
    for n in range(1, 6):
        NeedsAssessmentFactory(organization=org, date=datetime.date(2020, 2, n), scores=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url)


def test_the_project_page_shows_the_average_change(staff_client):
    project = ProjectFactory(name_ar="مشروع بناء قدرات المنظمات المحلية", code="CB-2020")
    org = OrganizationFactory(name_ar="نبض")
    NeedsAssessmentFactory(organization=org, date=datetime.date(2020, 8, 15), scores=2)
    NeedsAssessmentFactory(organization=org, date=datetime.date(2020, 12, 20), scores=4)
    page = staff_client.get(project.get_absolute_url()).content.decode()
    assert "قدرات المنظمات: متوسط التغيّر" in page and "+2.0" in page and "نبض" in page
