import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from services.models import Consultation
from tests.factories import ConsultationFactory, OrganizationFactory
from tests.services.access import assert_open_to_staff

pytestmark = pytest.mark.django_db


def visit_post(org, **change):
    data = {
        "organization": org.pk,
        "kind": "legal",
        "adviser": "المحامية سلمى الحسن",
        "date": "2020-10-12",
        "topic": "ترخيص المنظمة",
        "advice": "مراجعة النظام الداخلي",
        "follow_up": "زيارة ثانية",
        "follow_up_due": "2020-11-02",
    }
    return data | change


@pytest.mark.parametrize(
    "name,needs_object",
    [
        ("services:consultation_list", False),
        ("services:consultation_create", False),
        ("services:consultation_detail", True),
        ("services:consultation_update", True),
    ],
)
def test_access(client, outsider_user, staff_user, coordinator_user, name, needs_object):
    consultation = ConsultationFactory()
    url = reverse(name, args=[consultation.pk] if needs_object else [])
    assert_open_to_staff(client, url, outsider_user, staff_user, coordinator_user)
    if needs_object:
        assert client.get(reverse(name, args=[999999])).status_code == 404


def test_recording_a_legal_visit_and_its_follow_up(staff_client, staff_user):
    org = OrganizationFactory(name_ar="العهد")
    response = staff_client.post(reverse("services:consultation_create"), visit_post(org))
    visit = Consultation.objects.get()
    assert response.status_code == 302 and response.url == visit.get_absolute_url()
    assert visit.recorded_by == staff_user and visit.get_kind_display() == "قانونية"
    # The follow-up is done later.
    data = visit_post(org, follow_up_done="on")
    assert staff_client.post(reverse("services:consultation_update", args=[visit.pk]), data).status_code == 302
    visit.refresh_from_db()
    assert visit.follow_up_done


@pytest.mark.parametrize(
    "change,message",
    [
        ({"follow_up": ""}, "اكتب ما المتابعة المطلوبة"),
        ({"follow_up_due": "2020-10-01"}, "لا يمكن أن يكون موعد المتابعة قبل الزيارة"),
        ({"kind": "magic"}, None),
        ({"date": "12/31/2020"}, None),
        ({"advice": ""}, None),
    ],
)
def test_bad_input_saves_nothing(staff_client, change, message):
    response = staff_client.post(reverse("services:consultation_create"), visit_post(OrganizationFactory(), **change))
    assert response.status_code == 200
    assert not Consultation.objects.exists()
    if message:
        assert message in response.content.decode()


def test_visits_are_listed_on_the_organisations_page(staff_client):
    org = OrganizationFactory()
    ConsultationFactory(
        organization=org, topic="دليل الإجراءات المالية", follow_up="مراجعة", follow_up_due=datetime.date(2020, 12, 14)
    )
    ConsultationFactory(topic="زيارة منظمة أخرى")
    page = staff_client.get(org.get_absolute_url()).content.decode()
    assert "زيارات الدعم" in page and "دليل الإجراءات المالية" in page
    assert "زيارة منظمة أخرى" not in page
    assert "متأخرة" in page  # due in 2020, not done


def test_an_outsider_sees_no_visits_on_an_organisation_page(client):
    # Users who may see organisations but not visits get no panel.
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_organization"))
    client.force_login(user)
    org = OrganizationFactory()
    ConsultationFactory(organization=org, topic="سري")
    page = client.get(org.get_absolute_url()).content.decode()
    assert "سري" not in page


def test_list_filters_open_follow_ups(staff_client):
    # Topics no filter label uses, so the page's own words cannot stand in for them.
    ConsultationFactory(topic="زيارة المتابعة المفتوحة", follow_up="شيء", follow_up_due=timezone.localdate())
    ConsultationFactory(topic="زيارة أغلقت متابعتها", follow_up="شيء", follow_up_done=True)
    ConsultationFactory(topic="زيارة بلا متابعة")
    page = staff_client.get(reverse("services:consultation_list"), {"follow_up": "open"}).content.decode()
    assert "زيارة المتابعة المفتوحة" in page
    assert "زيارة أغلقت متابعتها" not in page and "زيارة بلا متابعة" not in page


def test_list_queries_do_not_grow(staff_client, django_assert_max_num_queries):
    ConsultationFactory.create_batch(30)
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("services:consultation_list"))
    assert len(response.context["object_list"]) == 25


def test_one_tap_marks_the_follow_up_done(staff_client, outsider_user, client):
    visit = ConsultationFactory(follow_up="زيارة ثانية", follow_up_due=timezone.localdate())
    url = reverse("services:consultation_follow_up_done", args=[visit.pk])
    page = staff_client.get(visit.get_absolute_url()).content.decode()
    assert "تسجيل المتابعة منجزة" in page
    assert staff_client.get(url).status_code == 405  # a GET changes nothing
    assert staff_client.post(url).status_code == 302
    visit.refresh_from_db()
    assert visit.follow_up_done
    assert staff_client.post(reverse("services:consultation_follow_up_done", args=[999999])).status_code == 404
    client.force_login(outsider_user)
    assert client.post(url).status_code == 403
