"""On a phone: a staff member creates a workshop, enrols two organisations, adds a session,
marks attendance ("mark all present", one absent) and sees the rates on the workshop page."""

import pytest

from core.roles import STAFF
from tests.e2e.conftest import PHONE, login
from tests.factories import OrganizationFactory, PersonFactory, PhaseFactory, RoomFactory, UserFactory
from trainings.models import Attendance, Topic, Workshop

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_staff_runs_a_workshop_on_a_phone(new_page, live_server):
    UserFactory(username="huda", role=STAFF)
    phase = PhaseFactory(project__code="CB-2020")
    RoomFactory(centre=phase.project.centre, name_ar="قاعة التدريب")
    nabd, tuttul, other = (OrganizationFactory(name_ar=name) for name in ("نبض", "توتول", "ماري"))
    PersonFactory(full_name="رؤى الجاسم", organization=nabd)
    PersonFactory(full_name="يوسف الجاسم", organization=nabd)
    PersonFactory(full_name="فاطمة الأحمد", organization=tuttul)
    PersonFactory(full_name="سام الموسى", organization=other)
    topic = Topic.objects.get(name_en="Networking")

    page = new_page(viewport=PHONE)
    login(page, live_server, "huda")

    # Create the workshop.
    page.goto(f"{live_server.url}/trainings/workshops/new/?project={phase.project_id}")
    page.select_option("select[name=project]", str(phase.project_id))
    page.select_option("select[name=phase]", str(phase.pk))
    page.fill("input[name=title]", "التشبيك: الأهداف والمبادئ")
    page.check(f"input[name=topics][value='{topic.pk}']")
    page.fill("input[name=start_date]", "2020-08-22")
    page.fill("input[name=end_date]", "2020-08-23")
    page.fill("input[name=planned_hours]", "8")
    page.click("main form button[type=submit] >> text=حفظ")
    page.wait_for_url("**/trainings/workshops/*/")
    workshop = Workshop.objects.get(title="التشبيك: الأهداف والمبادئ")

    # Enrol every person of two organisations in one step.
    page.click("a >> text=تسجيل المتدربين")
    page.check(f"#org-{nabd.pk}")
    page.check(f"#org-{tuttul.pk}")
    page.click("main form[method=post] button[type=submit] >> text=تسجيل")
    page.wait_for_url(f"**/trainings/workshops/{workshop.pk}/")
    assert workshop.enrollments.count() == 3

    # Add a session.
    page.click("a >> text=إضافة جلسة")
    page.fill("input[name=date]", "2020-08-22")
    page.fill("input[name=start_time]", "09:00")
    page.fill("input[name=end_time]", "13:00")
    page.click("main form button[type=submit] >> text=حفظ")
    page.wait_for_url(f"**/trainings/workshops/{workshop.pk}/")

    # Take attendance: everyone present with one tap, then one absent.
    page.click("a >> text=تسجيل الحضور")
    page.wait_for_selector(".attendance-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click(".js-all-present")
    assert page.locator("input.btn-check[value=present]:checked").count() == 3
    row = page.locator(".attendance-row", has_text="يوسف الجاسم")
    row.locator("label", has_text="غائب").click()
    row.locator("input[type=text]").fill("مريض")
    page.click("button[name=action][value=save]")
    page.wait_for_selector(".alert-success")
    assert Attendance.objects.filter(session__workshop=workshop).count() == 3
    assert Attendance.objects.get(person__full_name="يوسف الجاسم").remark == "مريض"

    # The workshop page shows the rates and who completed.
    page.goto(f"{live_server.url}{workshop.get_absolute_url()}")
    register = page.locator("table.register")
    assert "100%" in register.locator("tr", has_text="رؤى الجاسم").inner_text()
    assert "0%" in register.locator("tr", has_text="يوسف الجاسم").inner_text()
    completed = page.locator("#completed + ul").inner_text()
    assert "فاطمة الأحمد" in completed and "يوسف الجاسم" not in completed


@pytest.mark.parametrize("language", ["ar", "en"])
def test_trainings_pages_have_no_serious_accessibility_violations(new_page, live_server, language):
    from django.utils import timezone

    from tests.e2e.axe import serious_violations
    from tests.factories import AttendanceFactory, EnrollmentFactory, SessionFactory, WorkshopFactory

    UserFactory(username="huda", role=STAFF)
    workshop = WorkshopFactory()
    people = PersonFactory.create_batch(3)
    for person in people:
        EnrollmentFactory(workshop=workshop, person=person)
    session = SessionFactory(workshop=workshop, attendance_taken_at=timezone.now())
    for person in people:
        AttendanceFactory(session=session, person=person)
    page = new_page(viewport=PHONE)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    login(page, live_server, "huda")
    found = {}
    for path in (
        "/trainings/",
        workshop.project.get_absolute_url(),
        "/trainings/workshops/",
        "/trainings/workshops/new/",
        workshop.get_absolute_url(),
        f"/trainings/workshops/{workshop.pk}/enrol/?q=a",
        f"/trainings/workshops/{workshop.pk}/sessions/new/",
        session.get_absolute_url(),
    ):
        page.goto(live_server.url + path)
        if problems := serious_violations(page, live_server):
            found[path] = problems
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    assert found == {}
