"""How a builder tells its job's page how far it got (and that its worker is alive)."""

import time

from django.utils import timezone

from core.models import Job, JobStatus

# Progress is written at most this often (one UPDATE), and at each step after a pause.
EVERY_SECONDS = 1.0


class Abandoned(Exception):
    """This run was given up (its worker thought dead, the job retried or deleted): stop working."""


class Progress:
    def __init__(self, job):
        self.job_id = job.pk
        self.attempt = job.attempt
        self.done = 0
        self.total = job.total
        self._written = 0.0

    def set_total(self, total):
        self.total = total
        self.flush()

    def step(self, count=1):
        self.done += count
        if time.monotonic() - self._written >= EVERY_SECONDS:
            self.flush()

    def over(self, iterable, total=None):
        """Yield iterable's items, counting each one as done."""
        if total is not None:
            self.set_total(total)
        for item in iterable:
            yield item
            self.step()

    def flush(self):
        """Write done/total and the heartbeat; raise Abandoned if this run no longer owns the job."""
        self._written = time.monotonic()
        updated = Job.objects.filter(pk=self.job_id, attempt=self.attempt, status=JobStatus.RUNNING).update(
            done=self.done, total=max(self.total, self.done), heartbeat_at=timezone.now()
        )
        if not updated:
            raise Abandoned(self.job_id)
