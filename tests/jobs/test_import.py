"""A large trainee import is saved by a background job; its page says what was saved."""

import pytest
from django.urls import reverse

from core.models import Job, JobStatus
from organizations.models import Person
from tests.excel.helpers import upload, xlsx_bytes
from tests.factories import OrganizationFactory
from tests.jobs.conftest import run_worker
from trainings.excel.models import ExportKind, ExportRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def large_file(settings, coordinator_user):
    settings.JOBS_SYNC_IMPORT_ROWS = 10
    organization = OrganizationFactory(name_ar="بصمة أمل", name_en="Basmat Amal")
    if hasattr(organization, "centre") and organization.centre_id:
        organization.centre.staff.add(coordinator_user)
    rows = [(f"متدربة رقم {n}", "أنثى", "بصمة أمل", "", f"0944{n:06d}", "", 1990, "لا") for n in range(12)]
    return xlsx_bytes(rows)


def test_a_large_import_is_saved_by_a_job(coordinator_client, coordinator_user, large_file):
    coordinator_client.post(reverse("excel:import_upload"), {"file": upload(large_file)})
    preview = coordinator_client.get(reverse("excel:import_preview"))
    data = {"token": preview.context["state"]["token"], "digest": preview.context["plan"].digest}
    before = Person.objects.count()

    response = coordinator_client.post(reverse("excel:import_confirm"), data)
    again = coordinator_client.post(reverse("excel:import_confirm"), data)  # a double click

    job = Job.objects.get()
    assert response["Location"] == again["Location"] == reverse("jobs:detail", args=[job.pk])
    assert Person.objects.count() == before  # nothing saved in the request
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.rows == 12 and not job.file
    assert Person.objects.count() == before + 12
    assert ExportRecord.objects.get(kind=ExportKind.IMPORT).rows == 12
    coordinator_client.cookies["django_language"] = "en"
    page = coordinator_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert job.parameters["message"] in page and reverse("organizations:person_list") in page
    assert reverse("jobs:download", args=[job.pk]) not in page


def test_a_changed_preview_is_refused_by_the_job(coordinator_client, large_file):
    coordinator_client.post(reverse("excel:import_upload"), {"file": upload(large_file)})
    preview = coordinator_client.get(reverse("excel:import_preview"))
    data = {"token": preview.context["state"]["token"], "digest": "not-the-preview"}
    before = Person.objects.count()
    coordinator_client.post(reverse("excel:import_confirm"), data)
    run_worker()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and Person.objects.count() == before
