"""axe-core finds no serious or critical violation on the main pages, in Arabic and English."""

import pytest

from core.roles import COORDINATOR
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import login
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


@pytest.mark.parametrize("language", ["ar", "en"])
def test_main_pages_have_no_serious_accessibility_violations(new_page, live_server, language):
    UserFactory(username="lina", role=COORDINATOR)
    person = PersonFactory(full_name="ريم السالم")
    OrganizationFactory.create_batch(3)
    page = new_page()
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
    "/reports/projects/{project}/",
    "/excel/import/",
]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_programme_pages_have_no_serious_accessibility_violations(new_page, live_server, language):

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
    page = new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    login(page, live_server, "coordinator", "coordinator-demo-2020")
    found = {}
    for path in DEMO_PAGES:
        page.goto(live_server.url + path.format(**ids))
        assert page.locator("html").get_attribute("lang") == language
        if problems := serious_violations(page, live_server):
            found[path] = problems
    assert found == {}
