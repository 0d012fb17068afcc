"""Running a job (in a worker, or in the request with the immediate backend) and giving up on dead ones."""

import logging
import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.http import Http404
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from core.jobs import files
from core.jobs.progress import Abandoned, Progress
from core.models import Job, JobStatus

logger = logging.getLogger(__name__)

# What the page shows for a failure nobody foresaw (the details go to the log).
UNEXPECTED = "unexpected"
WORKER_LOST = "worker-lost"
QUEUE_DOWN = "queue-down"
GONE = "gone"


class Refused(Exception):
    """A builder's refusal with a message for the user (already in their language)."""


def claim(job_id):
    """Mark the job running as a new attempt; None if it is not waiting (already run, or deleted)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, attempt=F("attempt") + 1, started_at=now, heartbeat_at=now, done=0, error=""
    )
    return Job.objects.filter(pk=job_id).first() if claimed else None


def run(job_id):
    """Run the job job_id once; its row says how it went. A second delivery of the task does nothing."""
    job = claim(job_id)
    if job is None:
        return None
    suffix = Path(job.filename).suffix
    path = files.scratch(suffix)
    mine = Job.objects.filter(pk=job.pk, attempt=job.attempt, status=JobStatus.RUNNING)
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            count = import_string(job.builder)(job, Progress(job), path)
    except Abandoned:
        path.unlink(missing_ok=True)
        return None
    except Http404:
        path.unlink(missing_ok=True)
        mine.update(status=JobStatus.FAILED, error=GONE, finished_at=timezone.now())
        return None
    except Refused as refused:
        path.unlink(missing_ok=True)
        mine.update(status=JobStatus.FAILED, error=str(refused), finished_at=timezone.now())
        return None
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        path.unlink(missing_ok=True)
        mine.update(status=JobStatus.FAILED, error=UNEXPECTED, finished_at=timezone.now())
        return None
    if job.filename:
        final = Path(files.JOBS_DIR) / f"{job.pk}-{job.attempt}{suffix}"
        os.replace(path, files.root() / final)
    else:  # a job that saves instead of writing a file (a large import): its page says what it did
        path.unlink(missing_ok=True)
        final = ""
    finished = mine.update(
        status=JobStatus.DONE,
        file=str(final),
        rows=count or 0,
        done=F("total") if not count else count,
        total=count or F("total"),
        finished_at=timezone.now(),
    )
    if not finished:  # given up meanwhile (marked failed, retried): this file is nobody's
        files.remove(str(final))
    return count


def give_up_stale(queryset=None):
    """Mark failed the running jobs whose worker gave no sign of life for JOBS_STALE_SECONDS (killed)."""
    queryset = Job.objects.all() if queryset is None else queryset
    limit = timezone.now() - timedelta(seconds=settings.JOBS_STALE_SECONDS)
    return queryset.filter(status=JobStatus.RUNNING, heartbeat_at__lt=limit).update(
        status=JobStatus.FAILED, error=WORKER_LOST, finished_at=timezone.now()
    )
