"""The ZIP of plans and the donor reports as background jobs; the plan PDF rendered once per version."""

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from coaching import plans as coaching_plans
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
    real = coaching_plans.render_plan_pdf
    monkeypatch.setattr(coaching_plans, "render_plan_pdf", lambda *args: renders.append(1) or real(*args))
    url = reverse("coaching:plan_pdf", args=[plan.pk])
    first = coordinator_client.get(url)
    second = coordinator_client.get(url)
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert len(renders) == 1
    assert "private" in second["Cache-Control"]
    StrategicPlan.objects.filter(pk=plan.pk).update(version=plan.version + 1, title="خطة جديدة")
    coordinator_client.get(url)
    assert len(renders) == 2


def test_zip_of_plans_reuses_the_plan_pdfs_already_rendered(coordinator_client, plans, monkeypatch):
    """A plan printed today is not rendered again for the ZIP, nor an unchanged plan for a second ZIP."""
    plan = StrategicPlan.objects.filter(engagement__project=plans).first()
    assert coordinator_client.get(reverse("coaching:plan_pdf", args=[plan.pk])).status_code == 200
    renders = []
    real = coaching_plans.render_plan_pdf
    monkeypatch.setattr(coaching_plans, "render_plan_pdf", lambda *args: renders.append(1) or real(*args))
    url = reverse("coaching:project_plans_zip", args=[plans.pk])
    coordinator_client.get(url)
    run_worker()
    assert len(renders) == 2  # the three plans, less the one printed above
    Job.objects.update(created_at=Job.objects.get().created_at.replace(year=2000))  # not joined: a new job
    coordinator_client.get(url)
    run_worker()
    jobs = Job.objects.order_by("pk")
    assert len(jobs) == 2 and all(job.status == JobStatus.DONE for job in jobs) and len(renders) == 2
    first, second = (zipfile.ZipFile(io.BytesIO(downloaded(coordinator_client, job))) for job in jobs)
    assert [first.read(name) for name in first.namelist()] == [second.read(name) for name in second.namelist()]


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
