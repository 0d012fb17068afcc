"""Every workbook the app writes keeps user text as text: names that look like formulas stay names.

Organisations, projects, regions, workshops, topics, trainers and people are
given names that Excel would run as formulas (= + - @, a tab, a carriage
return first). Each workbook is downloaded through its URL, as the role that
may download it, and read back with openpyxl: no cell is a formula, and every
such name comes back exactly as typed.
"""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl.utils.escape import unescape

from organizations.models import Gender, Organization, Person, Region
from tests.factories import (
    CentreFactory,
    EnrollmentFactory,
    OrganizationFactory,
    PersonFactory,
    PhaseFactory,
    ProjectFactory,
    RegionFactory,
    SessionFactory,
    TopicFactory,
    TrainerFactory,
    WorkshopFactory,
)
from trainings import tallies
from trainings.models import Attendance, AttendanceStatus, Topic, Trainer

pytestmark = pytest.mark.django_db

NAMES = ['=HYPERLINK("http://x","click")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"]
PROJECT = '=HYPERLINK("http://x","project")'
WORKSHOP = "@SUM(A1) workshop"
TOPIC = "-2 topic"
TRAINER = "+1 trainer"
REGIONS = ['=HYPERLINK("http://x","region")', "\r=region"]
DONOR = "=1+1"


@pytest.fixture
def hostile(db):
    """A project whose every name is formula-like; each person attends one held session."""
    regions = [RegionFactory(name_ar=name, name_en=name) for name in REGIONS]
    project = ProjectFactory(name_ar=PROJECT, name_en=PROJECT, donor=DONOR, centre=CentreFactory(region=regions[0]))
    workshop = WorkshopFactory(phase=PhaseFactory(project=project), title=WORKSHOP)
    trainer = TrainerFactory(name=TRAINER)
    workshop.trainers.add(trainer)
    day = datetime.date(2020, 8, 20)
    session = SessionFactory(
        workshop=workshop,
        date=day,
        topic=TopicFactory(name_ar=TOPIC, name_en=TOPIC),
        trainer=trainer,
        attendance_taken_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))),
    )
    people = []
    for index, name in enumerate(NAMES):
        org = OrganizationFactory(name_ar=name, name_en=name, region=regions[index % 2])
        person = PersonFactory(full_name=name, gender=Gender.FEMALE, organization=org, position=name)
        EnrollmentFactory(workshop=workshop, person=person)
        Attendance.objects.create(session=session, person=person, status=AttendanceStatus.PRESENT)
        people.append(person)
    tallies.recount([workshop.pk])  # a bulk write of marks, as the attendance sheet does
    return project, workshop, people


def workbook(response):
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(content))


def texts(book):
    """Every text of book; fails on the first formula cell."""
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    # Control characters are stored as _x000D_ and the like; Excel shows them, openpyxl does not.
                    found.add(unescape(cell.value))
    return found


def assert_kept(book, expected):
    found = texts(book)
    missing = [name for name in expected if name not in found]
    assert not missing, missing


def test_attendance_workbooks_and_template(hostile, coordinator_client):
    project, workshop, _people = hostile
    everyone = [*NAMES, PROJECT]
    register = workbook(coordinator_client.get(reverse("excel:workshop_register", args=[workshop.pk])))
    assert_kept(register, [*everyone, WORKSHOP])  # names, organisations, project, workshop
    flat_url = reverse("excel:project_attendance", args=[project.pk]) + "?download=1"
    assert_kept(workbook(coordinator_client.get(flat_url)), [*everyone, WORKSHOP, TOPIC, *REGIONS])
    summary = workbook(coordinator_client.get(reverse("excel:project_summary", args=[project.pk])))
    assert_kept(summary, [*NAMES, *REGIONS])
    template = workbook(coordinator_client.get(reverse("excel:import_template")))
    assert_kept(template, NAMES)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_donor_workbook(hostile, coordinator_client, language):
    project, _workshop, _people = hostile
    coordinator_client.cookies["django_language"] = language
    book = workbook(coordinator_client.get(reverse("reports:excel", args=[project.pk])))
    assert_kept(book, [*NAMES, PROJECT, DONOR, *REGIONS])


def admin_export(client, model, pks):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return workbook(client.post(url, {"action": "export_selected", "_selected_action": [str(pk) for pk in pks]}))


def test_admin_exports(hostile, admin_client_role):
    _project, _workshop, people = hostile
    assert_kept(admin_export(admin_client_role, Region, Region.objects.values_list("pk", flat=True)), REGIONS)
    orgs = Organization.objects.values_list("pk", flat=True)
    assert_kept(admin_export(admin_client_role, Organization, orgs), [*NAMES, *REGIONS])
    assert_kept(admin_export(admin_client_role, Person, [p.pk for p in people]), NAMES)
    assert_kept(
        admin_export(admin_client_role, Topic, Topic.objects.filter(name_ar=TOPIC).values_list("pk", flat=True)),
        [TOPIC],
    )
    assert_kept(admin_export(admin_client_role, Trainer, Trainer.objects.values_list("pk", flat=True)), [TRAINER])


def test_donor_workbook_stores_numbers_fractions_and_dates(hostile, coordinator_client):
    """Percentages as fractions shown with %, the date made as a date, right to left on A4 in Arabic."""
    project, _workshop, _people = hostile
    book = workbook(coordinator_client.get(reverse("reports:excel", args=[project.pk])))
    sheet = book.worksheets[0]
    assert all(ws.sheet_view.rightToLeft and ws.page_setup.paperSize == 9 for ws in book.worksheets)
    cells = {row[0].value: row[1] for row in sheet.iter_rows(max_col=2) if isinstance(row[0].value, str)}
    rate = cells["متوسط نسبة الحضور"]  # everyone attended the one session held
    assert rate.value == 1 and rate.number_format == "0.0%"
    assert cells["المتدربون والمتدربات"].value == len(NAMES)
    assert isinstance(cells["تاريخ الإعداد"].value, datetime.datetime)
