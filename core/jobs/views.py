"""A job's page (progress, then the download link), its download and its retry; the list of one's jobs."""

from datetime import timedelta

from django.conf import settings
from django.dispatch import Signal
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.jobs import files, runner, start
from core.models import Job, JobStatus

# Sent when a job's file is handed out: sender is Job, with job and user. The export log
# (trainings.excel) records the downloads of its workbooks from it.
job_downloaded = Signal()

REFRESH_SECONDS = 2
# A job waiting this long says that no worker seems to be running.
SLOW_START = timedelta(seconds=30)
MY_JOBS = 50


def _visible(user):
    """The jobs user may open: their own, or every one for an administrator."""
    jobs = Job.objects.all()
    return jobs if user.has_perm("core.view_job") else jobs.filter(owner=user)


def _job(request, pk):
    job = get_object_or_404(_visible(request.user), pk=pk)
    if job.status == JobStatus.RUNNING and runner.give_up_stale(Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return job


def _error_message(job):
    known = {
        runner.UNEXPECTED: _(
            "The file could not be made because of an error on the server. Try again; if it fails again, tell an administrator."
        ),
        runner.WORKER_LOST: _("The file could not be made: the worker writing it stopped before the end. Try again."),
        runner.GONE: _(
            "The file could not be made: what it was to hold no longer exists, or is no longer yours to see."
        ),
        runner.QUEUE_DOWN: _("The file could not be made: the job queue could not be reached. Try again in a moment."),
    }
    return known.get(job.error, job.error)


def _estimate(job, now):
    """Seconds left, from the pace so far, or None when it cannot be told yet."""
    if job.status != JobStatus.RUNNING or not job.started_at or not job.done or not job.total:
        return None
    elapsed = (now - job.started_at).total_seconds()
    left = max(job.total - job.done, 0)
    return round(elapsed / job.done * left)


def _unit(kind):
    """What a job counts, for the page: files (an archive), rows (a workbook), or nothing (one report)."""
    if kind.endswith("zip"):
        return "files"
    return "" if kind.startswith("reports.") else "rows"


def detail(request, pk):
    job = _job(request, pk)
    now = timezone.now()
    active = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    context = {
        "job": job,
        "active": active,
        "refresh": REFRESH_SECONDS if active else None,
        "percent": min(100, round(100 * job.done / job.total)) if job.total else 0,
        "seconds_left": _estimate(job, now),
        "slow_start": job.status == JobStatus.QUEUED and now - job.created_at > SLOW_START,
        "error": _error_message(job) if job.status == JobStatus.FAILED else "",
        "expired": job.status == JobStatus.DONE and job.expires_at < now,
        "unit": _unit(job.kind),
    }
    return render(request, "jobs/detail.html", context)


def download(request, pk):
    job = _job(request, pk)
    if job.status != JobStatus.DONE or job.expires_at < timezone.now():
        return redirect("jobs:detail", job.pk)
    try:
        handle = open(files.full_path(job.file), "rb")  # noqa: SIM115 - FileResponse closes it
    except FileNotFoundError as missing:
        raise Http404(_("This file is no longer kept.")) from missing
    job_downloaded.send(sender=Job, job=job, user=request.user)
    return FileResponse(handle, as_attachment=True, filename=job.filename, content_type=job.content_type)


@require_POST
def retry(request, pk):
    job = _job(request, pk)
    start.retry(job)
    return redirect("jobs:detail", job.pk)


def mine(request):
    jobs = Job.objects.filter(owner=request.user).order_by("-created_at")[:MY_JOBS]
    return render(request, "jobs/list.html", {"jobs": jobs, "keep_days": settings.JOBS_KEEP_DAYS})
