"""The ZIP of plans and the donor reports as background jobs; the plan PDF rendered once per version."""

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from coaching import views as coaching_views
from coaching.models import StrategicPlan
from core.models import Job, JobStatus
from tests.factories import EngagementFactory, StrategicPlanFactory
from tests.jobs.conftest import run_worker

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def plans(coordinator_user):
    project = EngagementFactory().project
    project.centre.staff.add(coordinator_user)
    for name in ("Tuttul", "Nabd", "Basma"):
        engagement = EngagementFactory(project=project, organization__name_en=name)
        StrategicPlanFactory(organization=engagement.organization, engagement=engagement)
    return project


def downloaded(client, job):
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_zip_of_plans_is_a_job_counting_files(coordinator_client, plans):
    response = coordinator_client.get(reverse("coaching:project_plans_zip", args=[plans.pk]))
    job = Job.objects.get()
    assert response.status_code == 302 and job.kind == "coaching.plans_zip"
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.done == job.total == job.rows == 3
    archive = zipfile.ZipFile(io.BytesIO(downloaded(coordinator_client, job)))
    names = archive.namelist()
    assert len(names) == 3 and any("nabd" in name for name in names)
    assert PdfReader(io.BytesIO(archive.read(names[0]))).pages


def test_plan_pdf_is_rendered_once_per_version(coordinator_client, plans, monkeypatch):
    plan = StrategicPlan.objects.filter(engagement__project=plans).first()
    renders = []
    real = coaching_views.render_plan_pdf
    monkeypatch.setattr(coaching_views, "render_plan_pdf", lambda *args: renders.append(1) or real(*args))
    url = reverse("coaching:plan_pdf", args=[plan.pk])
    first = coordinator_client.get(url)
    second = coordinator_client.get(url)
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert len(renders) == 1
    assert "private" in second["Cache-Control"]
    StrategicPlan.objects.filter(pk=plan.pk).update(version=plan.version + 1, title="خطة جديدة")
    coordinator_client.get(url)
    assert len(renders) == 2


@pytest.mark.parametrize("kind", ["pdf", "excel"])
def test_donor_report_of_a_big_project_is_a_job(coordinator_client, programme, kind):
    response = coordinator_client.get(reverse(f"reports:{kind}", args=[programme.pk]) + "?date_from=2000-01-01")
    job = Job.objects.get()
    assert response.status_code == 302 and job.parameters["query"] == "date_from=2000-01-01"
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    content = downloaded(coordinator_client, job)
    if kind == "pdf":
        assert len(PdfReader(io.BytesIO(content)).pages) >= 1
    else:
        assert openpyxl.load_workbook(io.BytesIO(content)).sheetnames
