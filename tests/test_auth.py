"""Log in, log out, change password, switch language, lock out after failures."""

import pytest

from core.roles import STAFF
from tests.factories import UserFactory

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(db):
    return UserFactory(username="hala", role=STAFF)


def post_login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.1")


@pytest.mark.django_db
def test_login_page_is_arabic_and_right_to_left_by_default(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "bootstrap.rtl.min.css" in html
    assert "تسجيل الدخول" in html


@pytest.mark.django_db
def test_language_switch_is_remembered(client, staff):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="en" dir="ltr"' in html and "bootstrap.min.css" in html and "Log in" in html
    client.force_login(staff)
    assert 'lang="en"' in client.get("/").content.decode()


def test_login_and_logout(client, staff):
    response = post_login(client, "hala", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_gives_a_message_in_arabic(client, staff):
    response = post_login(client, "hala", "wrong")
    assert response.status_code == 200
    assert "كلمة المرور" in response.content.decode()


def test_repeated_failures_lock_the_account(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "hala", "wrong")
    locked = post_login(client, "hala", PASSWORD)
    assert locked.status_code == 429
    assert "أُقفل هذا الحساب" in locked.content.decode()
    assert client.get("/").status_code == 302


def test_password_change_in_english(client, staff):
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    page = client.get("/accounts/password/")
    assert "Change password" in page.content.decode()
    bad = client.post("/accounts/password/", {"old_password": "nope", "new_password1": "x", "new_password2": "y"})
    assert bad.status_code == 200 and "incorrectly" in bad.content.decode()
    good = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Raqqa-Tabqa-2020!", "new_password2": "Raqqa-Tabqa-2020!"},
    )
    assert good.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("Raqqa-Tabqa-2020!")


def test_user_without_a_role_is_refused_pages(client, outsider_user):
    client.force_login(outsider_user)
    assert client.get("/organizations/").status_code == 403
    assert client.get("/organizations/people/").status_code == 403
