"""Every PDF the app makes gives back, through pypdf, every word typed into it.

Amiri's contextual alternates ('calt') once doubled letters in the text layer:
"الحين" came back "الححين", "المانحين" "المانححين", "الكفاءات" "اللكفاءات". Each kind
of PDF is downloaded through its URL with these words in its data, and its text
layer is compared word by word (pypdf glues a table row's cells, so never whole
lines), after NFKC and without Unicode Cf characters.
"""

import io
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from coaching.plans import locked_save
from core.roles import STAFF
from tests.factories import (
    AttendanceFactory,
    EngagementFactory,
    EnrollmentFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    StrategicPlanFactory,
    UserFactory,
    WorkshopFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Each word sits inside its phrase, so no neighbouring cell is glued onto it.
TEXT = "بناء الكفاءات والتواصل مع المانحين من الحين فصاعدا"
ORGANISATION = "جمعية أمل باغوز للتنمية"
PERSON = "هدى الحين الخلف"  # on the sign-in sheet and the certificate
WORDS = ["الحين", "المانحين", "الكفاءات", "أمل", "باغوز"]


def words_of(pdf_bytes):
    """The words of the PDF's text layer, NFKC-normalised, without Cf characters."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").split()


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def organisation(db):
    return OrganizationFactory(name_ar=ORGANISATION)


@pytest.fixture
def held_workshop(organisation):
    """A workshop titled TEXT whose one session is held, attended by PERSON of ORGANISATION."""
    workshop = WorkshopFactory(title=TEXT, phase__project__name_ar=TEXT)
    person = PersonFactory(full_name=PERSON, organization=organisation)
    EnrollmentFactory(workshop=workshop, person=person)
    session = SessionFactory(workshop=workshop, attendance_taken_at=timezone.now())
    AttendanceFactory(session=session, person=person, status="present")
    return workshop, session, person


@pytest.fixture
def plan(organisation):
    engagement = EngagementFactory(organization=organisation)
    return StrategicPlanFactory(organization=organisation, engagement=engagement, title=TEXT, vision=TEXT)


def _sign_in(held_workshop, plan):
    return reverse("trainings:session_signin", args=[held_workshop[1].pk])


def _certificate(held_workshop, plan):
    workshop, _session, person = held_workshop
    return reverse("trainings:certificate", args=[workshop.pk, person.pk])


def _report(held_workshop, plan):
    return reverse("reports:pdf", args=[held_workshop[0].project_id])


def _plan(held_workshop, plan):
    return reverse("coaching:plan_pdf", args=[plan.pk])


def _revision(held_workshop, plan):
    locked_save(plan, plan.version, UserFactory(username="reviser", role=STAFF), lambda: None)
    return reverse("coaching:revision_pdf", args=[plan.pk, plan.version])


KINDS = {
    "sign-in sheet": _sign_in,
    "certificate": _certificate,
    "donor report": _report,
    "plan": _plan,
    "plan revision": _revision,
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_pdf_gives_back_every_word_typed(admin_client_role, held_workshop, plan, kind):
    found = set(words_of(download(admin_client_role, KINDS[kind](held_workshop, plan))))
    missing = [word for word in WORDS if word not in found]
    assert not missing, (
        f"{kind}: {missing} missing; near: {sorted(w for w in found if any(m[-3:] in w for m in missing))}"
    )


def test_english_donor_report_gives_back_its_words(admin_client_role, held_workshop, plan):
    admin_client_role.cookies["django_language"] = "en"
    organisation = held_workshop[2].organization
    organisation.name_en = "Hope of Baghouz"
    organisation.save()
    found = set(words_of(download(admin_client_role, _report(held_workshop, plan))))
    assert {"Hope", "Baghouz", "Programme", "Organisation", "Trainees", "Coaching", "days"} <= found
