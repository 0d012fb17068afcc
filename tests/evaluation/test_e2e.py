"""A trainee's phone, no account, in real Chromium: the short link, her name, her feedback and her
post-test; then the staff's page counts them. With SCREENSHOTS=<dir>, the pages are photographed
in Arabic and English at 360 and 1366 px."""

import os

import pytest

from core.roles import STAFF
from evaluation import tallies, writes
from evaluation.models import FeedbackQuestion, FeedbackResponse
from evaluation.models import TestResult as Result
from tests.e2e.conftest import PHONE, login
from tests.evaluation.conftest import answer_url, make_test
from tests.factories import (
    EnrollmentFactory,
    OrganizationFactory,
    PersonFactory,
    ScoreFactory,
    UserFactory,
    WorkshopFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOTS")
WIDE = {"width": 1366, "height": 900}


def _world():
    UserFactory(username="huda", role=STAFF)
    workshop = WorkshopFactory(title="جمع التبرعات والحصول على التمويل")
    organization = OrganizationFactory(name_ar="نبض")
    people = [
        PersonFactory(full_name=n, organization=organization) for n in ("رؤى علي الجاسم", "فاطمة الأحمد", "يوسف الموسى")
    ]
    enrollments = [EnrollmentFactory(workshop=workshop, person=p) for p in people]
    make_test(workshop, questions=3)
    ScoreFactory(enrollment=enrollments[0], stage="pre", score=1, max_score=3)
    tallies.recount([workshop.pk])
    return workshop, enrollments


def _open(page, live_server, workshop, kind):
    page.goto(f"{live_server.url}/evaluation/workshops/{workshop.pk}/")
    page.select_option("select[name=kind]", kind)
    page.click(".open-link-form button[type=submit]")
    page.wait_for_selector(".link-text a")
    return page.locator(".link-text a").first.get_attribute("href")


def test_a_trainee_answers_on_her_phone_and_staff_see_it_counted(new_page, live_server):
    workshop, enrollments = _world()
    staff = new_page(viewport=WIDE)
    login(staff, live_server, "huda")
    feedback_url = _open(staff, live_server, workshop, "feedback")
    assert feedback_url.startswith(live_server.url + "/e/")

    phone = new_page(viewport=PHONE)  # no login
    phone.goto(feedback_url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.select_option("select[name=who]", str(enrollments[0].pk))
    for question in FeedbackQuestion.objects.filter(kind="rating"):
        phone.click(f"label[for=id_q{question.pk}_3]")  # 4 of 5
    phone.fill("textarea", "مفيدة جداً")
    phone.click("#answer-form button[type=submit]")
    phone.wait_for_url("**/done/")
    assert FeedbackResponse.objects.filter(enrollment=enrollments[0]).count() == 1

    # The same trainee's post-test, through its own link.
    staff.locator("form[action$='/close/'] button").first.click()
    staff.wait_for_load_state()
    test_url = _open(staff, live_server, workshop, "post")
    phone.goto(test_url)
    phone.select_option("select[name=who]", str(enrollments[0].pk))
    for fieldset in phone.locator("fieldset.test-question").all():
        fieldset.locator("input[type=radio]").first.check()  # the right answer is the first
    phone.click("#answer-form button[type=submit]")
    phone.wait_for_url("**/done/")
    assert Result.objects.get(enrollment=enrollments[0], stage="post").percent == 100

    staff.goto(f"{live_server.url}/evaluation/workshops/{workshop.pk}/")
    assert staff.locator("#satisfaction").inner_text() == "4.0"
    assert staff.locator("#average-gain").inner_text() == "+66.7"
    staff.goto(f"{live_server.url}{workshop.get_absolute_url()}")
    assert "4.0" in staff.locator("#evaluation").inner_text()

    if SHOTS:
        _screenshots(new_page, live_server, workshop, test_url)


def _screenshots(new_page, live_server, workshop, test_url):
    feedback_url = live_server.url + answer_url(writes.open_link(workshop, "feedback", 2, None)[0])
    for language in ("ar", "en"):
        for name, viewport in (("360", PHONE), ("1366", WIDE)):
            page = new_page(viewport=viewport, locale=language)
            for shot, url in (("test", test_url), ("feedback", feedback_url)):
                page.goto(url)
                page.screenshot(path=f"{SHOTS}/{shot}-{language}-{name}.png", full_page=True)
            page.goto(f"{live_server.url}/evaluation/workshops/{workshop.pk}/")  # anonymous: the login page
            login(page, live_server, "huda")
            staff_pages = {
                "evaluation": f"/evaluation/workshops/{workshop.pk}/",
                "workshop": workshop.get_absolute_url(),
                "scores": f"/evaluation/workshops/{workshop.pk}/scores/",
            }
            for shot, path in staff_pages.items():
                page.goto(f"{live_server.url}{path}")
                page.screenshot(path=f"{SHOTS}/{shot}-{language}-{name}.png", full_page=True)
