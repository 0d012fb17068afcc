import io
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import AttendanceFactory, OrganizationFactory, PersonFactory, SessionFactory, TopicFactory
from tests.trainings.conftest import enrol

pytestmark = pytest.mark.django_db


def text_of(pdf_bytes):
    """The PDF's text layer after NFKC and without Cf marks.

    pypdf glues the cells of a table row together, so tests look for each
    expected word in this text rather than comparing whole lines.
    """
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def pages(pdf_bytes):
    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


@pytest.fixture
def trainees(workshop):
    org = OrganizationFactory(name_ar="بصمة أمل")
    ana = PersonFactory(full_name="هدى الخلف", organization=org)
    bob = PersonFactory(full_name="مصطفى الجاسم", organization=org)
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(workshop=workshop, person=ana)
    EnrollmentFactory(workshop=workshop, person=bob)
    return ana, bob


def test_sign_in_sheet_has_the_names_organisations_and_workshop(staff_client, workshop, trainees):
    workshop.title = "التخطيط الاستراتيجي"
    workshop.save()
    session = SessionFactory(workshop=workshop, topic=TopicFactory(name_ar="تحليل البيئة الداخلية"))
    response = staff_client.get(reverse("trainings:session_signin", args=[session.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    found = text_of(response.content)
    for word in ("هدى", "الخلف", "مصطفى", "الجاسم", "بصمة", "أمل", "التخطيط", "الاستراتيجي", "التوقيع", "2020"):
        assert word in found, word


def test_sign_in_sheet_needs_permission(client, outsider_user, workshop):
    session = SessionFactory(workshop=workshop)
    client.force_login(outsider_user)
    assert client.get(reverse("trainings:session_signin", args=[session.pk])).status_code == 403


def test_certificate_only_for_those_who_completed(staff_client, workshop, trainees):
    ana, bob = trainees
    workshop.project.centre.name_ar = "مركز الرقة"
    workshop.project.centre.save()
    session = SessionFactory(workshop=workshop, attendance_taken_at=timezone.now())
    AttendanceFactory(session=session, person=ana, status="present")
    AttendanceFactory(session=session, person=bob, status="absent")
    response = staff_client.get(reverse("trainings:certificate", args=[workshop.pk, ana.pk]))
    assert response.status_code == 200
    found = text_of(response.content)
    for word in ("هدى", "الخلف", "بصمة", "أمل", "الرقة", "إتمام"):
        assert word in found, word
    assert pages(response.content) == 1
    assert staff_client.get(reverse("trainings:certificate", args=[workshop.pk, bob.pk])).status_code == 404


def test_all_certificates_one_page_each(staff_client, workshop):
    people = enrol(workshop, 3)
    session = SessionFactory(workshop=workshop, attendance_taken_at=timezone.now())
    for person in people:
        AttendanceFactory(session=session, person=person)
    response = staff_client.get(reverse("trainings:workshop_certificates", args=[workshop.pk]))
    assert response.status_code == 200 and pages(response.content) == 3
