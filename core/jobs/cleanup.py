"""Expired jobs and files go; jobs whose worker died are marked failed.

Run by `manage.py cleanup_jobs` (cron or a systemd timer, hourly; README) or the
cleanup_jobs task; the job pages also give up on a dead job when shown.
"""

import time
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from core.jobs import files, runner
from core.models import Job


def sweep():
    """Give up on dead jobs, delete expired ones, their files and old cached PDFs; return the counts."""
    lost = runner.give_up_stale()
    expired = Job.objects.filter(expires_at__lt=timezone.now())
    deleted = 0
    for pk, file in expired.values_list("pk", "file").iterator():
        files.remove(file)
        deleted += Job.objects.filter(pk=pk).delete()[0]
    keep = settings.JOBS_KEEP_DAYS * 24 * 3600
    stray = _old_files(files.JOBS_DIR, keep, kept=set(Job.objects.exclude(file="").values_list("file", flat=True)))
    cached = _old_files(files.CACHE_DIR, keep)
    return {"lost": lost, "expired": deleted, "stray files": stray, "cached files": cached, "tasks": _old_tasks()}


def _old_files(name, seconds, kept=()):
    """Delete the files of PRIVATE_ROOT/name older than seconds (but those in kept); return how many."""
    directory = files.root() / name
    if not directory.is_dir():
        return 0
    limit = time.time() - seconds
    removed = 0
    for path in directory.iterdir():
        if path.is_file() and f"{name}/{path.name}" not in kept and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _old_tasks():
    """The database backend's finished task rows older than the jobs kept."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    limit = timezone.now() - timedelta(days=settings.JOBS_KEEP_DAYS)
    return DBTaskResult.objects.filter(finished_at__lt=limit).delete()[0]
