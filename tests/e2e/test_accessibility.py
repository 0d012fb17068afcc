"""axe-core finds no serious or critical violation on the main pages, in Arabic and English,
on a 360 px phone and a 1280 px desktop (a table that scrolls sideways only does so on the phone)."""

import pytest

from core.roles import COORDINATOR
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import DESKTOP, PHONE, login
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/organizations/",
    "/organizations/new/",
    "/organizations/{org}/",
    "/organizations/people/",
    "/organizations/people/new/",
    "/organizations/people/{person}/",
    "/accounts/password/",
]


VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])


@VIEWPORTS
@pytest.mark.parametrize("language", ["ar", "en"])
def test_main_pages_have_no_serious_accessibility_violations(new_page, live_server, language, viewport):
    UserFactory(username="lina", role=COORDINATOR)
    person = PersonFactory(full_name="ريم السالم")
    OrganizationFactory.create_batch(3)
    page = new_page(viewport=viewport)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious_violations(page, live_server) == []
    login(page, live_server, "lina")
    found = {}
    for path in PAGES:
        page.goto(live_server.url + path.format(org=person.organization_id, person=person.pk))
        assert page.locator("html").get_attribute("lang") == language
        if problems := serious_violations(page, live_server):
            found[path] = problems
    assert found == {}


DEMO_PAGES = [
    "/trainings/projects/{project}/",
    "/trainings/workshops/{workshop}/",
    "/trainings/sessions/{session}/",
    "/coaching/",
    "/coaching/plans/{plan}/",
    "/coaching/plans/{plan}/edit/",
    "/services/centres/{centre}/week/",
    "/services/bookings/new/",
    "/reports/",
    "/reports/projects/{project}/",
    "/excel/import/",
]


@VIEWPORTS
@pytest.mark.parametrize("language", ["ar", "en"])
def test_programme_pages_have_no_serious_accessibility_violations(new_page, live_server, language, viewport):

    from capacity.programme.demo import load_demo
    from coaching.models import StrategicPlan
    from organizations.models import Centre
    from trainings.models import Project, Session, Workshop

    load_demo()
    ids = {
        "project": Project.objects.get(code="CB-2020").pk,
        "workshop": Workshop.objects.order_by("pk").first().pk,
        "session": Session.objects.order_by("pk").first().pk,
        "plan": StrategicPlan.objects.order_by("pk").first().pk,
        "centre": Centre.objects.order_by("pk").first().pk,
    }
    page = new_page(viewport=viewport)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    login(page, live_server, "coordinator", "coordinator-demo-2020")
    found = {}
    for path in DEMO_PAGES:
        page.goto(live_server.url + path.format(**ids))
        assert page.locator("html").get_attribute("lang") == language
        if problems := serious_violations(page, live_server):
            found[path] = problems
    assert found == {}


def test_the_add_button_of_a_swot_group_files_the_new_row_under_it(new_page, live_server):
    """The SWOT editor groups items by category; each group's button adds a row filed under it."""
    from coaching.models import SwotItem
    from core.roles import STAFF
    from tests.factories import StrategicPlanFactory

    plan = StrategicPlanFactory(language="en")
    SwotItem.objects.create(plan=plan, order=1, category="S", text="Trusted volunteers")

    UserFactory(username="sara", role=STAFF)
    page = new_page(viewport=PHONE)
    login(page, live_server, "sara")
    page.goto(f"{live_server.url}/coaching/plans/{plan.pk}/edit/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    total = int(page.locator("input[name=swot-TOTAL_FORMS]").input_value())
    page.locator("section.swot-W .js-add-row").click()
    assert page.locator(f"section.swot-W select[name=swot-{total}-category]").input_value() == "W"
    page.fill(f"input[name=swot-{total}-text]", "Few women on the board")
    page.click(".save-bar button[type=submit] >> nth=0")
    page.wait_for_url(f"**/coaching/plans/{plan.pk}/")
    assert plan.swot_items.filter(category="W", text="Few women on the board").exists()
    assert plan.swot_items.count() == 2
