"""A large trainee list is read in the background: the upload stores the file and starts a job.

The job (read_job) reads the rows, stores them in a PendingImport, builds the plan
once and keeps it as the preview (pending.Preview), so the preview page shows it
without checking every row again on each visit. The confirm still rebuilds the
plan and compares its digest, so a change in the data since is still caught.

Whether a file is large is told from the size its first sheet declares (its
<dimension>, read by openpyxl read-only: 4 ms at 2,000 rows). A sheet declaring none,
or one past the bounds, is scanned (imports.SheetScan, flat memory: 50 ms at 2,000
rows; a hostile file is refused there, in the request, as before). A sheet declaring
fewer rows than it holds is read in the request as a small one (bounded by
imports.MAX_ROWS all the same); a damaged file too, to be refused there as before.
"""

import hashlib
import zipfile
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.centres import scope
from core.jobs import files as job_files
from core.jobs.runner import Refused
from core.jobs.start import respond, start
from core.models import Job
from organizations import imports
from organizations.models import Organization
from trainings.excel import pending


def read_threshold():
    """Above this many data rows the upload is read by a job. Its own setting, since reading
    and checking (this) and saving (JOBS_SYNC_IMPORT_ROWS) do not cost the same per row."""
    return settings.JOBS_SYNC_IMPORT_READ_ROWS


def declared_rows(upload):
    """The number of data rows the first sheet says it has (header excluded); 0 if it cannot be told.

    Raises FileRejected for a file past the bounds of imports (zip sizes, the sheet's
    area): those are refused in the request, in a fraction of a second, as before.
    """
    import openpyxl

    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            imports.check_archive(archive)  # nothing is unpacked from a file that lies about its sizes
        upload.seek(0)
        workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = sheet.max_row or 0
            # No <dimension>, an unknown one ("A1") or one past the bounds: the scan counts the
            # rows, or stops at the first bound crossed.
            if rows <= 1 or rows > imports.MAX_SHEET_ROWS:
                with sheet._get_source() as source:
                    rows = imports.SheetScan().read(source).max_row
        finally:
            workbook.close()
    except imports.FileRejected:
        raise
    except Exception:  # a damaged file: read_rows refuses it in the request, with its message
        return 0
    finally:
        upload.seek(0)
    return max(rows - 1, 0)


def _stored_name(user, content_digest, organization, name):
    """The file's name under PRIVATE_ROOT/jobs: one per owner, content, organisation and name.

    So a resent upload writes the same file again and joins the same job; the cleanup of
    jobs' files (core.jobs.cleanup) sweeps one a job never removed.
    """
    key = hashlib.sha256(f"{user.pk}\n{content_digest}\n{organization}\n{name}".encode()).hexdigest()[:40]
    return f"{job_files.JOBS_DIR}/upload-{key}.xlsx"


def start_reading(request, upload, organization, rows):
    """Store the uploaded file privately and start (or join) the job reading its rows; its page as the answer."""
    upload.seek(0)
    content = upload.read()
    content_digest = hashlib.sha256(content).hexdigest()
    name = upload.name[:200]
    organization_id = organization.pk if organization else None
    relative = _stored_name(request.user, content_digest, organization_id, name)
    job_files.directory(job_files.JOBS_DIR)  # made if missing
    job_files.write_whole(job_files.root() / relative, content)
    job = start(
        request.user,
        kind="excel.import_read",
        label=_("Reading a trainee list: %(name)s") % {"name": name},
        builder="trainings.excel.import_read.read_job",
        parameters={
            "sha256": content_digest,
            "name": name,
            "organization": organization_id,
            "file": relative,
            "back": reverse("excel:import_upload"),
        },
        filename="",
        content_type="",
        total=rows,
    )
    return respond(job)


def _organization(job):
    """The default organisation chosen at the upload, still among the owner's (Http404: the job is then gone)."""
    pk = job.parameters["organization"]
    if pk is None:
        return None
    found = scope(Organization.objects.all(), job.owner).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _read(job, organization):
    """The rows of the stored file; Refused (and the file removed) if it is not a trainee list."""
    relative = job.parameters["file"]
    try:
        content = job_files.full_path(relative).read_bytes()
    except FileNotFoundError as missing:
        raise Refused(_("There is no uploaded file waiting: upload it again.")) from missing
    upload = SimpleUploadedFile(job.parameters["name"], content)
    try:
        return imports.read_rows(upload, organization_column=organization is None)
    except imports.FileRejected as error:
        job_files.remove(relative)  # refused whole: nothing is kept
        raise Refused(error.message) from error


def read_job(job, progress, path):
    """Read the stored upload, keep its rows and its plan (the preview); the page then links to the preview."""
    organization = _organization(job)
    rows = _read(job, organization)
    waiting = pending.create(job.owner, job.parameters["name"], organization, rows)
    # Not one transaction, so that the job's page sees the progress; a run stopped midway
    # leaves no import behind.
    try:
        plan = pending.plan_of(waiting, progress)
        pending.Preview.of(plan).store(waiting)
    except BaseException:  # given up or failed: a retry reads the file again
        waiting.delete()
        raise
    job_files.remove(job.parameters["file"])  # the rows are kept now; the file is not needed again
    message = ngettext(
        "The file was read: %(count)s row. Check the preview, then confirm.",
        "The file was read: %(count)s rows. Check the preview, then confirm.",
        len(rows),
    ) % {"count": len(rows)}
    next_url = f"{reverse('excel:import_preview')}?{urlencode({'token': waiting.token})}"
    Job.objects.filter(pk=job.pk).update(parameters={**job.parameters, "message": message, "next": next_url})
    return len(rows)
