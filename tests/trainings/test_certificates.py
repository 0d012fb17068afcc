"""Certificates only for what happened: every session held, completed, hours attended, a code to verify."""

import datetime
import io
import re
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import AttendanceFactory, OrganizationFactory, PersonFactory, SessionFactory, TrainerFactory
from tests.trainings.conftest import enrol
from trainings import tallies
from trainings.models import CODE_ALPHABET, Certificate

pytestmark = pytest.mark.django_db


def text_of(pdf_bytes):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def pages(pdf_bytes):
    return PdfReader(io.BytesIO(pdf_bytes)).pages


@pytest.fixture
def course(workshop):
    """Two sessions (3 h and 2 h); Huda attends both, Mustafa only the first (50%: not completed)."""
    workshop.title = "التخطيط الاستراتيجي"
    workshop.planned_hours = 12
    workshop.save()
    workshop.trainers.add(TrainerFactory(name="سامر الخليل"))
    org = OrganizationFactory(name_ar="بصمة أمل")
    huda = PersonFactory(full_name="هدى الخلف", organization=org)
    mustafa = PersonFactory(full_name="مصطفى الجاسم", organization=org)
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(workshop=workshop, person=huda)
    EnrollmentFactory(workshop=workshop, person=mustafa)
    first = SessionFactory(workshop=workshop, date=datetime.date(2020, 8, 20), attendance_taken_at=timezone.now())
    second = SessionFactory(
        workshop=workshop,
        date=datetime.date(2020, 8, 21),
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        attendance_taken_at=None,
    )
    AttendanceFactory(session=first, person=huda, status="present")
    AttendanceFactory(session=first, person=mustafa, status="present")
    return workshop, huda, mustafa, second


def hold(session, marks):
    for person, status in marks.items():
        AttendanceFactory(session=session, person=person, status=status)
    session.attendance_taken_at = timezone.now()
    session.save()
    tallies.recount([session.workshop_id])


def certificate_url(workshop, person):
    return reverse("trainings:certificate", args=[workshop.pk, person.pk])


def test_refused_while_a_session_is_not_held(staff_client, course):
    workshop, huda, _mustafa, _second = course
    # After one of two sessions Huda's rate is 100%, yet the workshop is not over: no certificate.
    for url in (certificate_url(workshop, huda), reverse("trainings:workshop_certificates", args=[workshop.pk])):
        response = staff_client.get(url)
        assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
        assert "لا شهادة بعد" in response.content.decode() or "No certificate yet" in response.content.decode()
    assert not Certificate.objects.exists()


def test_refused_to_one_who_did_not_complete(staff_client, course):
    workshop, huda, mustafa, second = course
    hold(second, {huda: "present", mustafa: "absent"})
    response = staff_client.get(certificate_url(workshop, mustafa))
    assert response.status_code == 404 and not response.content.startswith(b"%PDF")
    assert staff_client.get(certificate_url(workshop, huda)).status_code == 200


def test_states_the_hours_attended_and_a_code_on_one_page_without_page_numbers(staff_client, course):
    workshop, huda, mustafa, second = course
    hold(second, {huda: "late", mustafa: "absent"})
    response = staff_client.get(certificate_url(workshop, huda))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    found = text_of(response.content)
    certificate = Certificate.objects.get()
    assert certificate.enrollment.person == huda and float(certificate.hours) == 5.0
    for word in ("هدى", "الخلف", "التخطيط", "الاستراتيجي", "سامر", "الخليل", certificate.code):
        assert word in found, word
    assert re.search(r"(?<![\d.])5(?![\d.])", found)  # 3 h + 2 h attended
    assert "12" not in found  # not the planned hours
    assert len(pages(response.content)) == 1
    assert "صفحة" not in found and "Page" not in found  # no "page 1 of 1" footer
    assert len(certificate.code) == 8 and set(certificate.code) <= set(CODE_ALPHABET)


def test_only_attended_sessions_count_in_the_hours(staff_client, course):
    workshop, huda, mustafa, second = course
    mustafa_enrolment = mustafa.enrollments.get()
    hold(second, {huda: "present", mustafa: "excused"})  # excused: 1 of 1 counted, completes
    response = staff_client.get(certificate_url(workshop, mustafa))
    assert response.status_code == 200
    certificate = Certificate.objects.get(enrollment=mustafa_enrolment)
    assert float(certificate.hours) == 3.0
    assert certificate.code in text_of(response.content)


def test_the_code_stays_the_same_for_every_print(staff_client, course):
    workshop, huda, mustafa, second = course
    hold(second, {huda: "present", mustafa: "present"})
    staff_client.get(certificate_url(workshop, huda))
    code = Certificate.objects.get(enrollment__person=huda).code
    response = staff_client.get(reverse("trainings:workshop_certificates", args=[workshop.pk]))
    assert Certificate.objects.count() == 2
    assert Certificate.objects.get(enrollment__person=huda).code == code
    assert code in text_of(response.content)
    codes = set(Certificate.objects.values_list("code", flat=True))
    assert len(codes) == 2


def test_three_certificates_three_pages_each_with_its_name_and_code(staff_client, workshop):
    people = enrol(workshop, 3)
    for person, name in zip(people, ("سلمى الصالح", "خالد العمر", "نور الهدى"), strict=True):
        person.full_name = name
        person.save()
    session = SessionFactory(workshop=workshop, attendance_taken_at=timezone.now())
    for person in people:
        AttendanceFactory(session=session, person=person)
    response = staff_client.get(reverse("trainings:workshop_certificates", args=[workshop.pk]))
    assert response.status_code == 200
    sheets = pages(response.content)
    assert len(sheets) == 3
    by_person = {
        c.enrollment.person.full_name: c.code for c in Certificate.objects.select_related("enrollment__person")
    }
    for page in sheets:
        text = unicodedata.normalize("NFKC", page.extract_text())
        names = [name for name in by_person if name in text]
        assert len(names) == 1 and by_person[names[0]] in text


# Verifying a code -----------------------------------------------------------------------


def verify(client, code):
    return client.get(reverse("trainings:certificate_verify"), {"code": code})


def test_the_verification_page_finds_a_certificate_by_its_code(staff_client, course):
    workshop, huda, mustafa, second = course
    hold(second, {huda: "present", mustafa: "absent"})
    staff_client.get(certificate_url(workshop, huda))
    certificate = Certificate.objects.get()
    typed = f" {certificate.code[:4].lower()}-{certificate.code[4:].lower()} "  # as a person might type it
    response = verify(staff_client, typed)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("هدى الخلف", "بصمة أمل", "التخطيط الاستراتيجي", certificate.code, ">5<"):
        assert text in html, text
    assert "no longer completes" not in html and "لم يعد" not in html


def test_an_unknown_code_says_so(staff_client):
    response = verify(staff_client, "ACDEFGHJ")
    assert response.status_code == 404
    assert "ACDEFGHJ" in response.content.decode()
    assert verify(staff_client, "<script>").status_code == 404


def test_the_page_says_when_the_trainee_no_longer_completes(staff_client, course):
    workshop, huda, mustafa, second = course
    hold(second, {huda: "present", mustafa: "absent"})
    staff_client.get(certificate_url(workshop, huda))
    second.attendances.filter(person=huda).update(status="absent")
    first = workshop.sessions.get(date=datetime.date(2020, 8, 20))
    first.attendances.filter(person=huda).update(status="absent")
    tallies.recount([workshop.pk])
    response = verify(staff_client, Certificate.objects.get().code)
    assert response.status_code == 200
    assert 'class="alert alert-danger' in response.content.decode()


def test_the_verification_page_needs_a_login_and_the_permission(client, outsider_user):
    url = reverse("trainings:certificate_verify")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(outsider_user)
    assert client.get(url).status_code == 403


def test_the_workshop_page_offers_certificates_only_once_every_session_is_held(staff_client, course):
    workshop, huda, mustafa, second = course
    html = staff_client.get(workshop.get_absolute_url()).content.decode()
    assert certificate_url(workshop, huda) not in html  # Huda's rate is 100% after one of two sessions
    assert reverse("trainings:workshop_certificates", args=[workshop.pk]) not in html
    hold(second, {huda: "present", mustafa: "absent"})
    html = staff_client.get(workshop.get_absolute_url()).content.decode()
    assert certificate_url(workshop, huda) in html and certificate_url(workshop, mustafa) not in html
