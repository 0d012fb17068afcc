"""A coach records a coaching session, edits the organisation's plan and downloads its PDF, on a phone."""

import pytest
from django.contrib.auth.models import Permission

from coaching.models import AgendaItem, CoachingSession, PlanValue, SwotItem
from tests.coaching.helpers import contains_phrase, pdf_words
from tests.e2e.conftest import PHONE, login
from tests.factories import EngagementFactory, PersonFactory, StrategicPlanFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# A transactional test may run after a flush that emptied the groups and the seeded
# agenda, so the coach gets the Staff rights of coaching directly.
COACH_PERMISSIONS = [
    "view_organization",
    "view_coachingengagement",
    "view_coachingsession",
    "add_coachingsession",
    "change_coachingsession",
    "view_strategicplan",
    "change_strategicplan",
]


def test_coach_records_a_session_edits_the_plan_and_downloads_its_pdf(new_page, live_server, tmp_path):
    vision_item, _ = AgendaItem.objects.get_or_create(
        code="vision-mission-values", defaults={"name_ar": "الرؤية والرسالة والقيم", "order": 1}
    )
    engagement = EngagementFactory(organization__name_ar="توتول", organization__name_en="Tuttul")
    coach = UserFactory(username="coach", centres=[engagement.project.centre])
    coach.user_permissions.add(*Permission.objects.filter(codename__in=COACH_PERMISSIONS))
    engagement.coaches.add(coach)
    PersonFactory(organization=engagement.organization, full_name="فاطمة الأحمد")
    plan = StrategicPlanFactory(organization=engagement.organization, engagement=engagement, vision="")
    PlanValue.objects.create(plan=plan, order=1, text="الشفافية")
    PlanValue.objects.create(plan=plan, order=2, text="المشاركة")

    page = new_page(viewport=PHONE)
    login(page, live_server, "coach")

    # 1. A session: date, hours, who took part, the agenda item covered, notes, a follow-up.
    page.goto(f"{live_server.url}/coaching/engagements/{engagement.pk}/")
    page.click("text=تسجيل جلسة")
    page.fill("input[name=date]", "2020-10-04")
    page.fill("input[name=hours]", "4.5")
    page.check("label:has-text('فاطمة الأحمد')")
    page.check(f"input[name=agenda_items][value='{vision_item.pk}']")
    page.fill("textarea[name=notes]", "صياغة الرؤية مع مجلس الإدارة")
    page.fill("input[name=actions-0-text]", "إرسال مسودة الرؤية")
    page.click("form button[type=submit] >> text=حفظ")
    page.wait_for_url(f"**/coaching/engagements/{engagement.pk}/")
    assert "صياغة الرؤية مع مجلس الإدارة" in page.content()
    session = CoachingSession.objects.get()
    assert session.participants.count() == 1 and list(session.agenda_items.all()) == [vision_item]

    # 2. The plan: type the vision, add a SWOT row with the JavaScript button, move a value up.
    page.goto(f"{live_server.url}/coaching/plans/{plan.pk}/edit/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.fill("textarea[name=vision]", "مجتمع محلي متماسك يشارك أبناؤه وبناته في تنمية مدينتهم.")
    swot = page.locator("fieldset[data-prefix=swot]")
    swot.locator(".swot-S .js-add-row").click()
    assert page.locator("input[name=swot-TOTAL_FORMS]").input_value() == "5"
    page.select_option("select[name=swot-4-category]", "S")
    page.fill("input[name=swot-4-text]", "فريق متطوعين ملتزم")
    page.locator("fieldset[data-prefix=values] .plan-row").nth(1).locator(".js-up").click()
    page.click(".save-bar button[type=submit] >> nth=0")
    page.wait_for_url(f"**/coaching/plans/{plan.pk}/")
    assert list(plan.values.values_list("text", flat=True)) == ["المشاركة", "الشفافية"]
    assert SwotItem.objects.get(plan=plan).text == "فريق متطوعين ملتزم"

    # 3. The PDF gives back what was typed.
    with page.expect_download() as download:
        page.click("text=تنزيل PDF")
    path = tmp_path / "plan.pdf"
    download.value.save_as(path)
    found, _reader = pdf_words(path.read_bytes())
    assert "توتول" in found
    assert contains_phrase(found, "متماسك يشارك أبناؤه وبناته في تنمية")
    assert contains_phrase(found, "فريق متطوعين ملتزم")
