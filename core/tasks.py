"""The tasks of Django's Tasks API (django-tasks now, django.tasks from Django 6): they carry only ids.

Everything a page shows lives in core.models.Job, so the backend (database, RQ) can change
without the pages noticing.
"""

from django_tasks import task

from core.jobs import cleanup, runner


@task()
def run_job(job_id: int):
    """Write the file of the job job_id (see core/jobs/runner.py)."""
    return runner.run(job_id)


@task()
def cleanup_jobs():
    """Delete expired jobs and their files; give up on jobs whose worker died (manage.py cleanup_jobs)."""
    return cleanup.sweep()
