"""Starting a job from a view: one row of ours, one task on the backend, a redirect to its page."""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import get_language

from core.jobs import runner
from core.models import Job, JobStatus

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
ZIP = "application/zip"

# A second click within this time on the same export joins the job the first one started.
SAME_JOB_WITHIN = timedelta(minutes=10)


def _digest(kind, builder, parameters, language):
    text = json.dumps([kind, builder, parameters, language], sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def start(user, *, kind, label, builder, parameters, filename, content_type, total=0):
    """The job writing filename with builder(job, progress, path), started now or already under way.

    parameters must be JSON (ids, ISO dates): the builder reads the records again in the
    worker, through the same centre scoping as the page (the owner is job.owner).
    """
    language = get_language() or settings.LANGUAGE_CODE
    parameters = json.loads(json.dumps(parameters, cls=DjangoJSONEncoder))
    digest = _digest(kind, builder, parameters, language)
    now = timezone.now()
    waiting = Job.objects.filter(
        owner=user,
        digest=digest,
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
        created_at__gte=now - SAME_JOB_WITHIN,
    ).first()
    if waiting is not None:
        return waiting
    job = Job.objects.create(
        owner=user,
        kind=kind,
        label=str(label)[:300],
        builder=builder,
        parameters=parameters,
        digest=digest,
        language=language,
        filename=filename[:200],
        content_type=content_type,
        total=total,
        expires_at=now + timedelta(days=settings.JOBS_KEEP_DAYS),
    )
    enqueue(job)
    return job


def enqueue(job):
    """Hand the job to the task backend; if the queue cannot be reached, the job fails (and can be retried)."""
    from core.tasks import run_job

    try:
        result = run_job.enqueue(job.pk)
    except Exception:
        logger.exception("Job %s could not be queued", job.pk)
        Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
            status=JobStatus.FAILED, error=runner.QUEUE_DOWN, finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def retry(job):
    """Queue a failed job again; True if this call did it (a second click finds it queued already)."""
    again = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED,
        error="",
        done=0,
        finished_at=None,
        started_at=None,
        heartbeat_at=None,
        created_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=settings.JOBS_KEEP_DAYS),
    )
    if again:
        job.refresh_from_db()
        enqueue(job)
    return bool(again)


def job_request(job, query=""):
    """A GET request as the job's owner made it (filters, language), for a builder that answers a view."""
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    request.user = job.owner
    request.LANGUAGE_CODE = job.language
    request.META["SERVER_NAME"] = "jobs"
    request.META["SERVER_PORT"] = "80"
    return request


def respond(job):
    """The answer of the request that asked for the work: the job's page."""
    return redirect("jobs:detail", job.pk)
