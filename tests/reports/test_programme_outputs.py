"""The programme-wide and centre-wide report (reports:programme) and its PDF and workbook give
the same totals: a trainee of two projects is one trainee on the page, in the PDF (pypdf) and
in the workbook (openpyxl); the centre's support visits and hours of room use likewise, over a
set of projects, one centre and one year. Login and the rights are checked; a Coordinator of
another centre never sees this centre's numbers; the page's queries do not grow with the data.
"""

import datetime
import io
import re
import unicodedata
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from capacity.programme import parts
from core.models import KeptFigures
from core.roles import COORDINATOR, STAFF
from services.models import Booking
from tests.factories import (
    CentreFactory,
    ConsultationFactory,
    OrganizationFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    WorkshopFactory,
)
from trainings.models import Attendance, Enrollment

pytestmark = pytest.mark.slow

D = datetime.date
PAGE = reverse("reports:programme")
PDF = reverse("reports:programme_pdf")
XLSX = reverse("reports:programme_excel")
PAGE_QUERIES = 40  # 34 measured: session, user, the figures (about twenty) and keeping them, the centre's services


def clean(text):
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


# The data ------------------------------------------------------------------------------------


def project_with_trainees(code, centre, year, people, day=None):
    """A project of centre over year, one workshop with a held session that people attended."""
    project, phase, _coaching = parts.project_with_phases(
        code,
        centre=centre,
        name_ar=f"مشروع {code}",
        start_date=D(year, 1, 1),
        end_date=D(year, 12, 31),
        target_trainees=30,
    )
    day = day or D(year, 3, 10)
    workshop = WorkshopFactory(project=project, phase=phase, start_date=day, end_date=day)
    session = SessionFactory(workshop=workshop, date=day, attendance_taken_at=parts.taken_at(day, datetime.time(12)))
    parts.write_in_bulk(
        enrolments=[Enrollment(workshop=workshop, person=p) for p in people],
        marks=[Attendance(session=session, person=p, status="present") for p in people],
    )
    return project


def book(room, organization, day, hours):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return Booking.objects.create(
        room=room, organization=organization, purpose="اجتماع", start=start, end=start + datetime.timedelta(hours=hours)
    )


@pytest.fixture
def centres(db):
    """Raqqa: Fatima in a 2020 and a 2021 project, two support visits and 2.5 hours of room use in
    2021. Tabqa: three trainees in a 2021 project, one visit, 4 hours of room use."""
    raqqa_centre, tabqa_centre = CentreFactory(name_ar="مركز الرقة"), CentreFactory(name_ar="مركز الطبقة")
    nabd = OrganizationFactory(name_ar="نبض", centre=raqqa_centre)
    fatima = PersonFactory(organization=nabd, full_name="فاطمة")
    first = project_with_trainees("RQ-2020", raqqa_centre, 2020, [fatima])
    second = project_with_trainees("RQ-2021", raqqa_centre, 2021, [fatima])
    ConsultationFactory(
        organization=nabd, date=D(2021, 3, 1), kind="legal", follow_up="زيارة ثانية", follow_up_done=True
    )
    ConsultationFactory(organization=nabd, date=D(2021, 3, 5), kind="technical", follow_up="")
    book(RoomFactory(centre=raqqa_centre), nabd, D(2021, 3, 2), 2.5)

    mari = OrganizationFactory(name_ar="ماري", centre=tabqa_centre)
    tabqa = project_with_trainees("TB-2021", tabqa_centre, 2021, PersonFactory.create_batch(3, organization=mari))
    ConsultationFactory(organization=mari, date=D(2021, 4, 1))
    book(RoomFactory(centre=tabqa_centre), mari, D(2021, 4, 2), 4)
    return SimpleNamespace(
        raqqa=raqqa_centre, tabqa=tabqa_centre, nabd=nabd, first=first, second=second, tabqa_project=tabqa
    )


@pytest.fixture
def raqqa_client(client, centres):
    client.force_login(UserFactory(role=COORDINATOR, centres=[centres.raqqa]))
    return client


# Reading the three outputs -----------------------------------------------------------------


def page_numbers(response):
    """{name: value} of the totals the page's context holds."""
    training = {figure.key: figure.value for figure in response.context["training"]}
    services = response.context["services"]
    return {
        "trainees": training["trainees"],
        "participations": training["participations"],
        "visits": services.visits,
        "room_hours": services.room_hours,
    }


def labels(response):
    """{name: label} of those totals in the active language, as the three outputs print them."""
    training = {figure.key: str(figure.label) for figure in response.context["training"]}
    return {
        "trainees": training["trainees"],
        "participations": training["participations"],
        "visits": gettext("Support visits"),
        "room_hours": gettext("Hours of room use"),
    }


def shown(response):
    """{name: text} the PDF should print after each total's label: the value, then its target if any."""
    numbers = page_numbers(response)
    training = {figure.key: figure for figure in response.context["training"]}
    return {
        "trainees": training["trainees"].display + training["trainees"].target_display,
        "participations": training["participations"].display + training["participations"].target_display,
        "visits": str(numbers["visits"]),
        "room_hours": f"{numbers['room_hours']:.1f}",
    }


def assert_pdf_shows(content, names, expected):
    """Each total's line in the PDF reads its label, then the expected figures and no other digit.

    pypdf runs an Arabic row's cells together ("160" for 1 of 60 targeted), so the figures are
    compared with the spaces taken out, value and target together.
    """
    from pypdf import PdfReader

    lines = [
        clean(line).strip()
        for page in PdfReader(io.BytesIO(content)).pages
        for line in (page.extract_text() or "").splitlines()
    ]
    for name, label in names.items():
        after = [line[len(label) :].replace(" ", "") for line in lines if line.startswith(label)]
        after = [text for text in after if text[:1].isdigit()]
        assert after, (name, label)
        assert re.match(re.escape(expected[name]) + r"(?!\d)", after[0]), (name, after[0], expected[name])


def workbook_numbers(content, names):
    """{name: value} of each total in the workbook: the Summary's and the Centre services' rows."""
    book = load_workbook(io.BytesIO(content))
    rows = {}
    for title in (gettext("Summary"), gettext("Centre services")):
        for row in book[title].iter_rows(min_col=1, max_col=2, values_only=True):
            if row[0] is not None and isinstance(row[1], (int, float)):
                rows.setdefault(clean(row[0]), row[1])
    return {name: rows[clean(label)] for name, label in names.items()}


def three_outputs(client, query):
    page = client.get(PAGE, query)
    pdf = client.get(PDF, query)
    xlsx = client.get(XLSX, query)
    assert page.status_code == pdf.status_code == xlsx.status_code == 200
    assert page.context["form"].is_valid(), page.context["form"].errors
    return page, pdf.content, xlsx.content


# The tests -------------------------------------------------------------------------------------


# scope: (its query, the projects it counts: Fatima's participations, and 30 trainees targeted in each)
SCOPES = {
    "two projects": (lambda c: {"projects": [c.first.pk, c.second.pk]}, 2),
    "the centre": (lambda c: {"centre": c.raqqa.pk}, 2),
    "the centre in 2021": (lambda c: {"centre": c.raqqa.pk, "year": 2021}, 1),
}


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("scope", SCOPES)
def test_page_pdf_and_workbook_give_the_same_totals(raqqa_client, centres, scope, language):
    query, projects = SCOPES[scope][0](centres), SCOPES[scope][1]
    raqqa_client.cookies["django_language"] = language
    page, pdf, xlsx = three_outputs(raqqa_client, query)
    numbers = page_numbers(page)
    # Fatima, in both projects, is one trainee; her sessions count each time.
    assert numbers == {"trainees": 1, "participations": projects, "visits": 2, "room_hours": 2.5}
    assert len(page.context["programme"].projects) == projects
    assert next(f for f in page.context["training"] if f.key == "trainees").target == 30 * projects
    html = page.content.decode()
    assert 'data-figure="trainees">1<' in html and 'data-figure="visits">2<' in html
    assert 'data-figure="room_hours">2.5<' in html
    with translation.override(language):
        names = labels(page)
        assert_pdf_shows(pdf, names, shown(page))
        in_workbook = workbook_numbers(xlsx, names)
    assert in_workbook == pytest.approx(numbers)


def test_a_year_narrows_the_centres_services_too(raqqa_client, centres):
    page, pdf, xlsx = three_outputs(raqqa_client, {"centre": centres.raqqa.pk, "year": 2020})
    with translation.override("ar"):
        names = labels(page)
        numbers = page_numbers(page)
        assert numbers == {"trainees": 1, "participations": 1, "visits": 0, "room_hours": 0.0}
        assert_pdf_shows(pdf, names, shown(page))
        assert workbook_numbers(xlsx, names) == pytest.approx(numbers)


def test_login_is_needed(client, centres):
    for url in (PAGE, PDF, XLSX):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_rights(client, centres):
    client.force_login(UserFactory(username="no-role"))  # in no group
    assert [client.get(url).status_code for url in (PAGE, PDF, XLSX)] == [403, 403, 403]
    client.force_login(UserFactory(role=STAFF, centres=[centres.raqqa]))  # reads the page, downloads nothing
    assert [client.get(url).status_code for url in (PAGE, PDF, XLSX)] == [200, 403, 403]


@pytest.mark.parametrize(
    "query",
    [{}, {"centre": "raqqa"}, {"projects": "raqqa"}, {"projects": "both"}],
    ids=["nothing chosen", "the other centre", "its project", "both centres' projects"],
)
def test_another_centres_coordinator_sees_only_her_own_numbers(client, centres, query):
    """Asking for Raqqa's centre or projects is refused; she is shown Tabqa's numbers only."""
    ids = {
        "raqqa": {"centre": centres.raqqa.pk, "projects": [centres.first.pk]},
        "both": {"projects": [centres.first.pk, centres.tabqa_project.pk]},
    }
    query = {key: ids[value][key] for key, value in query.items()}
    client.force_login(UserFactory(role=COORDINATOR, centres=[centres.tabqa]))
    page = client.get(PAGE, query)
    assert page.status_code == 200
    assert page_numbers(page) == {"trainees": 3, "participations": 3, "visits": 1, "room_hours": 4.0}
    html = page.content.decode()
    assert "RQ-2020" not in html and "مشروع RQ-2021" not in html and "نبض" not in html
    with translation.override("ar"):
        names = labels(page)
        workbook = workbook_numbers(client.get(XLSX, query).content, names)
    assert workbook == pytest.approx({"trainees": 3, "participations": 3, "visits": 1, "room_hours": 4.0})


def count_page_queries(client):
    """The page's queries when it counts its figures (none kept: core.kept)."""
    KeptFigures.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    assert response.status_code == 200
    return len(queries)


def test_the_pages_queries_are_bounded_and_do_not_grow(raqqa_client, centres, django_assert_max_num_queries):
    with django_assert_max_num_queries(PAGE_QUERIES):
        raqqa_client.get(PAGE)
    before = count_page_queries(raqqa_client)
    # Three more projects, twenty more trainees with their marks, more visits and bookings.
    room = RoomFactory(centre=centres.raqqa)
    for number in range(3):
        people = PersonFactory.create_batch(7, organization=OrganizationFactory(centre=centres.raqqa))
        project_with_trainees(f"RQ-MORE-{number}", centres.raqqa, 2021, people, day=D(2021, 5, 1 + number))
        ConsultationFactory(organization=people[0].organization, date=D(2021, 6, 1 + number))
        book(room, people[0].organization, D(2021, 6, 10 + number), 1)
    assert count_page_queries(raqqa_client) == before, before
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = raqqa_client.get(PAGE)
    assert page_numbers(response)["trainees"] == 1 + 21
