"""A large trainee list is read by a background job; its preview is stored, not rebuilt on each visit."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.jobs import progress as progress_module
from core.jobs.progress import Progress
from core.models import Job, JobStatus
from core.roles import COORDINATOR
from organizations import imports
from organizations.models import Gender, Person
from tests.excel.helpers import HEADERS, upload, xlsx_bytes
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.jobs.conftest import run_worker
from trainings.excel.models import PendingImport

pytestmark = pytest.mark.django_db

UPLOAD = reverse("excel:import_upload")
PREVIEW = reverse("excel:import_preview")
CONFIRM = reverse("excel:import_confirm")


@pytest.fixture
def org(settings, coordinator_user):
    """Files of more than 10 rows are read in the background; the save stays in the request."""
    settings.JOBS_SYNC_IMPORT_READ_ROWS = 10
    organization = OrganizationFactory(name_ar="بصمة أمل", name_en="Basmat Amal")
    if getattr(organization, "centre_id", None):
        organization.centre.staff.add(coordinator_user)
    return organization


def trainees(count, start=0):
    return [
        (f"متدربة رقم {n}", "أنثى", "بصمة أمل", "منسقة", f"0944{n:06d}", "", 1990, "لا") for n in range(start, count)
    ]


def send(client, content):
    return client.post(UPLOAD, {"file": upload(content)})


def read(client, content):
    """Upload a large file, run its job; the job, done."""
    response = send(client, content)
    job = Job.objects.get(kind="excel.import_read")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    run_worker()
    job.refresh_from_db()
    return job


def stored_uploads(settings):
    folder = settings.PRIVATE_ROOT / "jobs"
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("upload-")) if folder.is_dir() else []


@pytest.mark.parametrize("save_in_background", [False, True])
def test_a_large_file_is_read_by_a_job_then_previewed_and_saved(
    coordinator_client, coordinator_user, org, settings, save_in_background
):
    if save_in_background:
        settings.JOBS_SYNC_IMPORT_ROWS = 10
    PersonFactory(full_name="متدربة رقم 0", organization=org, gender=Gender.FEMALE, position="")
    before = Person.objects.count()

    response = send(coordinator_client, xlsx_bytes(trainees(25)))

    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.total) == ("excel.import_read", JobStatus.QUEUED, 25)
    assert not PendingImport.objects.exists() and len(stored_uploads(settings)) == 1
    assert coordinator_client.get(response["Location"]).status_code == 200

    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.done == job.total == 25 and not job.file
    assert stored_uploads(settings) == []  # the rows are kept; the file is gone
    page = coordinator_client.get(response["Location"]).content.decode()
    assert job.parameters["message"] in page and job.parameters["next"] in page
    assert "25" in job.parameters["message"]

    preview = coordinator_client.get(job.parameters["next"])
    assert preview.status_code == 200
    assert preview.context["counts"] == {"new": 24, "update": 1, "unchanged": 0, "invalid": 0}
    html = preview.content.decode()
    assert "متدربة رقم 24" in html and "منسقة" in html  # a new row; the update's new position
    # The session now holds it: the plain preview page (after a language switch, a reload) shows it too.
    assert coordinator_client.get(PREVIEW).context["state"]["token"] == preview.context["state"]["token"]

    data = {"token": preview.context["state"]["token"], "digest": preview.context["plan"].digest}
    coordinator_client.post(CONFIRM, data)
    if save_in_background:
        run_worker()
    assert Person.objects.count() == before + 24
    saved = Person.objects.get(full_name="متدربة رقم 24")
    assert (saved.organization, saved.phone, saved.birth_year, saved.gender) == (org, "0944000024", 1990, Gender.FEMALE)
    assert Person.objects.get(full_name="متدربة رقم 0").position == "منسقة"
    assert saved.created_by == coordinator_user


def test_the_job_page_counts_the_rows_checked(coordinator_client, org, monkeypatch):
    """While it runs, the job's page says how many rows of the file are checked (written as it goes)."""
    seen = []
    flush = Progress.flush

    def watch(progress):
        flush(progress)
        job = Job.objects.get()
        page = coordinator_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
        seen.append((job.done, job.total, f'max="{job.total}" value="{job.done}"' in page))

    monkeypatch.setattr(Progress, "flush", watch)
    monkeypatch.setattr(progress_module, "EVERY_SECONDS", 0)
    read(coordinator_client, xlsx_bytes(trainees(20)))
    assert seen[0] == (0, 20, True) and seen[-1] == (20, 20, True)
    assert [done for done, _total, _shown in seen] == sorted(done for done, _total, _shown in seen)


def test_invalid_rows_of_a_large_file_are_shown_and_cannot_be_confirmed(coordinator_client, org):
    rows = [*trainees(20), ("", "أنثى", "بصمة أمل"), ("هدى", "؟", "منظمة لا توجد")]
    read(coordinator_client, xlsx_bytes(rows))
    preview = coordinator_client.get(Job.objects.get().parameters["next"])
    assert preview.context["counts"]["invalid"] == 2 and not preview.context["plan"].is_valid
    html = preview.content.decode()
    assert "منظمة لا توجد" in html and CONFIRM not in html
    token = preview.context["state"]["token"]
    coordinator_client.post(CONFIRM, {"token": token, "digest": preview.context["plan"].digest})
    assert not Person.objects.exists()


def test_a_change_between_preview_and_confirm_is_caught(coordinator_client, org):
    read(coordinator_client, xlsx_bytes(trainees(15)))
    preview = coordinator_client.get(Job.objects.get().parameters["next"])
    assert preview.context["counts"]["new"] == 15
    PersonFactory(full_name="متدربة رقم 3", organization=org, gender=Gender.FEMALE, position="")  # meanwhile

    data = {"token": preview.context["state"]["token"], "digest": preview.context["plan"].digest}
    response = coordinator_client.post(CONFIRM, data)

    assert response["Location"] == PREVIEW and Person.objects.count() == 1
    again = coordinator_client.get(PREVIEW)  # the stored preview shows what the confirm found
    assert again.context["counts"] == {"new": 14, "update": 1, "unchanged": 0, "invalid": 0}
    data["digest"] = again.context["plan"].digest
    coordinator_client.post(CONFIRM, data)
    assert Person.objects.count() == 15


def test_a_file_refused_whole_fails_its_job_with_the_same_message(coordinator_client, org, settings):
    headers = [h for h in HEADERS if h != "الجنس"]
    small = send(coordinator_client, xlsx_bytes([("هدى", "بصمة أمل")], headers=headers))
    message = small.context["form"].errors["file"][0]  # as the request says it for a small file
    rows = [(f"متدربة رقم {n}", "بصمة أمل") for n in range(30)]

    job = read(coordinator_client, xlsx_bytes(rows, headers=headers))

    assert job.status == JobStatus.FAILED and job.error == message and "الجنس" in message
    page = coordinator_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert message in page and f'href="{UPLOAD}"' in page
    assert not PendingImport.objects.exists() and not Person.objects.exists()
    assert stored_uploads(settings) == []


def test_too_many_rows_are_refused_by_the_job_in_the_users_language(coordinator_client, org):
    coordinator_client.cookies["django_language"] = "en"
    job = read(coordinator_client, xlsx_bytes(trainees(imports.MAX_ROWS + 1)))
    assert job.status == JobStatus.FAILED
    assert (
        job.error
        == f"The file has more than {imports.MAX_ROWS} rows; import at most {imports.MAX_ROWS} rows at a time."
    )
    assert not PendingImport.objects.exists() and not Person.objects.exists()


def test_a_resent_upload_joins_the_same_job(coordinator_client, org, settings):
    content = xlsx_bytes(trainees(20))
    first, second = send(coordinator_client, content), send(coordinator_client, content)
    assert first["Location"] == second["Location"] and Job.objects.count() == 1
    assert len(stored_uploads(settings)) == 1
    run_worker()
    assert PendingImport.objects.count() == 1
    other = send(coordinator_client, xlsx_bytes(trainees(21)))  # another file: another job
    assert other["Location"] != first["Location"] and Job.objects.count() == 2


def test_another_user_sees_neither_the_job_nor_the_preview(coordinator_client, org):
    job = read(coordinator_client, xlsx_bytes(trainees(15)))
    waiting = PendingImport.objects.get()
    other = UserFactory(username="coordinator2", role=COORDINATOR)
    intruder = Client()
    intruder.force_login(other)

    assert intruder.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    response = intruder.get(job.parameters["next"])
    assert response.status_code == 302 and response["Location"] == UPLOAD
    assert intruder.get(PREVIEW)["Location"] == UPLOAD  # nothing went into their session
    digest = imports.Plan([]).digest
    intruder.post(CONFIRM, {"token": waiting.token, "digest": digest})
    assert not Person.objects.exists()
    waiting.refresh_from_db()
    assert waiting.consumed_at is None
    assert coordinator_client.get(job.parameters["next"]).status_code == 200  # still its owner's


def test_the_preview_of_a_large_file_costs_the_same_queries_at_any_size(
    coordinator_client, org, django_assert_max_num_queries
):
    counts = []
    for size in (15, 150):
        Job.objects.all().delete()
        job = read(coordinator_client, xlsx_bytes(trainees(size)))
        coordinator_client.get(job.parameters["next"])  # the first visit takes it into the session
        with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as queries:
            response = coordinator_client.get(job.parameters["next"])
        assert response.context["counts"]["new"] == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
