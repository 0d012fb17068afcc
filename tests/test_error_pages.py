"""The 403, 404 and 500 pages speak the user's language, in the site's layout, with a way back."""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("language, words", [("ar", "هذه الصفحة غير موجودة"), ("en", "This page does not exist")])
def test_404_is_translated_with_a_way_home(client, staff_user, language, words):
    client.force_login(staff_user)
    client.cookies["django_language"] = language
    response = client.get("/organizations/people/999999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert words in html
    assert f'lang="{language}"' in html
    assert f'href="{reverse("home")}"' in html


@pytest.mark.django_db
def test_403_says_why_and_offers_a_way_back(client, outsider_user):
    client.force_login(outsider_user)
    response = client.get(reverse("organizations:person_list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "غير مسموح" in html or "لا يحق" in html
    assert f'href="{reverse("home")}"' in html


@pytest.mark.django_db
def test_500_is_translated_and_in_the_layout(settings, staff_user):
    settings.ROOT_URLCONF = "tests.error_urls"
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "حدث خطأ" in html
    assert "bootstrap" in html and f'href="{reverse("home")}"' in html
