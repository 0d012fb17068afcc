"""core's tables: the one-time tokens of create forms (core.once), background jobs (core.jobs),
the data version and the figures kept for it (core.data_version, core.kept)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UsedToken(models.Model):
    """A create form's token, claimed by the POST that saved its row; the unique token makes a second claim fail.

    url: where the row saved stands, for a resend of the same form to go to.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("used form token")
        verbose_name_plural = _("used form tokens")

    def __str__(self):
        return self.token


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A long piece of work (an export, a ZIP of PDFs) done off the request, and its file.

    Ours, not the task backend's: the progress page reads only this row, whichever
    backend (database, RQ) runs the task. builder is the dotted path of the function that
    writes the file (see core.jobs); attempt counts the runs, so a late finish of a run
    already given up (its worker was thought dead, the job retried) changes nothing.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    label = models.CharField(_("what"), max_length=300)
    builder = models.CharField(max_length=200)
    parameters = models.JSONField(default=dict, blank=True)
    digest = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    attempt = models.PositiveIntegerField(default=0)
    file = models.CharField(max_length=200, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="core_job_status_beat")]

    def __str__(self):
        return self.label


class DataVersion(models.Model):
    """One row: the version of the data, moved by the database at each commit that changes it (core.data_version)."""

    number = models.BigIntegerField(default=1)

    def __str__(self):
        return str(self.number)


class DataChange(models.Model):
    """A transaction that changed data, noted until it commits (PostgreSQL; core.data_version)."""

    at = models.DateTimeField()

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S}"


class KeptFigures(models.Model):
    """Figures computed once and kept for the data version they were computed at (core.kept).

    Derived data only: counts and names of organisations, never a person's.
    """

    key = models.CharField(max_length=64, unique=True)
    version = models.BigIntegerField(db_index=True)
    data = models.BinaryField()
    kept_at = models.DateTimeField()

    def __str__(self):
        return f"{self.key[:12]} @ {self.version}"
