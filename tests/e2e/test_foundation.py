"""A coordinator logs in, switches to English, adds an organisation, finds it without hamza."""

import pytest

from core.roles import COORDINATOR
from organizations.models import Organization
from tests.e2e.conftest import PHONE, login
from tests.factories import CentreFactory, OrganizationFactory, RegionFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_coordinator_adds_and_finds_an_organisation(new_page, live_server):
    CentreFactory()  # hers: a new organisation is registered at it, and so stays in her lists
    UserFactory(username="lina", role=COORDINATOR)
    RegionFactory(name_ar="ريف دير الزور", name_en="Rural Deir ez-Zor")
    page = new_page()
    login(page, live_server, "lina")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"

    page.goto(f"{live_server.url}/organizations/new/")
    page.fill("input[name=name_ar]", "مؤسسة أمل الفرات")
    page.select_option("select[name=region]", label="Rural Deir ez-Zor")
    page.click("form button[type=submit] >> text=Save")
    page.wait_for_url("**/organizations/*/")
    assert "saved" in page.content()
    assert Organization.objects.filter(name_ar="مؤسسة أمل الفرات").exists()

    page.goto(f"{live_server.url}/organizations/")
    page.fill("input[name=q]", "موسسه امل")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("table tbody a", has_text="مؤسسة أمل الفرات").count() == 1
    # The language chosen is remembered on the next page.
    assert page.locator("html").get_attribute("lang") == "en"


def test_pages_fit_a_phone(new_page, live_server):
    UserFactory(username="huda", role=COORDINATOR)
    OrganizationFactory.create_batch(5, name_en="An organisation with a rather long English name")
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("html").get_attribute("dir") == "rtl"
    login(page, live_server, "huda")
    for path in ("/", "/organizations/", "/organizations/people/", "/organizations/new/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    # The menu opens from its button on a phone.
    page.click("button.navbar-toggler")
    page.locator("#main-nav a", has_text="الأشخاص").click()
    page.wait_for_url("**/organizations/people/")
