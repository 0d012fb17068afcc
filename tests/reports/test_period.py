"""The period the page and the PDF name is the period whose figures they show."""

import datetime
import io
import re
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone

from capacity.reports import figures
from capacity.reports.period import Period
from tests.factories import EnrollmentFactory, SessionFactory, WorkshopFactory
from trainings import tallies
from trainings.models import Attendance

D = datetime.date


def clean(text):
    text = unicodedata.normalize("NFKC", str(text))
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


def page_period(html):
    """The text of the page's period line, tags dropped."""
    found = re.search(r"<span data-period>(.*?)</span>(?: ·|</p>)", html, flags=re.S)
    return clean(re.sub(r"<[^>]+>", "", found.group(1)))


def page_figure(html, key):
    return re.search(rf'data-figure="{key}">([^<]*)<', html).group(1)


def pdf_text(content):
    from pypdf import PdfReader

    return clean(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages))


@pytest.fixture
def before_the_project(programme):
    """A session held in July 2020, before the project's own dates (1 August to 31 December)."""
    project = programme.project
    workshop = WorkshopFactory(
        project=project, phase=project.phases.get(number=1), start_date=D(2020, 7, 15), end_date=D(2020, 7, 15)
    )
    person = project.workshops.first().enrollments.first().person
    EnrollmentFactory(workshop=workshop, person=person)
    session = SessionFactory(workshop=workshop, date=D(2020, 7, 15), attendance_taken_at=timezone.now())
    Attendance.objects.create(session=session, person=person, status="present")
    tallies.recount([workshop.pk])
    return programme


@pytest.fixture
def english(coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    return coordinator_client


@pytest.mark.parametrize(
    ("params", "words", "participations"),
    [
        # No dates: every date recorded counts, the July session too; not "the start to today",
        # nor the project's own dates.
        ({}, "all dates", "6"),
        # Both ends are counted, and named: Fatima on the 21st and on the 25th.
        (
            {"date_from": "2020-08-21", "date_to": "2020-08-25"},
            "from 21 August 2020 to 25 August 2020",
            "2",
        ),
        ({"date_from": "2020-08-25"}, "from 25 August 2020 onwards", "1"),
        ({"date_to": "2020-07-31"}, "up to 31 July 2020", "1"),
    ],
)
@pytest.mark.slow  # renders a PDF per case
def test_page_and_pdf_name_the_period_they_count(before_the_project, english, params, words, participations):
    project = before_the_project.project
    html = english.get(reverse("reports:dashboard", args=[project.pk]), params).content.decode()
    assert page_period(html) == f"Period: {words}"
    assert page_figure(html, "participations") == participations
    pdf = english.get(reverse("reports:pdf", args=[project.pk]), params)
    text = pdf_text(pdf.content)
    assert f"Period {words}" in text
    assert "the start" not in text and "today" not in text


def test_every_date_condition_and_the_words_come_from_one_period(programme):
    """The figures count through Filters.period, the same object that names the period."""
    filters = figures.Filters(project=programme.project, date_from=D(2020, 8, 21), date_to=D(2020, 8, 21))
    assert filters.period == Period(D(2020, 8, 21), D(2020, 8, 21))
    report = figures.compute(filters)
    assert report.totals.participations == 1 and report.sessions == 1  # the 21st, and only it
    assert not figures.Filters(project=programme.project).period.bounded
